# Server: 'upgrade' gets the request, the socket and the bytes after the headers.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
server.on('request', lambda req, res: log('request must not fire'))


def onupgrade(req, socket, head):
    log('upgrade', req.method, req.url, req.headers['upgrade'], q(head.decode()))
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: proto\r\nConnection: Upgrade\r\n\r\n')

    def ondata(d):
        log('socket data', q(d.decode()))
        socket.end(f'echo:{d.decode()}')
    socket.on('data', ondata)


server.on('upgrade', onupgrade)


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
    client.write('GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: proto\r\n\r\nHEAD')
    client.once('data', lambda d: client.write('more'))


server.listen(0, '127.0.0.1', onlisten)
