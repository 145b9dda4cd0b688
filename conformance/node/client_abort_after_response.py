# Client: abort() inside the 'response' listener: res 'aborted', then 'end'/'close'.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    res.write('partial')

    def onclose():
        log('server req close')
        server.close()
    req.on('close', onclose)


server = http.createServer(handler)


def onlisten():
    def onresponse(res):
        log('response', res.statusCode)
        res.on('aborted', lambda: log('res aborted'))
        res.on('end', lambda: log('res end', res.complete))
        res.on('close', lambda: log('res close'))

        def ondata(d):
            log('data', q(d.decode()))
            req.abort()
        res.on('data', ondata)
    req = http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onresponse)
    req.on('abort', lambda: log('req abort'))
    req.on('error', lambda err: log('req error', err.code))
    req.on('close', lambda: log('req close'))


server.listen(0, '127.0.0.1', onlisten)
