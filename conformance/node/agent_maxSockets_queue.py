# Agent: maxSockets: 1 queues requests in agent.requests; they run one after another on one socket.
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
    res.end(req.url)


server = http.createServer(handler)
agent = http.Agent({'keepAlive': True, 'maxSockets': 1})


def onlisten():
    port = server.address()['port']
    left = 3

    def finish():
        log('done', counts(agent))
        agent.destroy()
        server.close()

    def get(path):
        def onresponse(res):
            log('response', path, counts(agent))
            res.resume()

            def onend():
                nonlocal left
                left -= 1
                if left == 0:
                    timers.setImmediate(finish)
            res.on('end', onend)
        http.get({'port': port, 'host': '127.0.0.1', 'path': path, 'agent': agent}, onresponse)
    for path in ['/1', '/2', '/3']:
        get(path)
    log('queued', counts(agent))


server.listen(0, '127.0.0.1', onlisten)
