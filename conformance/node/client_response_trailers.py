# Client: a chunked response with trailers: trailers/rawTrailers after end.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\nx-t: 2\r\nX-U: u\r\n\r\n'


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
        log('before end', res.trailers, res.rawTrailers)
        res.on('data', lambda d: log('data', q(d.decode())))

        def onend():
            log('after end', res.trailers, res.rawTrailers)
            server.close()
        res.on('end', onend)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
