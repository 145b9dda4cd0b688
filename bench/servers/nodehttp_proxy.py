"""Benchmark server: a reverse proxy in nodehttp (python -m nodehttp nodehttp_proxy.py PORT UPSTREAM_PORT).

node_proxy.js line for line: each request is forwarded with http.request through a keep-alive
Agent, the body piped both ways -- the program people port most.
"""
import sys

from nodehttp import http

upstream = int(sys.argv[2])
agent = http.Agent({'keepAlive': True, 'maxSockets': 256})


def handler(req, res):
    def onresponse(proxyRes):
        res.writeHead(proxyRes.statusCode, proxyRes.headers)
        proxyRes.pipe(res)

    proxyReq = http.request({
        'host': '127.0.0.1', 'port': upstream, 'path': req.url, 'method': req.method,
        'headers': req.headers, 'agent': agent,
    }, onresponse)

    def onerror(err):
        res.writeHead(502, {'Content-Type': 'text/plain'})
        res.end(str(err))

    proxyReq.on('error', onerror)
    req.pipe(proxyReq)


server = http.createServer(handler)
server.keepAliveTimeout = 60000
server.listen(int(sys.argv[1]), '127.0.0.1', lambda: print('ready', flush=True))
