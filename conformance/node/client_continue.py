# Client: Expect: 100-continue; the body is sent on 'continue'.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    log('server request', req.headers['expect'])
    req.setEncoding('utf8')
    body = ''

    def ondata(c):
        nonlocal body
        body += c
    req.on('data', ondata)
    req.on('end', lambda: res.end(f'got {body}'))


server = http.createServer(handler)


def onlisten():
    def onresponse(res):
        log('response', res.statusCode)
        res.setEncoding('utf8')
        res.on('data', lambda d: log('data', d))
        res.on('end', lambda: server.close())
    req = http.request({
        'port': server.address()['port'], 'host': '127.0.0.1', 'method': 'POST',
        'headers': {'Expect': '100-continue', 'Content-Length': 4}
    }, onresponse)
    req.on('information', lambda info: log('information', info['statusCode']))

    def oncontinue():
        log('continue')
        req.end('body')
    req.on('continue', oncontinue)


server.listen(0, '127.0.0.1', onlisten)
