# Server: 'listening', listening, address(), close callback; closing a closed server errors.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


server = http.createServer()
log('before', server.listening, server.address())
server.on('listening', lambda: log('listening event'))
server.on('close', lambda: log('close event'))


def onlisten():
    addr = server.address()
    log('listen cb', server.listening, addr['address'], addr['family'], 'number' if isinstance(addr['port'], int) else type(addr['port']).__name__)

    def onclose(err=None):
        log('close cb', err is None, server.listening)
        server.close(lambda err: log('second close', err.code, err.message))
    server.close(onclose)


server.listen(0, '127.0.0.1', onlisten)
