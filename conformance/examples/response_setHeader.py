# Node doc (http.md), response.setHeader(name, value): the doc's fragment, run inside the
# smallest server that runs it, and a client that prints what it received.
import json

from nodehttp import http


def stringify(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)


def handler(request, response):
    # -- the doc's lines --
    response.setHeader('Content-Type', 'text/html')
    # --
    response.end('<p>ok</p>')


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
