# Node doc (http.md), "response.socket": the doc's server (port 0 instead of
# 3000); the client prints the answer with its own port masked.
from nodehttp import http


def handler(req, res):
    ip = res.socket.remoteAddress
    port = res.socket.remotePort
    res.end(f'Your IP address is {ip} and your source port is {port}.')


server = http.createServer(handler).listen(0, '127.0.0.1')


def onlistening():
    def onresponse(res):
        localPort = res.socket.localPort
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(chunk.replace(str(localPort), '<port>')))
        res.on('end', lambda: server.close())
    http.get({'port': server.address()['port'], 'host': '127.0.0.1'}, onresponse)


server.on('listening', onlistening)
