# Server: a request with both a chunked Transfer-Encoding and a Content-Length.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request', req.headers['content-length'], req.headers['transfer-encoding'])
    body = ''

    def ondata(c):
        nonlocal body
        body += c.decode()
    req.on('data', ondata)

    def onend():
        log('body', q(body))
        res.end()
    req.on('end', onend)


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
    client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
