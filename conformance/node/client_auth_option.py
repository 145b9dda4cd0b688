# Client: the auth option becomes a Basic Authorization header.
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
    http.get({'port': port, 'host': '127.0.0.1', 'auth': 'user:p@ss:word'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
