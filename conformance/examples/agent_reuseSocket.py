# Node doc (http.md), "agent.reuseSocket(socket, request)": the doc's default implementation,
# run in an Agent subclass over two requests on one keep-alive socket.
from nodehttp import http, timers

seen = []


class MyAgent(http.Agent):
    def reuseSocket(self, socket, request):
        print(f'reuseSocket socket#{seen.index(socket)} {request.path}')
        # -- the doc's line --
        socket.ref()
        # --


agent = MyAgent({'keepAlive': True})

server = http.createServer(lambda req, res: res.end(req.url))


def onlisten():
    port = server.address()['port']

    def get(path, next):
        def onresponse(res):
            print(f'response {res.statusCode} socket#{seen.index(res.socket)}')
            res.setEncoding('utf8')
            res.on('data', lambda chunk: print(f'data {chunk}'))
            res.on('end', lambda: timers.setImmediate(next))
        req = http.get({'port': port, 'host': '127.0.0.1', 'path': path, 'agent': agent}, onresponse)

        def onsocket(socket):
            if socket not in seen:
                seen.append(socket)
            print(f'socket socket#{seen.index(socket)}')
        req.on('socket', onsocket)

    def done():
        agent.destroy()
        server.close()
    get('/one', lambda: get('/two', done))


server.listen(0, '127.0.0.1', onlisten)
