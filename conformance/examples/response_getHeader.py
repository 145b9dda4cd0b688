# Node doc (http.md), response.getHeader(name): the doc's fragment, run inside the
# smallest server that runs it, and a client that prints what it received.
import json

from nodehttp import Buffer, http


def stringify(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)

body = 'hello world'

def handler(request, response):
    # -- the doc's lines --
    response.setHeader('Content-Type', 'text/html')
    response.setHeader('Content-Length', Buffer.byteLength(body))
    response.setHeader('Set-Cookie', ['type=ninja', 'language=javascript'])
    contentType = response.getHeader('content-type')
    # contentType is 'text/html'
    contentLength = response.getHeader('Content-Length')
    # contentLength is of type number
    setCookie = response.getHeader('set-cookie')
    # setCookie is of type string[]
    # --
    print(stringify([contentType, contentLength, setCookie]))
    response.end(body)


server = http.createServer(handler)


def onlisten():
    def onresponse(res):
        del res.headers['date']
        print(f'{res.statusCode} {stringify(res.statusMessage)} {stringify(res.headers)}')
        res.setEncoding('utf8')
        data = ''

        def ondata(chunk):
            nonlocal data
            data += chunk
        res.on('data', ondata)

        def onend():
            print(f'{stringify(data)} {stringify(res.trailers)}')
            server.close()
        res.on('end', onend)
    http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
