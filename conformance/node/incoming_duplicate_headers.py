# IncomingMessage: duplicate header rules (set-cookie list, single-valued first wins, others joined).
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log(req.headers)
    res.end()


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
    client.write('GET / HTTP/1.1\r\nHost: first\r\nHost: second\r\nContent-Type: a/b\r\nContent-Type: c/d\r\nUser-Agent: ua1\r\nUser-Agent: ua2\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Custom: one\r\nx-custom: two\r\nAccept: x\r\nAccept: y\r\nCookie: c=1\r\nCookie: d=2\r\nReferer: r1\r\nReferer: r2\r\nAuthorization: a1\r\nAuthorization: a2\r\nFrom: f1\r\nFrom: f2\r\nIf-Modified-Since: i1\r\nIf-Modified-Since: i2\r\nMax-Forwards: 1\r\nMax-Forwards: 2\r\nProxy-Authorization: p1\r\nProxy-Authorization: p2\r\nRetry-After: 1\r\nRetry-After: 2\r\nServer: s1\r\nServer: s2\r\nAge: 1\r\nAge: 2\r\nETag: e1\r\nETag: e2\r\nExpires: x1\r\nExpires: x2\r\nLast-Modified: l1\r\nLast-Modified: l2\r\nLocation: l1\r\nLocation: l2\r\nVia: v1\r\nVia: v2\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
