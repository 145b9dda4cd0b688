# Server: requests pipelined in one packet, the last malformed.  Once the
# parser has flushed headers (a trailer, or over 32 header fields), each later
# message runs the nextTick queue first, so the responses already finished
# reach the wire before the parse error's 400.
import json
import re

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def handler(req, res):
    req.on('end', lambda: res.end(req.url))
    req.resume()


server = http.createServer(handler)


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')


server.on('clientError', onclienterror)

BAD = 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n'


def GET(u):
    return f'GET {u} HTTP/1.1\r\nHost: x\r\n\r\n'


many = 'GET /many HTTP/1.1\r\nHost: x\r\n'
for i in range(40):
    many += f'h{i}: v\r\n'
cases = [
    'POST /trailer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n'
    + GET('/a') + GET('/b') + BAD,
    many + '\r\n' + GET('/c') + BAD,
    GET('/d') + GET('/e') + BAD,
]


def run(i):
    if i == len(cases):
        server.close(lambda *a: log('server close'))
        return
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def onclose(*a):
        log('client got', json.dumps(re.sub(r'Date: .*\r\n', '', got)))
        run(i + 1)
    client.on('close', onclose)
    client.write(cases[i])


server.listen(0, '127.0.0.1', lambda: run(0))
