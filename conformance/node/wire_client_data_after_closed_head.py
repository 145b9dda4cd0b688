# Client: bytes after a response whose body is skipped (HEAD) and that is not
# kept alive (Connection: close, HTTP/1.0).  Node 20's llhttp reads nothing
# more: HPE_CLOSED_CONNECTION for any byte but CR/LF, even one that starts
# "HTTP/" (Node 10: HPE_INVALID_CONSTANT, or no error).  Kept alive, CR/LF
# alone: no error.
import json

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


responses = [
    'HTTP/1.1 200\r\nConnection:close\r\n\r\ni',
    'HTTP/1.1 500\r\nConnection:close\r\n\r\nH',
    'HTTP/1.0 600\r\n\r\n1',
    'HTTP/1.1 200\r\nConnection:close\r\nContent-Length: 5\r\n\r\n\r\n',
]


def next_(i):
    if i == len(responses):
        return
    server = net.createServer(lambda s: s.once('data', lambda d: s.end(responses[i].encode('latin-1'))))

    def onlisten():
        def onres(res):
            log('response', res.statusCode, res.rawHeaders)
            res.resume()
            res.on('end', lambda: log('end', res.complete))
        req = http.request({'port': server.address()['port'], 'host': '127.0.0.1', 'method': 'HEAD'}, onres)
        req.on('error', lambda e: log('error', e.code))

        def onclose():
            log('close')
            server.close(lambda *a: next_(i + 1))
        req.on('close', onclose)
        req.end()
    server.listen(0, '127.0.0.1', onlisten)


next_(0)
