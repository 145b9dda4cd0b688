# tls: 'keylog' (Node >= 12.3) — NSS key-log lines on the client socket and on the server (line, tlsSocket), per TLS version.
import os

from nodehttp import tls


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false'}[v] if isinstance(v, bool) else v


seen = {'client': [], 'server': []}


def label(line):
    return f"{line.decode().split(' ')[0]} {js(len(line) > 100)} {js(line[-1] == 10)}"


server = tls.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem')},
                          lambda s: s.end('x'))
server.on('keylog', lambda line, socket: seen['server'].append(
    f"{label(line)} {js(isinstance(socket, tls.TLSSocket))}"))


def attempt(versions, done):
    def onsecure():
        seen['client'].append(f'secureConnect {c.getProtocol()}')
    c = tls.connect({'port': server.address()['port'], 'host': '127.0.0.1', 'ca': read('ca.pem'),
                     'servername': 'localhost', 'maxVersion': versions}, onsecure)
    c.on('keylog', lambda line: seen['client'].append(label(line)))
    c.on('data', lambda d: None)
    c.on('close', lambda *_: done())


def finish():
    server.close()
    for side in ('client', 'server'):
        for entry in seen[side]:
            print(side, entry)


server.listen(0, '127.0.0.1', lambda: attempt('TLSv1.3', lambda: attempt('TLSv1.2', finish)))
