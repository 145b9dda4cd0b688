# Client: connection refused: 'error' with ECONNREFUSED, then 'close'.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


probe = net.createServer()


def onlisten():
    port = probe.address()['port']

    def onclosed():
        req = http.get({'port': port, 'host': '127.0.0.1'}, lambda res: log('response must not fire'))
        req.on('socket', lambda socket: log('socket'))
        req.on('error', lambda err: log('error', err.code, err.syscall, err.address))
        req.on('close', lambda: log('close'))
    probe.close(onclosed)


probe.listen(0, '127.0.0.1', onlisten)
