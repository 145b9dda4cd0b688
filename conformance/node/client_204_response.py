# Client: a 204 response ends with no body.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n'


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
        log('response', res.statusCode, res.statusMessage, res.headers)
        res.on('data', lambda d: log('data must not fire', len(d)))

        def onend():
            log('end')
            server.close()
        res.on('end', onend)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
