# Liveness: a client socket paused before it connected reads nothing; its peer
# sends data and FIN, 'end' never fires, and the process still exits.
from nodehttp import net, process


def onconnection(s):
    s.on('finish', lambda: s.destroy())
    s.end('hello')
    srv.close()


srv = net.createServer(onconnection)


def onlistening():
    c = net.connect(srv.address()['port'], '127.0.0.1')
    c.pause()
    c.on('connect', lambda: print('connect'))
    c.on('end', lambda: print('end'))
    c.on('data', lambda d: print('data', d.decode()))


srv.listen(0, '127.0.0.1', onlistening)
process.on('exit', lambda code: print('exit', code))
