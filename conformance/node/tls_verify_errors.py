# tls: verification failures carry Node's codes and messages; rejectUnauthorized: false lets them through.
import os

from nodehttp import tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


servers = {
    'leaf': {'key': read('localhost.key'), 'cert': read('localhost.pem')},
    'chain': {'key': read('localhost.key'), 'cert': read('localhost-chain.pem')},
    'self': {'key': read('self.key'), 'cert': read('self.pem')},
    'expired': {'key': read('expired.key'), 'cert': read('expired.pem')},
}
cases = [
    ['leaf', {}],
    ['chain', {}],
    ['self', {}],
    ['expired', {'ca': read('ca.pem')}],
    ['leaf', {'ca': read('ca.pem'), 'servername': 'wrong.test'}],
    ['leaf', {'ca': read('ca.pem'), 'rejectUnauthorized': False, 'servername': 'wrong.test'}],
    ['self', {'rejectUnauthorized': False}],
    ['leaf', {'ca': read('ca.pem'), 'checkServerIdentity': lambda host, cert: log('check', host, cert['subject']['CN'])}],
]


def next_(i):
    if i == len(cases):
        return
    name, opts = cases[i]
    server = tls.createServer(servers[name], lambda s: s.end())
    server.on('tlsClientError', lambda *a: None)

    def onlisten():
        def onsecure():
            log(f'{i} {name}', 'secureConnect', c.authorized, c.authorizationError)
            c.destroy()
        c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', **opts}, onsecure)

        def onerror(e):
            log(f'{i} {name}', 'error', e.code, e.message)
            if e.code == 'ERR_TLS_CERT_ALTNAME_INVALID':
                log('  ', e.reason, e.host, e.cert['subject']['CN'])
        c.on('error', onerror)

        def onclose():
            server.close()
            next_(i + 1)
        c.on('close', onclose)
    server.listen(0, '127.0.0.1', onlisten)


next_(0)
