# Server: a request whose lines end in a bare LF.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request', req.method, req.url, req.headers)
    res.end('ok')


server.on('request', handler)


def onerror(err, socket):
    log('clientError', err.code)
    socket.destroy()


server.on('clientError', onerror)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def onend():
        log('client got', q(re.sub(r'Date: .*\r\n', 'Date: <date>\r\n', got)))
        client.end()
    client.on('end', onend)

    def onclose():
        log('client close')
        server.close(lambda: log('server close'))
    client.on('close', onclose)
    client.write('GET /lf HTTP/1.1\nHost: x\nConnection: close\n\n')


server.listen(0, '127.0.0.1', onlisten)
