# Client: a HEAD response with Content-Length has no body; the next response on the socket is intact.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n'


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
        log('response', res.statusCode, res.headers['content-length'])
        res.on('data', lambda d: log('data must not fire', len(d)))

        def onend():
            log('end', res.complete)
            server.close()
        res.on('end', onend)
    req = http.request({'port': port, 'host': '127.0.0.1', 'method': 'HEAD'}, onresponse)
    req.end()


server.listen(0, '127.0.0.1', onlisten)
