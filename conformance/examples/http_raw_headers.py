# Node doc (http.md), "HTTP": rawHeaders of a request that sent exactly the
# doc's raw header lines (sent as raw bytes by a net client).  The doc's list
# has two different Content-Length values; what Node does with them is part
# of the trace.
import json

from nodehttp import http, net


def handler(req, res):
    print(json.dumps(req.rawHeaders, separators=(',', ':')))
    print(json.dumps(req.headers, separators=(',', ':')))
    req.resume()
    req.on('end', lambda: res.end())


server = http.createServer(handler)


def onclienterror(err, socket):
    print(f'clientError {err.code}')
    socket.destroy()


server.on('clientError', onclienterror)


def onlisten():
    def onconnect():
        socket.write('POST / HTTP/1.1\r\n' +
                     'ConTent-Length: 123456\r\n' +
                     'content-LENGTH: 123\r\n' +
                     'content-type: text/plain\r\n' +
                     'CONNECTION: keep-alive\r\n' +
                     'Host: mysite.com\r\n' +
                     'accepT: */*\r\n' +
                     '\r\n' + 'x' * 123)
    socket = net.connect(server.address()['port'], '127.0.0.1', onconnect)
    socket.on('data', lambda data: socket.end())
    socket.on('close', lambda: server.close())


server.listen(0, '127.0.0.1', onlisten)
