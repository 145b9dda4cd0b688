# Client: a custom reason phrase and an HTTP/1.0 close-delimited body.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.0 299 Very Custom Reason\r\nX-A: b\r\n\r\nbody until close'


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
        log('response', res.statusCode, res.statusMessage, res.httpVersion)
        res.setEncoding('utf8')
        body = ''

        def ondata(d):
            nonlocal body
            body += d
        res.on('data', ondata)

        def onend():
            log('end', q(body), res.complete)
            server.close()
        res.on('end', onend)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
