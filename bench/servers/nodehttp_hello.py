"""Benchmark server: nodehttp, written as Node code is (run: python -m nodehttp nodehttp_hello.py PORT).

GET any path -> 200 "Hello, World!"; POST -> the request body, read fully, echoed back.
The same handler as node_hello.js, line for line.
"""
import sys

from nodehttp import http

HELLO = b'Hello, World!'
HELLO_HEADERS = {'Content-Type': 'text/plain', 'Content-Length': len(HELLO)}


def handler(req, res):
    if req.method == 'POST':
        chunks = []
        req.on('data', chunks.append)

        def onend():
            body = b''.join(chunks)
            res.writeHead(200, {'Content-Type': 'application/octet-stream',
                                'Content-Length': len(body)})
            res.end(body)

        req.on('end', onend)
        return
    res.writeHead(200, HELLO_HEADERS)
    res.end(HELLO)


server = http.createServer(handler)
server.keepAliveTimeout = 60000
server.listen(int(sys.argv[1]), '127.0.0.1', lambda: print('ready', flush=True))
