# Server: close() does not cut an idle keep-alive connection; its callback waits for the client.
import json

from nodehttp import http, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer(lambda req, res: res.end('ok'))
agent = http.Agent({'keepAlive': True})


def onlisten():
    def onresponse(res):
        res.resume()

        def onend():
            server.close(lambda: log('server close callback'))
            log('close called', server.listening)
            server.getConnections(lambda err, n: log('connections', err, n))

            def later():
                log('agent destroy')
                agent.destroy()
            timers.setTimeout(later, 50)
        res.on('end', onend)
    http.get({'port': server.address()['port'], 'host': '127.0.0.1', 'agent': agent}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
