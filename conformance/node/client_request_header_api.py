# Client: setHeader/getHeader/getHeaders/getHeaderNames/hasHeader/removeHeader on a ClientRequest.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    port = str(server.address()['port'])
    log('server', req.method, req.url, q('|'.join(req.rawHeaders).replace(port, '<port>')))
    req.resume()
    req.on('end', lambda: res.end())


server = http.createServer(handler)


def onlisten():
    port = server.address()['port']
    def onresponse(res):
        res.resume()
        res.on('end', lambda: server.close())
    req = http.request({'port': port, 'host': '127.0.0.1', 'method': 'POST', 'headers': {'X-Init': 'i'}},
                       onresponse)
    req.setHeader('X-Num', 1)
    req.setHeader('Cookie', ['a=1', 'b=2'])
    log(req.getHeader('x-init'), req.getHeader('X-NUM'), req.getHeader('cookie'), req.getHeader('none'))
    log(req.getHeaderNames())
    log(req.hasHeader('HOST'), req.hasHeader('x-num'))
    req.removeHeader('X-Init')
    log(json.dumps(req.getHeaders(), separators=(',', ':')).replace(str(port), '<port>'))
    req.end()
    try:
        req.setHeader('X-Late', 'x')
    except Exception as err:
        log('late', err.code)


server.listen(0, '127.0.0.1', onlisten)
