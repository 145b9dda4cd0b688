# Server: a tab in a Connection value.  Node's llhttp reads no close token in
# "close<TAB>" (the connection stays open for the pipelined requests), but
# another Connection header saying close still closes it.
import json
import re

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def handler(req, res):
    log('request', req.url, req.headers.get('connection'))
    res.end('ok')


server = http.createServer(handler)


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.destroy()


server.on('clientError', onclienterror)

cases = [
    'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\t\r\n\r\n'
    + 'GET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    'GET /d HTTP/1.1\r\nHost: x\r\nConnection: k\t\r\nConnection: close\r\n\r\n',
]


def run(i):
    if i == len(cases):
        server.close(lambda *a: log('server close'))
        return
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def onclose(*a):
        log('client got', json.dumps(re.sub(r'Date: .*\r\n', '', got)))
        run(i + 1)
    client.on('close', onclose)
    client.end(cases[i])


server.listen(0, '127.0.0.1', lambda: run(0))
