# After server.close(), an idle keep-alive connection still reads and keeps the
# process alive until keepAliveTimeout ends it; then the process exits 0.
import time

from nodehttp import http, process

agent = http.Agent({'keepAlive': True})
srv = http.createServer(lambda req, res: res.end('ok'))
srv.keepAliveTimeout = 300


def go():
    def onres(res):
        res.resume()

        def onend():
            print('end')
            srv.close(lambda *a: print('server closed'))

        res.on('end', onend)

    http.get({'port': srv.address()['port'], 'host': '127.0.0.1', 'agent': agent}, onres)


srv.listen(0, '127.0.0.1', go)
t0 = time.monotonic()
process.on('exit', lambda c: print('exit', c, 'true' if time.monotonic() - t0 > 0.25 else 'false'))
