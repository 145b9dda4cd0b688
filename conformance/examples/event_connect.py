# Node doc (http.md), "Event: 'connect'": the tunneling proxy.  The origin
# (www.google.com:80 in the doc) is the harness's stand-in on 127.0.0.1
# (STANDIN_PORT); the proxy listens on port 0 instead of 1337.
from nodehttp import http, net, process, url


# Create an HTTP tunneling proxy
def handler(req, res):
    res.writeHead(200, {'Content-Type': 'text/plain'})
    res.end('okay')


proxy = http.createServer(handler)


def onconnect(req, cltSocket, head):
    # connect to an origin server
    srvUrl = url.parse(f'http://{req.url}')

    def onorigin():
        cltSocket.write('HTTP/1.1 200 Connection Established\r\n' +
                        'Proxy-agent: Node.js-Proxy\r\n' +
                        '\r\n')
        srvSocket.write(head)
        srvSocket.pipe(cltSocket)
        cltSocket.pipe(srvSocket)
    srvSocket = net.connect(srvUrl.port, srvUrl.hostname, onorigin)


proxy.on('connect', onconnect)


# now that proxy is running
def onlisten():

    # make a request to a tunneling proxy
    options = {
        'port': proxy.address()['port'],
        'host': '127.0.0.1',
        'method': 'CONNECT',
        'path': f"127.0.0.1:{process.env['STANDIN_PORT']}"
    }

    req = http.request(options)
    req.end()

    def onconnected(res, socket, head):
        print('got connected!')

        # make a request over an HTTP tunnel
        socket.write('GET / HTTP/1.1\r\n' +
                     'Host: www.google.com:80\r\n' +
                     'Connection: close\r\n' +
                     '\r\n')
        socket.on('data', lambda chunk: print(chunk.decode()))
        socket.on('end', lambda: proxy.close())
    req.on('connect', onconnected)


proxy.listen(0, '127.0.0.1', onlisten)
