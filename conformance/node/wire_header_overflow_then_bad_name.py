# Server: an oversized header followed by a malformed header name is a header
# overflow (Node counts the big header before reaching the bad name).
import json

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


server = http.createServer(lambda req, res: res.end())


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.destroy()


server.on('clientError', onclienterror)

cases = [
    'GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a' * 9000 + '\r\nX A: b\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a' * 7000 + '\r\nX\x01: b\r\n\r\n',
]


def run(i):
    if i == len(cases):
        server.close(lambda *a: log('server close'))
        return
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.on('data', lambda d: None)
    client.on('close', lambda *a: run(i + 1))
    client.write(cases[i])


server.listen(0, '127.0.0.1', lambda: run(0))
