# Node doc (http.md), "Class: http.Agent": detaching a socket from the pool
# with 'agentRemove'; the trace shows the socket is not pooled afterwards.
from nodehttp import http, timers

server = http.createServer(lambda req, res: res.end('done'))


def onlisten():
    agent = http.Agent({'keepAlive': True})
    options = {'port': server.address()['port'], 'host': '127.0.0.1', 'agent': agent}
    sock = None

    def onresponse(res):
        # Do stuff
        print(f'response {res.statusCode}')
        res.resume()

        def later():
            print(f'sockets {len(agent.sockets)} '
                  f'free {len(agent.freeSockets)} '
                  f'destroyed {str(sock.destroyed).lower()}')
            sock.destroy()
            server.close()
        res.on('end', lambda: timers.setImmediate(later))

    def onsocket(socket):
        nonlocal sock
        sock = socket
        socket.emit('agentRemove')
    http.get(options, onresponse).on('socket', onsocket)


server.listen(0, '127.0.0.1', onlisten)
