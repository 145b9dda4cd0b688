# Server: a header block cut off mid-line (no line end yet) over the header
# size limit fails at once with HPE_HEADER_OVERFLOW, not at a timeout.
import json

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def handler(req, res):
    log('request', req.url)
    res.end()


server = http.createServer(handler)


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')


server.on('clientError', onclienterror)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''

    def ondata(d):
        nonlocal got
        got += d
    client.on('data', ondata)

    def ontimeout():
        log('client timeout')
        client.destroy()
    client.setTimeout(3000, ontimeout)

    def onclose(*a):
        log('client got', json.dumps(got))
        server.close(lambda *a: log('server close'))
    client.on('close', onclose)
    client.write('GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a' * 9000)


server.listen(0, '127.0.0.1', onlisten)
