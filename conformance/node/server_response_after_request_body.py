# Server: the response waits for a slow request body; events in order.
import json
import re

from nodehttp import http, net, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request')
    body = ''

    def ondata(c):
        nonlocal body
        body += c.decode()
    req.on('data', ondata)

    def onend():
        log('end', q(body))
        res.end('thanks')
    req.on('end', onend)
    res.on('finish', lambda: log('finish'))


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
    client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n\r\nabc')
    timers.setTimeout(lambda: client.write('def'), 30)


server.listen(0, '127.0.0.1', onlisten)
