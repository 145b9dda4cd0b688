# tls: plain HTTP on the TLS port and a stalled handshake reach 'tlsClientError'; the server lives on.
import os

from nodehttp import net, tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


server = tls.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem'),
                           'handshakeTimeout': 200}, lambda s: s.end('still serving'))
n = 0


def onclienterror(e, s):
    global n
    n += 1
    log('tlsClientError', n, 'string' if isinstance(e.message, str) else '?', isinstance(s, tls.TLSSocket),
        e.code + ' ' + e.message if e.code == 'ERR_TLS_HANDSHAKE_TIMEOUT' else '')
    if n == 2:
        s.destroy()


server.on('tlsClientError', onclienterror)


def onlisten():
    port = server.address()['port']
    plain = net.connect(port, '127.0.0.1', lambda: plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))
    plain.on('data', lambda d: log('plain got bytes', len(d) > 0))

    def onplainclose():
        log('plain close')
        stall = net.connect(port, '127.0.0.1')

        def onstallclose():
            log('stall close')
            c = tls.connect({'port': port, 'host': '127.0.0.1', 'ca': read('ca.pem')})
            c.on('data', lambda d: log('data', d.decode()))
            c.on('close', lambda: server.close())
        stall.on('close', onstallclose)
    plain.on('close', onplainclose)


server.listen(0, '127.0.0.1', onlisten)
