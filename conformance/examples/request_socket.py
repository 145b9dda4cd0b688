# Node doc (http.md), "request.socket": against the stand-in (STANDIN_PORT)
# instead of www.google.com; the port is printed only as "a port" (ports are
# never part of a trace).
from nodehttp import http, process

options = {
    'host': '127.0.0.1',
    'port': process.env['STANDIN_PORT'],
}
req = http.get(options)
req.end()


def onresponse(res):
    ip = req.socket.localAddress
    port = req.socket.localPort
    print(f"Your IP address is {ip} and your source port is {'a port' if port > 0 else port}.")
    # consume response object
    res.resume()


req.once('response', onresponse)
