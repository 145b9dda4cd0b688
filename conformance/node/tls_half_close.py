# tls: half-close — close_notify is 'end', the other side can still write (allowHalfOpen), the server ends first, the client (over a net socket with allowHalfOpen) answers after its 'end'.
import os

from nodehttp import net, process, tls


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


def serverEndsFirst(done):
    def onsecure(s):
        got = []
        s.on('data', lambda d: got.append(d.decode()))
        s.end('bye')
        s.on('finish', lambda: log('server', 'B server finish'))
        s.on('end', lambda: log('server', 'B server end, got', ''.join(got)))

        def onclose(*_):
            log('server', 'B server close')
            server.close(lambda *_: done())
        s.on('close', onclose)
    server = tls.createServer(opts, onsecure)

    def onlisten():
        def onconnect():
            c = tls.connect({'socket': raw, 'ca': read('ca.pem'), 'servername': 'localhost'})
            client(c)
        raw = net.connect({'port': server.address()['port'], 'host': '127.0.0.1',
                           'allowHalfOpen': True}, onconnect)
    server.listen(0, '127.0.0.1', onlisten)


def client(c):
    c.on('data', lambda d: log('client', 'B client data', d.decode()))

    def onend():
        log('client', 'B client end')
        c.write('late words', lambda *_: log('client', 'B client write cb'))
        c.end()
    c.on('end', onend)
    c.on('close', lambda *_: log('client', 'B client close'))


serverEndsFirst(lambda: None)
