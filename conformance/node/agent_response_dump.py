# Agent: a response nobody listens for is dumped, and its keep-alive socket goes back to the pool.
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


def handler(req, res):
    log('server', req.url)
    res.end('x' * 1000)


server = http.createServer(handler)
agent = http.Agent({'keepAlive': True})


def onlisten():
    port = server.address()['port']
    req = http.get({'port': port, 'host': '127.0.0.1', 'agent': agent, 'path': '/ignored'})
    req.on('close', lambda: log('req close'))

    def onnext(res):
        log('next', res.statusCode, counts(agent))
        res.resume()

        def onend():
            agent.destroy()
            server.close()
        res.on('end', onend)

    def onsocket(socket):
        def onfree():
            log('socket free', counts(agent))
            timers.setImmediate(lambda: http.get({'port': port, 'host': '127.0.0.1', 'agent': agent, 'path': '/next'}, onnext))
        socket.once('free', onfree)
    req.on('socket', onsocket)


server.listen(0, '127.0.0.1', onlisten)
