# Node doc (http.md), "response.setHeader(name, value)": setHeader and writeHead
# merged, writeHead's value wins; a client prints what it received.
import json

from nodehttp import http


# returns content-type = text/plain
def handler(req, res):
    res.setHeader('Content-Type', 'text/html')
    res.setHeader('X-Foo', 'bar')
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.end('ok')


server = http.createServer(handler)


def onlisten():
    def onresponse(res):
        del res.headers['date']
        print(f"{res.statusCode} {json.dumps(res.headers, separators=(',', ':'))}")
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(chunk))
        res.on('end', lambda: server.close())
    http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
