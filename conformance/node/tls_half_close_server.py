# tls: half-close — close_notify is 'end', the other side can still write (allowHalfOpen), the client ends first, the server (tls.createServer allowHalfOpen, Node >= 14 honours it) answers after its 'end'.
import os

from nodehttp import process, tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


seen = {'client': [], 'server': []}


def log(side, *a):
    seen[side].append(' '.join(str(x) for x in a))


def onexit(*_):
    for side in ('client', 'server'):
        for entry in seen[side]:
            print(entry)


process.on('exit', onexit)
opts = {'key': read('localhost.key'), 'cert': read('localhost.pem')}


def clientEndsFirst(done):
    def onsecure(s):
        got = []
        s.on('data', lambda d: got.append(d.decode()))

        def onend():
            log('server', 'A server end, got', ''.join(got))
            s.write('pong after your end', lambda *_: log('server', 'A server write cb'))
            s.end()
        s.on('end', onend)

        def onclose(*_):
            log('server', 'A server close')
            server.close(lambda *_: done())
        s.on('close', onclose)
    server = tls.createServer({'allowHalfOpen': True, **opts}, onsecure)

    def onlisten():
        c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                         'servername': 'localhost'}, lambda: c.end('ping'))
        c.on('finish', lambda: log('client', 'A client finish'))
        c.on('data', lambda d: log('client', 'A client data', d.decode()))
        c.on('end', lambda: log('client', 'A client end'))
        c.on('close', lambda *_: log('client', 'A client close'))
    server.listen(0, '127.0.0.1', onlisten)


clientEndsFirst(lambda: None)
