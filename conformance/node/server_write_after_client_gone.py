# Server: a response written after its client went away; what reaches the server's 'clientError'.
import json

from nodehttp import http, net, timers


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def onrequest(req, res):
    log('request', req.url)
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.write('a')

    def onclose(hadError):
        log('socket close', hadError)

        def later():
            log('writing after close')
            res.on('error', lambda e: log('res error', e.code))
            res.on('finish', lambda: log('res finish'))
            req.socket.on('error', lambda e: log('socket error', e.code))
            r = res.write('b', lambda e=None: log('write cb', e.code if e else None))
            log('write returned', r)
            res.end()

            def last():
                log('listeners', req.socket.listenerCount('error'))
                server.close(lambda: log('server closed'))
            timers.setTimeout(last, 50)
        timers.setImmediate(later)
    req.socket.on('close', onclose)


server = http.createServer(onrequest)
server.on('clientError', lambda e, socket: log('clientError', e.code))


def onlisten():
    c = None

    def onconnect():
        c.write('GET /x HTTP/1.1\r\nHost: x\r\n\r\n')
    c = net.connect(server.address()['port'], '127.0.0.1', onconnect)

    def ondata(d):
        log('client got data')
        c.destroy()
    c.on('data', ondata)


server.listen(0, '127.0.0.1', onlisten)
