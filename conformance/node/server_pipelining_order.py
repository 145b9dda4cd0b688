# Server: three pipelined requests; the first is answered last, responses still go out in order.
import json
import re

from nodehttp import http, net, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
pending = []


def handler(req, res):
    log('request', req.url)
    pending.append(res)
    res.on('finish', lambda: log('finish', req.url))
    if len(pending) == 3:
        pending[1].end('two')
        pending[2].end('three')
        timers.setTimeout(lambda: pending[0].end('one'), 20)


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
    client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
