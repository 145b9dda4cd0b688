# Client: removeHeader('Connection') on a request through a keep-alive agent
# sends no Connection header and gives up keep-alive (Node 10's _storeHeader
# sets shouldKeepAlive false): the socket is destroyed, not pooled.
import json

from nodehttp import http


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def counts(agent):
    def n(o):
        return sum(len(v) for v in o.values())
    return f'sockets={n(agent.sockets)} free={n(agent.freeSockets)}'


def handler(req, res):
    log('server got connection header', req.headers.get('connection'))
    res.end('ok')


server = http.createServer(handler)
agent = http.Agent({'keepAlive': True})


def onlisten():
    def onresponse(res):
        log('response', res.headers['connection'])
        res.resume()
        res.on('end', lambda: log('end'))

        def onclose(*a):
            log('socket close', counts(agent))
            agent.destroy()
            server.close()
        res.socket.on('close', onclose)
    req = http.request({'port': server.address()['port'], 'host': '127.0.0.1', 'agent': agent},
                       onresponse)
    req.removeHeader('Connection')
    req.end()
    log('shouldKeepAlive after end', req.shouldKeepAlive)


server.listen(0, '127.0.0.1', onlisten)
