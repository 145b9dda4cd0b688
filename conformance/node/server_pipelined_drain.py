# Server: a response whose write returned false ('drain' awaited) while a pipelined response queues output behind it.
import json

from nodehttp import http, net, process

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


server = http.createServer()


def handler(req, res):
    log('request', req.url)
    def ondrain():
        log('drain', req.url)
        if req.url == '/1':
            log('ending /1')
            res.end('end')
    res.on('drain', ondrain)
    res.on('finish', lambda: log('finish', req.url))
    if req.url == '/1':
        res.setHeader('Content-Length', 65536 + 3)
        log('write returns', res.write(b'a' * 65536))
    else:
        log('write /2 returns', res.write('two'))
        log('end /2 returns', res.end('!') is res)
        process.nextTick(lambda: log('tick after end /2'))


server.on('request', handler)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    got = [0]

    def ondata(d):
        got[0] += len(d)
    client.on('data', ondata)

    def onend():
        log('client got bytes', got[0] > 65536)
        client.end()
    client.on('end', onend)

    def onclose(*_):
        log('client close')
        server.close(lambda *_: log('server close'))
    client.on('close', onclose)
    client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
