# Client: http.request(url, options, cb): options override the URL; method is upper-cased.
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
    req = http.request(f'http://127.0.0.1:{port}/from-url?q=1', {'method': 'post', 'headers': {'X-Opt': 'yes'}},
                       onresponse)
    log('client', req.method, req.path)
    req.end()


server.listen(0, '127.0.0.1', onlisten)
