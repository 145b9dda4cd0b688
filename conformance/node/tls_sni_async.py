# tls: an SNICallback that answers later (setTimeout) — a context for one name, the default for another, an error for a third.
import os

from nodehttp import timers, tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false'}[v] if isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


other = tls.createSecureContext({'key': read('other.key'), 'cert': read('other.pem')})


def SNICallback(name, cb):
    log('SNICallback', name)

    def later():
        if name == 'other.test':
            cb(None, other)
        elif name == 'bad.test':
            cb(Exception('no context for ' + name))
        else:
            cb(None)
    timers.setTimeout(later, 20)


def onsecure(s):
    log('secureConnection', s.servername)
    s.end('hello ' + str(js(s.servername)))


server = tls.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem'),
                           'SNICallback': SNICallback}, onsecure)
server.on('tlsClientError', lambda err, s: log('tlsClientError', str(err), isinstance(s, tls.TLSSocket)))

names = ['other.test', 'localhost', 'bad.test', None]


def next_(i):
    if i == len(names):
        server.close(lambda *_: log('server close'))
        return
    opts = {'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
            'maxVersion': 'TLSv1.2'}
    if names[i]:
        opts['servername'] = names[i]
    else:
        opts['checkServerIdentity'] = lambda *a: None
    c = tls.connect(opts, lambda: log(f"{i} secureConnect {c.getPeerCertificate()['subject']['CN']}"))
    c.on('data', lambda d: log(f'{i} data {d.decode()}'))
    c.on('error', lambda e: log(f'{i} error {e.code}'))
    c.on('close', lambda *_: next_(i + 1))


server.listen(0, '127.0.0.1', lambda: next_(0))
