# Node doc (http.md), "message.url": a server printing it for the doc's request,
# sent as raw bytes by a net client (console.log of an object prints it with
# JSON.stringify in both twins: util.inspect's format is not ported).
import json

from nodehttp import http, net


def handler(request, response):
    # The doc: for this request, request.url is '/status?name=ryan'
    print(json.dumps(request.url))
    response.end()


server = http.createServer(handler)


def onlisten():
    def onconnect():
        socket.write('GET /status?name=ryan HTTP/1.1\r\n' +
                     'Accept: text/plain\r\n' +
                     '\r\n')
    socket = net.connect(server.address()['port'], '127.0.0.1', onconnect)
    socket.once('data', lambda data: socket.end())
    socket.on('close', lambda: server.close())


server.listen(0, '127.0.0.1', onlisten)
