# Liveness: a server socket with allowHalfOpen that got the peer's FIN no longer
# reads, so it does not keep the process alive (libuv: the handle is inactive).
from nodehttp import net, process


def onconnection(s):
    s.on('end', lambda: print('server end', 'true' if s.writable else 'false'))
    s.on('close', lambda *_: print('server socket close'))
    s.resume()
    srv.close()


srv = net.createServer({'allowHalfOpen': True}, onconnection)


def onlistening():
    c = net.connect(srv.address()['port'], '127.0.0.1', lambda: c.end())

    def onfinish():
        print('client finish')
        c.destroy()

    c.on('finish', onfinish)
    c.on('close', lambda *_: print('client close'))


srv.listen(0, '127.0.0.1', onlistening)
process.on('exit', lambda code: print('exit', code))
