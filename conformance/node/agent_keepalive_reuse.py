# Agent: keepAlive puts the socket in freeSockets after a response and reuses it (v10 has no reusedSocket).
import json

from nodehttp import http, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def counts(agent):
    def n(o):
        return sum(len(v) for v in o.values())
    return f'sockets={n(agent.sockets)} free={n(agent.freeSockets)} requests={n(agent.requests)}'


server = http.createServer(lambda req, res: res.end('ok'))
server.on('connection', lambda socket: log('server connection'))
agent = http.Agent({'keepAlive': True})


def onlisten():
    port = server.address()['port']
    first = None

    def onresponse1(res):
        nonlocal first
        first = res.socket
        log('response 1', res.headers['connection'], counts(agent))
        res.resume()

        def after1():
            log('after 1', counts(agent))

            def onresponse2(res):
                log('response 2 same socket', res.socket is first, counts(agent))
                res.resume()

                def after2():
                    log('after 2', counts(agent))
                    agent.destroy()

                    def afterdestroy():
                        log('after destroy', counts(agent))
                        server.close()
                    timers.setImmediate(afterdestroy)
                res.on('end', lambda: timers.setImmediate(after2))
            req2 = http.get({'port': port, 'host': '127.0.0.1', 'agent': agent}, onresponse2)
            log(hasattr(req2, 'reusedSocket'))
        res.on('end', lambda: timers.setImmediate(after1))
    req1 = http.get({'port': port, 'host': '127.0.0.1', 'agent': agent}, onresponse1)
    log(hasattr(req1, 'reusedSocket'), req1.shouldKeepAlive)


server.listen(0, '127.0.0.1', onlisten)
