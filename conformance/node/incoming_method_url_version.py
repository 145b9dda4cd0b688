# IncomingMessage: method, url (as sent) and version for several request lines.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def handler(req, res):
    log(req.method, q(req.url), req.httpVersion, req.httpVersionMajor, req.httpVersionMinor)
    req.resume()
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
    client.write('GET /a/b?c=d&e=%20f HTTP/1.1\r\nHost: x\r\n\r\nPUT /put HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nDELETE * HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: x\r\n\r\nPATCH http://example.com/abs HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET //double HTTP/1.0\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
