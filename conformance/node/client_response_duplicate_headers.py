# Client: duplicate response headers (set-cookie list, first wins, joined) and rawHeaders.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Type: a/b\r\nContent-Type: c/d\r\nX-Many: 1\r\nX-Many: 2\r\nETag: e1\r\nETag: e2\r\nLocation: l1\r\nLocation: l2\r\nVary: v1\r\nVary: v2\r\nContent-Length: 0\r\n\r\n'


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
        log(res.headers)
        log(res.rawHeaders)
        res.resume()
        res.on('end', lambda: server.close())
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
