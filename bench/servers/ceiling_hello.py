"""Benchmark server: the ceiling of our stack (python ceiling_hello.py PORT).

A bare asyncio Protocol on uvloop: httptools parses, a canned response goes out in one
transport.write. No streams, no emitters, no objects per request: nothing a Node port could
do is cheaper than this. POST bodies are collected and echoed; Connection: close is honoured.
"""
import asyncio
import sys
import time
from email.utils import formatdate

import httptools
import uvloop

HELLO = b'Hello, World!'
_date = [0, b'']


def date_header():
    """'Date: ...\\r\\n', formatted once per second."""
    now = int(time.time())
    if now != _date[0]:
        _date[0] = now
        _date[1] = b'Date: ' + formatdate(now, usegmt=True).encode() + b'\r\n'
    return _date[1]


class HelloProtocol(asyncio.Protocol):
    __slots__ = ('transport', 'parser', 'body', 'post')

    def connection_made(self, transport):
        self.transport = transport
        self.parser = httptools.HttpRequestParser(self)
        self.body = []
        self.post = False

    def data_received(self, data):
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self.transport.write(b'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
            self.transport.close()

    def on_headers_complete(self):
        self.post = self.parser.get_method() == b'POST'

    def on_body(self, body):
        self.body.append(body)

    def on_message_complete(self):
        keep = self.parser.should_keep_alive()
        if self.post:
            body = b''.join(self.body)
            self.body = []
            head = (b'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n'
                    b'Content-Length: %d\r\n' % len(body))
        else:
            body = HELLO
            head = b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n'
        conn = b'Connection: keep-alive\r\n\r\n' if keep else b'Connection: close\r\n\r\n'
        self.transport.write(head + date_header() + conn + body)
        if not keep:
            self.transport.close()


async def main(port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(HelloProtocol, '127.0.0.1', port, backlog=4096)
    print('ready', flush=True)
    await server.serve_forever()


if __name__ == '__main__':
    uvloop.run(main(int(sys.argv[1])))
