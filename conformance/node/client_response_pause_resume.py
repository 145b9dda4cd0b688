# Client: res.pause() holds data until resume(); isPaused() reports it.
import json

from nodehttp import http, net, timers

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'


def onconnection(socket):
    buf = ''
    socket.setEncoding('latin1')

    def ondata(d):
        nonlocal buf
        buf += d
        if '\r\n\r\n' in buf:
            buf = ''
            socket.end(RESPONSE)
    socket.on('data', ondata)


server = net.createServer(onconnection)


def onlisten():
    port = server.address()['port']
    def onresponse(res):
        res.pause()
        log('paused', res.isPaused())
        res.on('data', lambda d: log('data', q(d.decode()), res.isPaused()))

        def onend():
            log('end')
            server.close()
        res.on('end', onend)

        def later():
            log('resume')
            res.resume()
        timers.setTimeout(later, 30)
    http.get({'port': port, 'host': '127.0.0.1'}, onresponse)


server.listen(0, '127.0.0.1', onlisten)
