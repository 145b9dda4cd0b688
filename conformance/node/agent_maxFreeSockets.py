# Agent: keepAlive with maxFreeSockets: 1: of two parallel sockets one is pooled, the other closed.
import json

from nodehttp import http, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def counts(agent):
    def n(o):
        return sum(len(v) for v in o.values())
    return f'sockets={n(agent.sockets)} free={n(agent.freeSockets)}'


server = http.createServer(lambda req, res: res.end(req.url))
connections = 0


def onconnection(socket):
    global connections
    connections += 1
    socket.on('close', lambda: log('server socket close'))


server.on('connection', onconnection)
agent = http.Agent({'keepAlive': True, 'maxFreeSockets': 1})


def onlisten():
    port = server.address()['port']
    left = 2

    def later():
        log('connections', connections, counts(agent))
        agent.destroy()
        server.close()

    def onresponse(res):
        res.resume()

        def onend():
            nonlocal left
            left -= 1
            if left == 0:
                timers.setTimeout(later, 50)
        res.on('end', onend)
    for path in ['/a', '/b']:
        http.get({'port': port, 'host': '127.0.0.1', 'path': path, 'agent': agent}, onresponse)
    log('started', counts(agent))


server.listen(0, '127.0.0.1', onlisten)
