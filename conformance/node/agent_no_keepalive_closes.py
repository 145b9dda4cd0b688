# Agent: without keepAlive each request gets its own socket, closed after the response.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def counts(agent):
    def n(o):
        return sum(len(v) for v in o.values())
    return f'sockets={n(agent.sockets)} free={n(agent.freeSockets)} requests={n(agent.requests)}'


server = http.createServer(lambda req, res: res.end(req.headers['connection']))


def onconnection(socket):
    log('server connection')
    socket.on('close', lambda: log('server socket close'))


server.on('connection', onconnection)


def onlisten():
    port = server.address()['port']

    def onresponse(res):
        res.setEncoding('utf8')
        res.on('data', lambda d: log('body', d))

        def onend():
            log('end', counts(http.globalAgent))

            def onclose():
                log('client socket close', counts(http.globalAgent))
                server.close()
            res.socket.on('close', onclose)
        res.on('end', onend)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
