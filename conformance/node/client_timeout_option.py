# Client: the timeout option arms the socket's idle timer: 'timeout' on the request.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'unused'


def onconnection(socket):
    buf = ''
    socket.setEncoding('latin1')

    def ondata(d):
        nonlocal buf
        buf += d
        if '\r\n\r\n' in buf:
            buf = ''
    socket.on('data', ondata)


server = net.createServer(onconnection)


def onlisten():
    port = server.address()['port']
    req = http.get({'port': port, 'host': '127.0.0.1', 'timeout': 50}, lambda res: log('response must not fire'))

    def ontimeout():
        log('timeout')
        req.abort()
    req.on('timeout', ontimeout)
    req.on('error', lambda err: log('error', err.code, err.message))

    def onclose():
        log('close')
        server.close()
    req.on('close', onclose)


server.listen(0, '127.0.0.1', onlisten)
