# Client: a response whose Transfer-Encoding merely ends in "chunked"
# (xchunked, or after a non-ASCII byte) is not chunked: its body runs to EOF
# and ends normally (complete true, no 'aborted').
import json

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


responses = [
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\nhello',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: \u00e9chunked\r\n\r\nhello',
]


def next_(i):
    if i == len(responses):
        return
    server = net.createServer(lambda s: s.once('data', lambda d: s.end(responses[i].encode('latin-1'))))

    def onlisten():
        def onres(res):
            body = ''
            res.setEncoding('latin1')

            def ondata(d):
                nonlocal body
                body += d
            res.on('data', ondata)
            res.on('aborted', lambda: log('aborted', res.complete))
            res.on('end', lambda: log('end', res.headers['transfer-encoding'], body, res.complete))
        req = http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onres)
        req.on('error', lambda e: log('error', e.code))

        def onclose():
            log('close')
            server.close(lambda *a: next_(i + 1))
        req.on('close', onclose)
    server.listen(0, '127.0.0.1', onlisten)


next_(0)
