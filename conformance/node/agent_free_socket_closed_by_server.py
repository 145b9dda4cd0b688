# Agent: a pooled socket closed by the server (keepAliveTimeout) leaves freeSockets.
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


server = http.createServer(lambda req, res: res.end('ok'))
server.keepAliveTimeout = 50
agent = http.Agent({'keepAlive': True})


def onlisten():
    def onresponse(res):
        socket = res.socket
        res.resume()

        def later():
            log('pooled', counts(agent))

            def onclose():
                log('socket close', counts(agent))
                server.close()
            socket.on('close', onclose)
        res.on('end', lambda: timers.setImmediate(later))
    http.get({'port': server.address()['port'], 'host': '127.0.0.1', 'agent': agent}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
