# IncomingMessage: the client goes away mid-body: 'aborted', complete false, 'close' on req and res.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log('request', req.headers['content-length'])
    req.on('data', lambda c: log('data', len(c)))
    req.on('aborted', lambda: log('req aborted', req.aborted, req.complete))
    req.on('end', lambda: log('req end'))
    req.on('close', lambda: log('req close'))
    res.on('close', lambda: log('res close', res.finished))
    res.on('finish', lambda: log('res finish'))
    req.on('data', lambda c: killClient())


server.on('request', handler)
killClient = None


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
    global killClient
    killClient = lambda: client.destroy()
    client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial')


server.listen(0, '127.0.0.1', onlisten)
