# Client: event order of a successful GET, both ends in one process.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    log('server request', req.method, req.url)
    res.end('hi')


server = http.createServer(handler)


def onlisten():
    req = http.get({'port': server.address()['port'], 'host': '127.0.0.1', 'path': '/x'})

    def onsocket(socket):
        log('req socket')
        socket.on('connect', lambda: log('socket connect'))
        socket.on('close', lambda: log('socket close'))
    req.on('socket', onsocket)
    req.on('finish', lambda: log('req finish'))

    def onresponse(res):
        log('response', res.statusCode, res.statusMessage, res.httpVersion)
        res.on('data', lambda d: log('data', q(d.decode())))
        res.on('end', lambda: log('res end', res.complete))
        res.on('close', lambda: log('res close'))
    req.on('response', onresponse)

    def onclose():
        log('req close')
        server.close()
    req.on('close', onclose)
    log('sync after get', req.method, req.path, req.finished)


server.listen(0, '127.0.0.1', onlisten)
