# Node doc (http.md), "Event: 'upgrade'": the doc's program, on port 0.
from nodehttp import http, process


# Create an HTTP server
def handler(req, res):
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.end('okay')


srv = http.createServer(handler)


def onupgrade(req, socket, head):
    socket.write('HTTP/1.1 101 Web Socket Protocol Handshake\r\n' +
                 'Upgrade: WebSocket\r\n' +
                 'Connection: Upgrade\r\n' +
                 '\r\n')

    socket.pipe(socket)  # echo back


srv.on('upgrade', onupgrade)


# now that server is running
def onlisten():

    # make a request
    options = {
        'port': srv.address()['port'],
        'host': '127.0.0.1',
        'headers': {
            'Connection': 'Upgrade',
            'Upgrade': 'websocket'
        }
    }

    req = http.request(options)
    req.end()

    def onupgraded(res, socket, upgradeHead):
        print('got upgraded!')
        socket.end()
        process.exit(0)
    req.on('upgrade', onupgraded)


srv.listen(0, '127.0.0.1', onlisten)
