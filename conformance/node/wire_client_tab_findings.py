# Client: two tabs Node's llhttp reads as Node 10 and 20 agree.  A response
# saying "Connection: close<TAB>" is not closing (no close token): the byte
# after it starts the next response (HPE_INVALID_CONSTANT, not data after
# close).  A tab after a Content-Length's digits fails there
# (HPE_INVALID_CONTENT_LENGTH), before a later bad byte in the same block.
import json

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


responses = [
    'HTTP/1.1 500\r\nContent-Length:0\r\nConnection:close\t\r\n\r\nj',
    'HTTP/1.1 204\r\nContent-Length:5\t\r\n ',
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
        req = http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onres)
        req.on('error', lambda e: log('error', e.code))

        def onclose():
            log('close')
            server.close(lambda *a: next_(i + 1))
        req.on('close', onclose)
    server.listen(0, '127.0.0.1', onlisten)


next_(0)
