# Server: HTTP/1.0 with Connection: keep-alive and a Content-Length response keeps the socket open.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request', req.url, req.headers['connection'])
    res.setHeader('Content-Length', 2)
    res.end('ok')
    socket = req.socket
    if req.url == '/two':
        res.on('finish', lambda: socket.end())


server.on('request', handler)


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
    client.write('GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /two HTTP/1.0\r\nConnection: keep-alive\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
