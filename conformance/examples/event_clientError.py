# Node doc (http.md), "Event: 'clientError'": the doc's server (port 0), sent
# a malformed request by a net client that prints the answer.
import json

from nodehttp import http, net

server = http.createServer(lambda req, res: res.end())


def onclienterror(err, socket):
    print(f'clientError {err.code}')
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')


server.on('clientError', onclienterror)


def onlisten():
    client = net.connect(server.address()['port'], '127.0.0.1')
    client.end('GET / HTTP/1.1\r\nBad Header\r\n\r\n')
    client.setEncoding('latin1')
    client.on('data', lambda data: print(json.dumps(data)))
    client.on('end', lambda: server.close())


server.listen(0, '127.0.0.1', onlisten)
