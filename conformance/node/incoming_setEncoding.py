# IncomingMessage: setEncoding turns data chunks into strings, multibyte characters kept whole.
import json
import re

from nodehttp import http, net, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    req.setEncoding('utf8')
    s = ''
    allStrings = True

    def ondata(c):
        nonlocal s, allStrings
        s += c
        allStrings = allStrings and isinstance(c, str)
    req.on('data', ondata)

    def onend():
        log('body', q(s), len(s), allStrings)
        res.end()
    req.on('end', onend)


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
    body = 'h\u00e9llo w\u00f6rld \u20ac'.encode()
    client.write(f'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n')
    client.write(body[0:2])
    timers.setTimeout(lambda: client.write(body[2:]), 20)


server.listen(0, '127.0.0.1', onlisten)
