"""cluster: a worker that throws exits 1; a worker whose listen fails gets the
primary's bind error (EADDRINUSE, syscall bind); worker.kill(sig) disconnects, then
the signal; exitedAfterDisconnect and process.killed as Node sets them."""
import json
from nodehttp import require, process, timers
cluster = require('cluster')
net = require('net')


def s(v):
    return 'null' if v is None else str(v).lower() if isinstance(v, bool) else str(v)


if cluster.isMaster:
    blocker = net.createServer()

    def on_listening():
        port = blocker.address()['port']
        a = cluster.fork({'MODE': 'crash'})

        def a_exit(code, sig):
            print('crash worker exit', s(code), s(sig), s(a.exitedAfterDisconnect))
            b = cluster.fork({'MODE': 'inuse', 'PORT': str(port)})

            def b_msg(m, h):
                print('inuse worker says', json.dumps(m, separators=(',', ':')))
                c = cluster.fork({'MODE': 'idle'})

                def c_online():
                    print('idle online')
                    c.kill('SIGKILL')
                c.on('online', c_online)
                c.on('disconnect', lambda: print('idle disconnect'))

                def c_exit(code, sig):
                    print('idle exit', s(code), s(sig), s(c.exitedAfterDisconnect), s(c.process.killed))
                    blocker.close()
                c.on('exit', c_exit)
            b.on('message', b_msg)
            b.on('exit', lambda code, sig: print('inuse worker exit', s(code), s(sig)))
        a.on('exit', a_exit)
    blocker.listen(0, '127.0.0.1', on_listening)
elif process.env['MODE'] == 'crash':
    def boom():
        raise Exception('boom')
    timers.setImmediate(boom)
elif process.env['MODE'] == 'inuse':
    srv = net.createServer()

    def on_error(e):
        process.send({'code': e.code, 'syscall': e.syscall})
        process.exit(3)
    srv.on('error', on_error)
    srv.listen(int(process.env['PORT']), '127.0.0.1')
else:
    timers.setInterval(lambda: None, 1000)
