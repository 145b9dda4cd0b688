# Node doc (http.md), request.getHeader(name): the doc's fragment on a client request;
# the server prints the headers it received.
import json

from nodehttp import Buffer, http


def stringify(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)


def handler(req, res):
    del req.headers['host']
    print(f'server {req.method} {stringify(req.headers)}')
    req.setEncoding('utf8')
    data = ''

    def ondata(chunk):
        nonlocal data
        data += chunk
    req.on('data', ondata)
    req.on('end', lambda: res.end(f'got {stringify(data)}'))


server = http.createServer(handler)


def onlisten():
    request = http.request({'port': server.address()['port'], 'host': '127.0.0.1', 'method': 'POST'})
    body = 'hello world'
    # -- the doc's lines --
    request.setHeader('content-type', 'text/html')
    request.setHeader('Content-Length', Buffer.byteLength(body))
    request.setHeader('Cookie', ['type=ninja', 'language=javascript'])
    contentType = request.getHeader('Content-Type')
    # contentType is 'text/html'
    contentLength = request.getHeader('Content-Length')
    # contentLength is of type number
    cookie = request.getHeader('Cookie')
    # cookie is of type string[]
    # --
    print(f'client {stringify([contentType, contentLength, cookie])}')
    request.end(body)

    def onresponse(res):
        print(f'client {res.statusCode}')
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(f'client {chunk}'))
        res.on('end', lambda: server.close())
    request.on('response', onresponse)


server.listen(0, '127.0.0.1', onlisten)
