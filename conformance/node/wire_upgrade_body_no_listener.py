# Server without an 'upgrade' listener: an Upgrade request with a body is an
# ordinary request, its Content-Length body is its body (not a next request),
# whether the body comes in the same packet or later.
import json
import re

from nodehttp import http, net
from nodehttp.timers import setTimeout


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


head = 'POST /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 35\r\n\r\n'
body = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n'
last = 'GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'


def handler(req, res):
    n = 0

    def ondata(d):
        nonlocal n
        n += len(d)

    def onend():
        log('request', req.method, req.url, req.upgrade, n)
        res.end('ok')
    req.on('data', ondata)
    req.on('end', onend)


server = http.createServer(handler)


def run(first, later, done):
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''
    sentLast = False

    def ondata(d):
        nonlocal got, sentLast
        got += d
        if not sentLast and got.endswith('ok'):
            sentLast = True
            client.write(last)
    client.on('data', ondata)
    client.on('end', lambda: log('client got', json.dumps(re.sub(r'Date: .*\r\n', '', got))))
    client.on('close', done)
    client.write(first)
    if later:
        setTimeout(lambda: client.write(later), 50)


def onlisten():
    run(head, body, lambda *a: run(head + body, None,
                                   lambda *a: server.close(lambda *a: log('server close'))))


server.listen(0, '127.0.0.1', onlisten)
