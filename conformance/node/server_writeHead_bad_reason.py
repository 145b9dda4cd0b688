# Server: writeHead with a reason phrase or header value containing CR/LF.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    def second():
        res.statusMessage = 'Fine'
        res.writeHead(200, {'X-A': 'a\r\nInjected: yes'})
    tries = [
        lambda: res.writeHead(200, 'Bad\r\nReason'),
        second,
    ]
    for t in tries:
        try:
            t()
            log('no error', res.headersSent)
        except Exception as err:
            log('error', err.code, err.message)
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
    client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
