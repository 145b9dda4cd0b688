# Server: two requests one after the other on one keep-alive connection.
import json
import re

from nodehttp import http, net, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
n = 0
server.on('connection', lambda socket: log('connection'))


def handler(req, res):
    global n
    n += 1
    log('request', n, req.url, req.headers.get('connection'))
    res.end(f'r{n}')
    if n == 1:
        res.on('finish', lambda: timers.setImmediate(lambda: client2()))


server.on('request', handler)
client2 = None


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
    client.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\n')
    global client2
    client2 = lambda: client.write('GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
