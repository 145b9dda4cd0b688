# Server: 'connect' gets the request, the socket and the bytes after the headers.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def onconnect(req, socket, head):
    log('connect', req.method, req.url, req.headers['host'], q(head.decode()))
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')

    def ondata(d):
        log('tunnel data', q(d.decode()))
        socket.end('bye')
    socket.on('data', ondata)


server.on('connect', onconnect)


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
    client.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nearly')
    client.once('data', lambda d: client.write('later'))


server.listen(0, '127.0.0.1', onlisten)
