"""A server whose 'request' listener throws: the process prints the traceback
and exits 1, as Node does. throwing_server.js ported line by line."""

from nodehttp import http


def handler(req, res):
    raise Exception('boom')


server = http.createServer(handler)

server.listen(0, '127.0.0.1', lambda: print(server.address()['port'], flush=True))
