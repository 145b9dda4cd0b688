# net/timers: Node 10's messages for bad ports and callbacks, and a system error's
# shape (code, syscall, address, port, message) for ECONNREFUSED.
import json
import math

from nodehttp import net, process, timers


def b(v):
    return 'true' if v else 'false'


def t(name, f):
    try:
        f()
        print(name, 'ok')
    except Exception as e:
        print(name, e.code, json.dumps(e.message, ensure_ascii=False), b(isinstance(e, TypeError)),
              b(isinstance(e, ValueError)))


t('listen port true', lambda: net.createServer().listen({'port': True}))
t('listen port {}', lambda: net.createServer().listen({'port': {}}))
t('listen port -1', lambda: net.createServer().listen({'port': -1}))
t('listen port NaN', lambda: net.createServer().listen({'port': math.nan}))
t('listen port 1.5', lambda: net.createServer().listen({'port': 1.5}))
t('listen port x', lambda: net.createServer().listen({'port': 'x'}))
t('connect port NaN', lambda: net.connect({'port': math.nan}))
t('connect port true', lambda: net.connect({'port': True}))
t('connect localAddress', lambda: net.connect({'port': 1, 'localAddress': 'nope'}))
t('setTimeout(1)', lambda: timers.setTimeout(1))
t('nextTick(1)', lambda: process.nextTick(1))
t('socket.setTimeout(NaN)', lambda: net.Socket().setTimeout(math.nan))
t('socket.setTimeout()', lambda: net.Socket().setTimeout())
server = net.createServer()


def onlistening():
    port = server.address()['port']

    def onclose(*_):
        c = net.connect(port, '127.0.0.1')
        c.on('error', lambda err: print('error', err.code, err.syscall, err.address, b(err.port == port),
                                        b(err.message == f'connect ECONNREFUSED 127.0.0.1:{port}')))

    server.close(onclose)


server.listen(0, '127.0.0.1', onlistening)
