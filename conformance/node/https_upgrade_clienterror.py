# https: 'upgrade' over TLS hands both sides the TLS socket; tlsClientError becomes 'clientError'.
import os

from nodehttp import https, net


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


server = https.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem')})


def onupgrade(req, socket, head):
    log('server upgrade', req.headers['upgrade'], socket.encrypted, len(head))
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n')
    socket.on('data', lambda d: socket.end(f'echo:{d.decode()}'))


server.on('upgrade', onupgrade)


def onclienterror(err, socket):
    log('clientError', 'string' if isinstance(err.message, str) else '?', socket.encrypted)
    socket.destroy()


server.on('clientError', onclienterror)


def onlisten():
    port = server.address()['port']
    req = https.request({'host': 'localhost', 'port': port, 'ca': read('ca.pem'),
                         'headers': {'Connection': 'Upgrade', 'Upgrade': 'echo'}})

    def onup(res, socket, head):
        log('client upgrade', res.statusCode, socket.encrypted, socket.authorized, len(head))
        socket.write('hello')
        socket.on('data', lambda d: log('client data', d.decode()))

        def onclose():
            plain = net.connect(port, '127.0.0.1', lambda: plain.write('GET / HTTP/1.1\r\n\r\n'))

            def onplainclose():
                log('plain close')
                server.close()
            plain.on('close', onplainclose)
        socket.on('close', onclose)
    req.on('upgrade', onup)
    req.end()


server.listen(0, '127.0.0.1', onlisten)
