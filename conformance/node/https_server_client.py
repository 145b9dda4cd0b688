# https: a server and keep-alive requests through an Agent with the test CA; URL forms; protocol errors.
import os

from nodehttp import http, https, timers, url


def read(f):
    with open(os.path.join(os.environ['TLS_FIXTURES'], f), 'rb') as fh:
        return fh.read()


def js(v):
    return {True: 'true', False: 'false', None: 'null'}[v] if v is None or isinstance(v, bool) else v


def log(*a):
    print(*[js(x) for x in a])


def handler(req, res):
    res.setHeader('x-encrypted', js(req.socket.encrypted))
    res.end(f"{req.method} {req.url} {js(req.headers['host'] == 'localhost:' + str(server.address()['port']))}")


server = https.createServer({'key': read('localhost.key'), 'cert': read('localhost.pem')}, handler)
secure = [0]
server.on('secureConnection', lambda *a: secure.__setitem__(0, secure[0] + 1))

for f in (lambda: http.request('https://localhost/'), lambda: https.request('http://localhost/'),
          lambda: https.request({'protocol': 'http:', 'host': 'localhost'})):
    try:
        f()
    except Exception as e:
        log(js(isinstance(e, TypeError)), e.code, e.message)
agent = https.Agent({'keepAlive': True, 'ca': read('ca.pem')})
log('agent', agent.protocol, agent.defaultPort, isinstance(https.globalAgent, https.Agent),
    https.globalAgent.defaultPort)


def onlisten():
    port = server.address()['port']
    state = {}

    def one(i):
        if i == 0:
            opts = f'https://localhost:{port}/a?b=1'
        elif i == 1:
            opts = url.URL(f'https://localhost:{port}/url')
        else:
            opts = {'host': 'localhost', 'port': port, 'path': '/opts', 'method': 'POST'}

        def onres(res):
            body = []
            res.setEncoding('utf8')
            res.on('data', body.append)

            def onend():
                log(f'{i}', res.statusCode, ''.join(body), res.headers['x-encrypted'], res.socket.encrypted,
                    res.socket.authorized)
                if i == 0:
                    state['first'] = res.socket
                elif i == 1:
                    log('reused', res.socket is state['first'], 'secureConnections', secure[0])
                if i < 2:
                    timers.setImmediate(lambda: one(i + 1))
                else:
                    agent.destroy()
                    server.close()
            res.on('end', onend)
        req = https.request(opts, onres) if i == 2 else https.get(opts, {'agent': agent}, onres)
        if i == 2:
            req.end('body')

        def onerror(e):
            log(f'{i}', 'error', e.code)
            if i == 2:
                agent.destroy()
                server.close()
        req.on('error', onerror)
    one(0)


server.listen(0, '127.0.0.1', onlisten)
