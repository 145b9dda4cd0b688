# tls: a server and a client with the test CA: the secure events, the socket surface.
import json
import os
import re

from nodehttp import process, tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}.get(v, v) if not isinstance(v, (int, str)) or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


serverLog = []


def onsecure(s):
    serverLog.append(['secureConnection', s.encrypted, s.authorized, s.authorizationError, s.servername,
                      s.alpnProtocol, isinstance(s, tls.TLSSocket)])

    def ondata(d):
        serverLog.append(['server data', d.decode()])
        s.end('pong')
    s.on('data', ondata)
    s.on('end', lambda: serverLog.append(['server end']))

    def onclose():
        serverLog.append(['server close'])
        server.close()
    s.on('close', onclose)


server = tls.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem')}, onsecure)
server.on('connection', lambda s: serverLog.append(['connection', isinstance(s, tls.TLSSocket)]))


def onlisten():
    def onsecureconnect():
        log('secureConnect', c.encrypted, c.authorized, c.authorizationError, c.getProtocol(),
            'string' if isinstance(c.getCipher()['name'], str) else '?', c.alpnProtocol, c.servername)
        cert = c.getPeerCertificate()
        log('subject', json.dumps(cert['subject'], separators=(',', ':')), 'issuer',
            json.dumps(cert['issuer'], separators=(',', ':')))
        log('san', cert['subjectaltname'], 'fp', len(cert['fingerprint']), len(cert['fingerprint256']),
            'raw', isinstance(cert['raw'], bytes), 'valid', 'string' if isinstance(cert['valid_from'], str) else '?',
            bool(re.search(' GMT$', cert['valid_to'])))
        c.write('ping')
    c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                     'servername': 'localhost', 'maxVersion': 'TLSv1.2'}, onsecureconnect)
    c.on('connect', lambda: log('connect'))
    c.on('data', lambda d: log('data', d.decode()))
    c.on('end', lambda: log('end'))
    c.on('close', lambda hadError: log('close', hadError))


server.listen(0, '127.0.0.1', onlisten)
process.on('exit', lambda *_: [log(*entry) for entry in serverLog])
