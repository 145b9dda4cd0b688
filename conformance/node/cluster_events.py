"""cluster: the primary's and the worker's events in order, fork env, IPC messages
both ways, a worker's server reached through the primary (round-robin), disconnect."""
import json
from nodehttp import require, process
cluster = require('cluster')
http = require('http')

def js(v):
    return 'undefined' if v is None else json.dumps(v, separators=(',', ':'))

if cluster.isMaster:
    print('master', 'true' if cluster.isMaster else 'false', 'true' if cluster.isWorker else 'false', cluster.schedulingPolicy, cluster.SCHED_RR, cluster.SCHED_NONE)
    w = cluster.fork({'FOO': 'bar'})
    print('forked id', w.id, 'number' if isinstance(w.process.pid, int) else '?', js([str(k) for k in cluster.workers]))
    cluster.on('fork', lambda w: print('cluster fork', w.id))
    cluster.on('online', lambda w: print('cluster online', w.id))
    w.on('online', lambda: print('worker online'))
    cluster.on('listening', lambda w, addr: print('cluster listening', w.id, js(dict(addr, port=addr['port'] > 0))))
    def on_listening(addr):
        print('worker listening', js(dict(addr, port=addr['port'] > 0)))
        def on_res(res):
            b = []
            res.on('data', b.append)
            def end():
                print('got', res.statusCode, b''.join(b).decode())
                w.send({'hello': 'worker', 'n': [1, 2]})
            res.on('end', end)
        http.get({'port': addr['port'], 'host': '127.0.0.1', 'path': '/x'}, on_res)
    w.on('listening', on_listening)
    def on_msg(m, h):
        print('worker message', js(m), js(h))
        if m.get('bye'):
            w.disconnect()
    w.on('message', on_msg)
    cluster.on('message', lambda w, m, h: print('cluster message', w.id, js(m), js(h)))
    w.on('disconnect', lambda: print('worker disconnect', str(w.exitedAfterDisconnect).lower(), str(w.isConnected()).lower(), str(w.isDead()).lower()))
    cluster.on('disconnect', lambda w: print('cluster disconnect', w.id))
    w.on('exit', lambda code, sig: print('worker exit', code, 'null' if sig is None else sig, str(w.exitedAfterDisconnect).lower(), str(w.isDead()).lower()))
    cluster.on('exit', lambda w, code, sig: print('cluster exit', w.id, code, 'null' if sig is None else sig, js([str(k) for k in cluster.workers])))
    process.on('exit', lambda c: print('master exit', c))
else:
    s = http.createServer(lambda req, res: res.end(f"hi from {cluster.worker.id} {process.env['FOO']} {req.url}"))
    s.listen(0, '127.0.0.1')
    process.on('message', lambda m: process.send({'bye': True, 'got': m, 'id': cluster.worker.id}))
