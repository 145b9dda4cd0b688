# Client: abort() right after request(): 'abort', no response, socket hang up.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer(lambda req, res: log('request must not fire'))


def onlisten():
    req = http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, lambda res: log('response must not fire'))
    def onsocket(socket):
        log('socket')

        def onclose():
            log('socket close')
        socket.on('close', onclose)
    req.on('socket', onsocket)
    def onabort():
        log('abort', req.aborted is not None)
        server.close(lambda: log('server close'))
    req.on('abort', onabort)
    req.on('error', lambda err: log('error', err.code, err.message))
    req.on('close', lambda: log('close'))
    req.abort()
    log('aborted', req.aborted is not None)


server.listen(0, '127.0.0.1', onlisten)
