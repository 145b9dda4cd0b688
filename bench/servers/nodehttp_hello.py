"""Benchmark server: nodehttp, written as Node code is (python -m nodehttp nodehttp_hello.py PORT [doc|cached]).

GET any path -> 200 "Hello, World!"; POST /echo -> the request body, read fully, echoed back;
POST /pipe -> the request body streamed back with `req.pipe(res)` (back-pressure end to end).
The same handlers as node_hello.js, line for line.

`doc` (the default, the headline): the handler as the Node docs write it -- a fresh header dict
per response, no Content-Length, `res.end(body)`. `cached`: one module-level header dict with a
precomputed Content-Length (it hits the header cache's identity check), the echo's
Content-Length set by hand.
"""
import sys

from nodehttp import http

HELLO = b'Hello, World!'
HELLO_HEADERS = {'Content-Type': 'text/plain', 'Content-Length': len(HELLO)}


def doc_handler(req, res):
    if req.url == '/pipe':
        res.writeHead(200, {'Content-Type': 'application/octet-stream'})
        req.pipe(res)
        return
    if req.method == 'POST':
        chunks = []

        def ondata(chunk):
            chunks.append(chunk)

        def onend():
            body = b''.join(chunks)  # Buffer.concat(chunks)
            res.writeHead(200, {'Content-Type': 'application/octet-stream'})
            res.end(body)

        req.on('data', ondata)
        req.on('end', onend)
        return
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.end('Hello, World!')


def cached_handler(req, res):
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


mode = sys.argv[2] if len(sys.argv) > 2 else 'doc'
server = http.createServer(cached_handler if mode == 'cached' else doc_handler)
server.keepAliveTimeout = 60000
server.listen(int(sys.argv[1]), '127.0.0.1', lambda: print('ready', flush=True))
