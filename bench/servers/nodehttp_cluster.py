"""Benchmark server: a cluster of nodehttp workers, the handler as the Node docs write it.

python -m nodehttp nodehttp_cluster.py PORT WORKERS [rr|none]
The primary forks WORKERS workers and prints 'ready' once all listen.
"""
import sys

from nodehttp import cluster, http

if cluster.isPrimary:
    if len(sys.argv) > 3 and sys.argv[3] == 'none':
        cluster.schedulingPolicy = cluster.SCHED_NONE
    n = int(sys.argv[2])
    listening = []

    def on_listening(worker, address):
        listening.append(worker.id)
        if len(listening) == n:
            print('ready', flush=True)

    cluster.on('listening', on_listening)
    for _ in range(n):
        cluster.fork()
else:
    def handler(req, res):
        res.writeHead(200, {'Content-Type': 'text/plain'})
        res.end('Hello, World!')

    server = http.createServer(handler)
    server.keepAliveTimeout = 60000
    server.listen(int(sys.argv[1]), '127.0.0.1')
