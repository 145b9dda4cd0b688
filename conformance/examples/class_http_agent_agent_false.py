# Node doc (http.md), "Class: http.Agent": agent: false, a new agent just for
# this one request.
from nodehttp import http


def handler(req, res):
    res.end(f"connection: {req.headers['connection']}")


server = http.createServer(handler)


def onlisten():
    def onresponse(res):
        # Do stuff with response
        print(f"{res.statusCode} {res.headers['connection']}")
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(chunk))
        res.on('end', lambda: server.close())
    http.get({
        'hostname': '127.0.0.1',
        'port': server.address()['port'],
        'path': '/',
        'agent': False  # create a new agent just for this one request
    }, onresponse)


server.listen(0, '127.0.0.1', onlisten)
