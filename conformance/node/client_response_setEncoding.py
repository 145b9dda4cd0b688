# Client: res.setEncoding('hex') and 'base64' produce string chunks.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'


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
    def onresponse(res):
        res.setEncoding('hex')
        s = ''

        def ondata(d):
            nonlocal s
            s += d
        res.on('data', ondata)

        def onend():
            log('hex', s)
            server.close()
        res.on('end', onend)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
