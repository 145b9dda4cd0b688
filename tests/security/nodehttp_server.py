"""The nodehttp twin of node_server.js, ported line by line.

Default server options (unless --insecure); the handler reads the whole body, then answers 200
with a fixed body and X-Body-Length echoing how many body bytes it read.
Prints the port it listens on (127.0.0.1, ephemeral) on stdout.
Run with ``python -m nodehttp tests/security/nodehttp_server.py``.
"""

import sys

from nodehttp import http

# `nodehttp_server.py --insecure` passes {'insecureHTTPParser': True}.
options = {'insecureHTTPParser': True} if '--insecure' in sys.argv else {}


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


server = http.createServer(options, handler)

server.listen(0, '127.0.0.1', lambda: print(server.address()['port'], flush=True))
