# IncomingMessage: a chunked request body with trailers (trailers, rawTrailers, complete).
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request', req.headers['transfer-encoding'], req.complete)
    chunks = []
    req.on('data', lambda c: chunks.append(c))

    def onend():
        log('body', q(b''.join(chunks).decode()), req.complete)
        log('trailers', req.trailers, req.rawTrailers)
        res.end()
    req.on('end', onend)


server.on('request', handler)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def onend():
        log('client got', q(re.sub(r'Date: .*\r\n', 'Date: <date>\r\n', got)))
        client.end()
    client.on('end', onend)

    def onclose():
        log('client close')
        server.close(lambda: log('server close'))
    client.on('close', onclose)
    client.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Check\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Check: abc\r\nx-check: def\r\nX-Other: 1\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
