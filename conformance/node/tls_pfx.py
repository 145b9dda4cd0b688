# tls: pfx (PKCS#12) with passphrase — createSecureContext's errors, and a server whose credentials come from a pfx.
import os

from nodehttp import tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'undefined'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


tries = [
    ['good passphrase', {'pfx': read('localhost.pfx'), 'passphrase': 'sample'}],
    ['wrong passphrase', {'pfx': read('localhost.pfx'), 'passphrase': 'wrong'}],
    ['no passphrase', {'pfx': read('localhost.pfx')}],
    ['no passphrase needed', {'pfx': read('localhost-nopass.pfx')}],
    ['empty passphrase', {'pfx': read('localhost-nopass.pfx'), 'passphrase': ''}],
    ['PEM instead', {'pfx': read('ca.pem'), 'passphrase': 'x'}],
    ['a short string', {'pfx': 'abc'}],
    ['array with buf', {'pfx': [{'buf': read('localhost.pfx'), 'passphrase': 'sample'}], 'passphrase': 'wrong'}],
    ['array, shared passphrase', {'pfx': [read('localhost.pfx')], 'passphrase': 'sample'}],
]
for name, options in tries:
    try:
        tls.createSecureContext(options)
        log(name, 'ok')
    except Exception as e:
        log(name, 'Error', e.code, str(e))


def onsecure(s):
    log('server secureConnection', s.authorized)
    s.end('from pfx')


server = tls.createServer({'pfx': read('localhost.pfx'), 'passphrase': 'sample'}, onsecure)


def onlisten():
    def onconnect():
        cert = c.getPeerCertificate()
        log('client secureConnect', c.authorized, cert['subject']['CN'], cert['issuer']['CN'])
    c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                     'servername': 'localhost', 'maxVersion': 'TLSv1.2'}, onconnect)
    c.on('data', lambda d: log('client data', d.decode()))

    def onclose(*_):
        log('client close')
        server.close(lambda *_: log('server close'))
    c.on('close', onclose)


server.listen(0, '127.0.0.1', onlisten)
