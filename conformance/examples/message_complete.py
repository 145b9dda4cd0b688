# Node doc (http.md), "message.complete": the doc's client, against a local
# server (port 0 instead of 8080) that promises 10 bytes, sends 5 and then
# drops the connection.  console.error goes to stderr (not compared); the
# trace lines show what the client saw.
import sys

from nodehttp import http, timers


def handler(req, res):
    res.writeHead(200, {'Content-Length': 10})
    res.write('hello')
    timers.setImmediate(lambda: res.socket.destroy())


server = http.createServer(handler)


def lower(value):
    return str(value).lower()


def onlisten():
    def onresponse(res):
        res.resume()

        def onend():
            if not res.complete:
                print(
                    'The connection was terminated while the message was still being sent',
                    file=sys.stderr)
        res.on('end', onend)
        res.on('aborted', lambda: print(f'aborted complete={lower(res.complete)}'))
        res.on('end', lambda: print(f'end complete={lower(res.complete)}'))

        def onclose():
            print(f'close complete={lower(res.complete)}')
            server.close()
        res.on('close', onclose)
    req = http.request({
        'host': '127.0.0.1',
        'port': server.address()['port'],
        'method': 'POST'
    }, onresponse)
    req.on('error', lambda err: print(f'req error {err.code}'))
    req.on('close', lambda: print('req close'))
    req.end()


server.listen(0, '127.0.0.1', onlisten)
