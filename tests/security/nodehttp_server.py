"""The nodehttp twin of node_server.js, ported line by line.

Default server options; the handler reads the whole body, then answers 200
with a fixed body and X-Body-Length echoing how many body bytes it read.
Prints the port it listens on (127.0.0.1, ephemeral) on stdout.
Run with ``python -m nodehttp tests/security/nodehttp_server.py``.
"""

from nodehttp import http


def handler(req, res):
    length = 0

    def ondata(chunk):
        nonlocal length
        length += len(chunk)

    def onend():
        res.setHeader('X-Body-Length', str(length))
        res.end('ok\n')

    req.on('data', ondata)
    req.on('end', onend)


server = http.createServer(handler)

server.listen(0, '127.0.0.1', lambda: print(server.address()['port'], flush=True))
