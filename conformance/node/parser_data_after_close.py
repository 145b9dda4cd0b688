# Server: bytes after a request that closes the connection (Connection: close,
# then HTTP/1.0) are a parse error: the request is answered, 'clientError' gets
# HPE_CLOSED_CONNECTION where the next request begins.
import json
import re

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    log('request', req.method, req.url, req.httpVersion)
    res.end('ok')


server = http.createServer(handler)


def onerror(err, socket):
    log('clientError', err.code, err.bytesParsed)
    socket.destroy()


server.on('clientError', onerror)

sends = [
    'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /c HTTP/1.0\r\n\r\nGET /d HTTP/1.1\r\nHost: x\r\n\r\n',
]


def next_(i):
    if i == len(sends):
        server.close(lambda: log('server close'))
        return
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def onclose(*_):
        log('client got', q(re.sub(r'Date: .*\r\n', 'Date: <date>\r\n', got)))
        next_(i + 1)
    client.on('close', onclose)
    client.write(sends[i])


server.listen(0, '127.0.0.1', lambda: next_(0))
