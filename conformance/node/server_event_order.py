# Server: request/response event order on one connection, seen from both ends.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
server.on('connection', lambda socket: log('server connection'))


def handler(req, res):
    log('request', req.method, req.url, req.httpVersion)
    req.on('end', lambda: log('req end'))
    req.on('close', lambda: log('req close'))
    res.on('finish', lambda: log('res finish'))
    res.on('close', lambda: log('res close'))
    req.resume()
    res.end('hello')
    log('after end', res.finished, res.headersSent)


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
    client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
