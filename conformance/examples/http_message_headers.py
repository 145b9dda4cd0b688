# Node doc (http.md), "HTTP": the headers object of a request that sent
# exactly the doc's headers (sent as raw bytes by a net client).
import json

from nodehttp import http, net


def handler(req, res):
    print(json.dumps(req.headers, separators=(',', ':')))
    req.resume()
    req.on('end', lambda: res.end())


server = http.createServer(handler)


def onlisten():
    def onconnect():
        socket.write('POST / HTTP/1.1\r\n' +
                     'Content-Length: 123\r\n' +
                     'Content-Type: text/plain\r\n' +
                     'Connection: keep-alive\r\n' +
                     'Host: mysite.com\r\n' +
                     'Accept: */*\r\n' +
                     '\r\n' + 'x' * 123)
    socket = net.connect(server.address()['port'], '127.0.0.1', onconnect)
    socket.once('data', lambda data: socket.end())
    socket.on('close', lambda: server.close())


server.listen(0, '127.0.0.1', onlisten)
