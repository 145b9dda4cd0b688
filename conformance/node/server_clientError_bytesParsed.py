# Server: 'clientError' err.bytesParsed is where the parser stopped in the chunk.
import json
import re

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
def onerror(err, socket):
    log('clientError', err.code, err.bytesParsed, isinstance(err, Exception))
    log('rawPacket', q(err.rawPacket.decode('latin1')))
    socket.end('HTTP/1.1 400 Bad Request\r\nX-Why: parse\r\n\r\n')


server.on('clientError', onerror)


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
    client.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
