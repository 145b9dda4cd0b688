# Client: http.get(URL object) uses its host, port, path and search.
import json

from nodehttp import http, url

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    log('server', req.method, req.url)
    res.end()


server = http.createServer(handler)


def onlisten():
    u = url.URL(f"http://127.0.0.1:{server.address()['port']}/p%20a/th?x=1&y=%C3%A9#frag")

    def onresponse(res):
        log('response', res.statusCode)
        res.resume()
        res.on('end', lambda: server.close())
    http.get(u, onresponse)


server.listen(0, '127.0.0.1', onlisten)
