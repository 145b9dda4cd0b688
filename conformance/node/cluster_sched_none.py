"""cluster, SCHED_NONE: the primary passes the listening socket to each worker and
the kernel spreads connections; both workers share one port; events as in RR."""

from nodehttp import require
cluster = require('cluster')
http = require('http')
N = 2
if cluster.isMaster:
    cluster.schedulingPolicy = cluster.SCHED_NONE
    state = {'listening': 0, 'left': 6}
    ports = set()
    for _ in range(N):
        cluster.fork()
    def on_listening(w, addr):
        ports.add(addr['port'])
        state['listening'] += 1
        if state['listening'] < N:
            return
        print('all listening; one port:', 'true' if len(ports) == 1 else 'false')
        seen = {}
        def next_():
            def on_res(res):
                b = []
                res.on('data', b.append)
                def end():
                    k = b''.join(b).decode()
                    seen[k] = seen.get(k, 0) + 1
                    state['left'] -= 1
                    if state['left']:
                        return next_()
                    print('answered:', 'true' if seen else 'false', 'counts', 'n/a')
                    cluster.disconnect(lambda: print('all disconnected', len(cluster.workers)))
                res.on('end', end)
            http.get({'port': addr['port'], 'host': '127.0.0.1', 'agent': False, 'path': '/'}, on_res)
        next_()
    cluster.on('listening', on_listening)
    cluster.on('exit', lambda w, code, sig: print('exit', code, 'null' if sig is None else sig, str(w.exitedAfterDisconnect).lower()))
else:
    http.createServer(lambda req, res: res.end(str(cluster.worker.id))).listen(0)
