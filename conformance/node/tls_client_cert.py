# tls: requestCert — a client certificate signed by the CA authorizes, none or a self-signed one does not.
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


def onsecure(s):
    cert = s.getPeerCertificate()
    serverLog.append(['secureConnection', s.authorized, s.authorizationError,
                      cert['subject']['CN'] if cert.get('subject') else 'none'])
    s.end('bye')


server = tls.createServer({
    'key': read('localhost.key'), 'cert': read('localhost.pem'), 'ca': read('ca.pem'),
    'requestCert': True, 'rejectUnauthorized': False,
}, onsecure)
attempts = [
    {'key': read('client.key'), 'cert': read('client.pem')},
    {},
    {'key': read('self.key'), 'cert': read('self.pem')},
]


def next_(i):
    if i == len(attempts):
        server.close()
        strict()
        return
    c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                     'maxVersion': 'TLSv1.2', **attempts[i]}, lambda: log(f'{i}', 'secureConnect', c.authorized))
    c.on('data', lambda d: log(f'{i}', 'data', d.decode()))
    c.on('close', lambda: next_(i + 1))


def strict():
    def onsecure2(s):
        serverLog.append(['strict secureConnection', s.authorized])
        s.end('ok')
    s2 = tls.createServer({
        'key': read('localhost.key'), 'cert': read('localhost.pem'), 'ca': read('ca.pem'),
        'requestCert': True, 'rejectUnauthorized': True,
    }, onsecure2)
    s2.on('tlsClientError', lambda e: serverLog.append(['strict tlsClientError']))

    def onlisten():
        c = tls.connect({'port': s2.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                         'key': read('client.key'), 'cert': read('client.pem'), 'maxVersion': 'TLSv1.2'},
                        lambda: log('strict ok'))
        c.on('data', lambda d: log('strict data', d.decode()))

        def onclose():
            c2 = tls.connect({'port': s2.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                              'maxVersion': 'TLSv1.2'}, lambda: log('strict no-cert secureConnect'))
            c2.on('error', lambda e: log('strict no-cert error', 'string' if isinstance(e.code, str) else 'undefined'))
            c2.on('close', lambda: s2.close())
        c.on('close', onclose)
    s2.listen(0, '127.0.0.1', onlisten)


server.listen(0, '127.0.0.1', lambda: next_(0))
process.on('exit', lambda *_: [log(*entry) for entry in serverLog])
