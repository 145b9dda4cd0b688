# Node doc (http.md), "new Agent([options])": a keep-alive agent; two
# requests in a row, the second reuses the first one's socket.
from nodehttp import http, timers

keepAliveAgent = http.Agent({'keepAlive': True})

server = http.createServer(lambda req, res: res.end(req.headers['connection']))


def onlisten():
    options = {'port': server.address()['port'], 'host': '127.0.0.1'}
    seen = []
    count = 0

    def onResponseCallback(res):
        nonlocal count
        count += 1
        if res.socket not in seen:
            seen.append(res.socket)
        print(f"{res.statusCode} {res.headers['connection']} socket#{seen.index(res.socket)}")
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(chunk))

        def onend():
            if count == 1:
                timers.setImmediate(lambda: http.request(options, onResponseCallback).end())
            else:
                keepAliveAgent.destroy()
                server.close()
        res.on('end', onend)
    options['agent'] = keepAliveAgent
    http.request(options, onResponseCallback).end()


server.listen(0, '127.0.0.1', onlisten)
