# Client: a 101 response fires 'upgrade' with the socket and the bytes after the head.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: proto\r\nConnection: Upgrade\r\n\r\nextra bytes'


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
    req = http.get({'port': port, 'host': '127.0.0.1', 'headers': {'Connection': 'Upgrade', 'Upgrade': 'proto'}})
    req.on('response', lambda res: log('response must not fire'))

    def onupgrade(res, socket, head):
        log('upgrade', res.statusCode, res.headers, q(head.decode()))
        socket.on('data', lambda d: log('socket data', q(d.decode())))

        def onend():
            log('socket end')
            socket.end()
            server.close()
        socket.on('end', onend)
    req.on('upgrade', onupgrade)
    req.on('close', lambda: log('req close'))


server.listen(0, '127.0.0.1', onlisten)
