# Client: the headers Node sends by default for GET, POST with end(data), and write() (chunked).
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
    left = 3

    def done(res):
        def onend():
            nonlocal left
            left -= 1
            if left == 0:
                server.close()
        res.resume()
        res.on('end', onend)

    def onget(res):
        done(res)

        def onpost(res):
            done(res)
            chunked = http.request({'port': port, 'host': '127.0.0.1', 'method': 'PUT', 'path': '/chunked'}, done)
            chunked.write('a')
            chunked.end('b')
        post = http.request({'port': port, 'host': '127.0.0.1', 'method': 'POST', 'path': '/post'}, onpost)
        post.end('data')
    http.get({'port': port, 'host': '127.0.0.1', 'path': '/get'}, onget)


server.listen(0, '127.0.0.1', onlisten)
