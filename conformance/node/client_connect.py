# Client: a CONNECT request's 2xx fires 'connect' with the tunnel socket and head.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 Connection Established\r\nProxy-Agent: raw\r\n\r\ntunnel'


def onconnection(socket):
    buf = ''
    socket.setEncoding('latin1')

    def ondata(d):
        nonlocal buf
        buf += d
        if '\r\n\r\n' in buf:
            buf = ''
            socket.end(RESPONSE)
    socket.on('data', ondata)


server = net.createServer(onconnection)


def onlisten():
    port = server.address()['port']
    req = http.request({'port': port, 'host': '127.0.0.1', 'method': 'CONNECT', 'path': 'example.com:443'})
    req.on('response', lambda res: log('response must not fire'))

    def onconnect(res, socket, head):
        log('connect', res.statusCode, res.statusMessage, res.headers, q(head.decode()))

        def onend():
            log('tunnel end')
            socket.end()
            server.close()
        socket.on('end', onend)
        socket.resume()
    req.on('connect', onconnect)
    req.end()


server.listen(0, '127.0.0.1', onlisten)
