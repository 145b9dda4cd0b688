# Server: default status messages, unknown codes, custom statusMessage.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
codes = [100, 200, 201, 301, 404, 418, 451, 500, 599]


def handler(req, res):
    code = int(req.url[1:])
    if code == 100:
        res.statusMessage = 'Custom'
        res.writeHead(299)
    else:
        res.writeHead(code)
    log(code, res.statusMessage)
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
    client.write('GET /100 HTTP/1.1\r\nHost: x\r\n\r\nGET /200 HTTP/1.1\r\nHost: x\r\n\r\nGET /201 HTTP/1.1\r\nHost: x\r\n\r\nGET /301 HTTP/1.1\r\nHost: x\r\n\r\nGET /404 HTTP/1.1\r\nHost: x\r\n\r\nGET /418 HTTP/1.1\r\nHost: x\r\n\r\nGET /451 HTTP/1.1\r\nHost: x\r\n\r\nGET /500 HTTP/1.1\r\nHost: x\r\n\r\nGET /599 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
