# http: assigning http.globalAgent takes effect for every later request that names
# no agent (a keep-alive agent: both requests on one connection, Connection: keep-alive).
from nodehttp import http, process

connections = 0


def handler(req, res):
    print('request', req.url, req.headers['connection'])
    res.end('ok')


def onconnection(socket):
    global connections
    connections += 1


server = http.createServer(handler)
server.on('connection', onconnection)


def onlistening():
    agent = http.Agent({'keepAlive': True})
    http.globalAgent = agent
    print('assigned', 'true' if http.globalAgent is agent else 'false')

    def get(path, then):
        def onresponse(res):
            res.resume()
            res.on('end', lambda: process.nextTick(lambda: process.nextTick(then)))

        http.get({'host': '127.0.0.1', 'port': server.address()['port'], 'path': path}, onresponse)

    def done():
        print('connections', connections)
        agent.destroy()
        server.close()

    get('/1', lambda: get('/2', done))


server.listen(0, '127.0.0.1', onlistening)
