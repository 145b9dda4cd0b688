# tls: SNI picks a context (addContext, SNICallback) and ALPN picks a protocol, seen on both sides.
import os

from nodehttp import process, tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


serverLog = []
other = tls.createSecureContext({'key': read('other.key'), 'cert': read('other.pem')})


def onsecure(s):
    serverLog.append(['secureConnection', s.servername, s.alpnProtocol])
    s.end()


server = tls.createServer({
    'key': read('localhost.key'), 'cert': read('localhost.pem'), 'ALPNProtocols': ['h2', 'http/1.1'],
}, onsecure)
server.addContext('*.test', {'key': read('other.key'), 'cert': read('other.pem')})

attempts = [
    {'servername': 'other.test', 'ALPNProtocols': ['http/1.1']},
    {'servername': 'localhost', 'ALPNProtocols': ['h2', 'http/1.1']},
    {'servername': 'x.test', 'maxVersion': 'TLSv1.2'},
]


def next_(i):
    if i == len(attempts):
        server.close()

        def sni(name, cb):
            serverLog.append(['SNICallback', name])
            cb(None, other)
        s2 = tls.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem'),
                               'SNICallback': sni}, lambda s: s.end())

        def onlisten2():
            c = tls.connect({'port': s2.address()['port'], 'host': '127.0.0.1', 'servername': 'other.test',
                             'ca': read('ca.pem')},
                            lambda: log('SNICallback cert', c.getPeerCertificate()['subject']['CN'], c.authorized))
            c.on('close', lambda: s2.close())
        s2.listen(0, '127.0.0.1', onlisten2)
        return
    c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'), **attempts[i]},
                    lambda: log(f'{i}', 'cert', c.getPeerCertificate()['subject']['CN'], 'alpn', c.alpnProtocol,
                                c.authorized))
    c.on('error', lambda e: log(f'{i}', 'error', e.code))
    c.on('close', lambda: next_(i + 1))


server.listen(0, '127.0.0.1', lambda: next_(0))
process.on('exit', lambda *_: [log(*entry) for entry in serverLog])
