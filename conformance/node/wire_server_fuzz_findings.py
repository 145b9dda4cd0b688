# Server: what the differential fuzzer found, where Node 10 and 20 agree.
# A tab after a Content-Length's digits is HPE_INVALID_CONTENT_LENGTH even
# when a later byte of the header block is bad too; a CONNECT pipelined
# behind a request, with no 'connect' listener, destroys the socket before
# the first response is written, and that response emits 'close'.
import json
import re

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def handler(req, res):
    log('request', req.method, req.url)
    res.on('close', lambda: log('res close'))
    res.on('finish', lambda: log('res finish'))
    req.resume()

    def onend():
        log('end')
        res.end('ok')
    req.on('end', onend)


server = http.createServer(handler)


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.destroy()


server.on('clientError', onclienterror)

cases = [
    'PATCH /\nContent-Length:5\t\r\n ',
    'GET / HTTP/1.1\r\n\r\nCONNECT 0\n\r\n',
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
