"""Benchmark server: nodehttp's https, the handler as the Node docs write it
(python -m nodehttp nodehttp_https_hello.py PORT). The same program as
node_https_hello.js, line for line; the key and certificate are made at start-up."""
import os
import sys

from nodehttp import https

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tls_cert  # noqa: E402

key, cert = tls_cert.make()
with open(key, 'rb') as k, open(cert, 'rb') as c:  # fs.readFileSync
    options = {'key': k.read(), 'cert': c.read()}


def handler(req, res):
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.end('Hello, World!')


server = https.createServer(options, handler)
server.keepAliveTimeout = 60000
server.listen(int(sys.argv[1]), '127.0.0.1', lambda: print('ready', flush=True))
