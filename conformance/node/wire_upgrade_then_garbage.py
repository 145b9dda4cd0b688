# Server without an 'upgrade' listener: after an Upgrade request served as an
# ordinary request, a malformed next request gets no 400 -- llhttp's upgrade
# flag is still up, so Node reports no parse error and ignores what follows.
import json
import re

from nodehttp import http, net


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def handler(req, res):
    log('request', req.method, req.url, req.upgrade)
    res.end('ok')


server = http.createServer(handler)


def onclienterror(err, socket):
    log('clientError', err.code)
    socket.destroy()


server.on('clientError', onclienterror)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.setEncoding('latin1')
    got = ''
    sent = False

    def ontimeout():
        log('client timeout')
        client.write('GET /ignored HTTP/1.1\r\nHost: x\r\n\r\n')
        client.end()

    def ondata(d):
        nonlocal got, sent
        got += d
        if not sent and got.endswith('ok'):
            sent = True
            client.write('G@T / HTTP/1.1\r\nHost: x\r\n\r\n')
            client.setTimeout(200, ontimeout)
    client.on('data', ondata)
    client.on('end', lambda: log('client got', json.dumps(re.sub(r'Date: .*\r\n', '', got))))
    client.on('close', lambda *a: server.close(lambda *a: log('server close')))
    client.write('GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n')


server.listen(0, '127.0.0.1', onlisten)
