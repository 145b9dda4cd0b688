# Node doc (http.md), "message.headers": a server printing it for the doc's request,
# sent as raw bytes by a net client (console.log of an object prints it with
# JSON.stringify in both twins: util.inspect's format is not ported).
import json

from nodehttp import http, net


def handler(request, response):
    # Prints something like:
    #
    # { 'user-agent': 'curl/7.22.0',
    #   host: '127.0.0.1:8000',
    #   accept: '*/*' }
    print(json.dumps(request.headers, separators=(',', ':')))
    response.end()


server = http.createServer(handler)


def onlisten():
    def onconnect():
        socket.write('GET / HTTP/1.1\r\n' +
                     'User-Agent: curl/7.22.0\r\n' +
                     'Host: 127.0.0.1:8000\r\n' +
                     'Accept: */*\r\n' +
                     '\r\n')
    socket = net.connect(server.address()['port'], '127.0.0.1', onconnect)
    socket.once('data', lambda data: socket.end())
    socket.on('close', lambda: server.close())


server.listen(0, '127.0.0.1', onlisten)
