# Server: responses queued behind a slow first one: end/write callbacks, 'finish' and nextTicks keep Node's order.
import json
import re

from nodehttp import http, net, process, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
pending = []


def handler(req, res):
    log('request', req.url)
    pending.append(res)

    def onfinish():
        log('finish', req.url)
        process.nextTick(lambda: log('tick after finish', req.url))
    res.on('finish', onfinish)
    if req.url == '/2':
        log('end returns', res.end('two', lambda: log('end cb', req.url)) is res)
        process.nextTick(lambda: log('tick after end', req.url))
    elif req.url == '/3':
        res.setHeader('Content-Length', 5)
        log('write returns', res.write('thr', lambda: log('write cb', req.url)))  # Node 10: false (queued)
        res.end('ee', lambda: log('end cb', req.url))
    elif req.url == '/4':
        res.writeHead(204)
        res.end(lambda: log('end cb', req.url))
    if len(pending) == 4:
        def later():
            log('ending /1')
            pending[0].end('one', lambda: log('end cb /1'))
            process.nextTick(lambda: log('tick after /1'))
        timers.setTimeout(later, 20)


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
    client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\nGET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
