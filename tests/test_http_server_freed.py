"""A finished http server connection is freed by reference counting.

Once the socket of a connection has closed (the server still listening), the
socket, the connection state holding it, and the requests and responses it
served are gone without the garbage collector: the socket's listeners hold
the connection state weakly (nodehttp/http_server/socket_listeners.py) and
'close' clears the parser's read hooks.  Each test disables the collector,
so an object left in a reference cycle stays alive and fails the test.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import nodehttp
from nodehttp import http, net, timers


def _freed_after_close(requests: bytes, nresponses: int, clientEnds: bool) -> list:
    """Serve ``requests`` on one connection; when the server's socket has
    closed, (one immediate later, the server still open) return what is
    left of the weakly referenced server-side objects."""
    refs: list[weakref.ref] = []
    alive: list = []
    events: list = []

    def main() -> None:
        def hung() -> None:
            raise AssertionError("test hung")

        timers.setTimeout(hung, 5000).unref()

        def onrequest(req: Any, res: Any) -> None:
            refs.append(weakref.ref(req))
            refs.append(weakref.ref(res))
            res.end("ok")

        server = http.createServer(onrequest)

        def onconnection(socket: net.Socket) -> None:
            refs.append(weakref.ref(socket))

            def onclose(hadError: bool) -> None:
                events.append(("server socket close", hadError))

                def check() -> None:
                    alive.extend(r() for r in refs if r() is not None)
                    server.close()

                timers.setImmediate(check)

            socket.on("close", onclose)

        server.on("connection", onconnection)

        def onlistening() -> None:
            client = net.createConnection(server.address()["port"], "127.0.0.1")
            got: list[bytes] = []

            def ondata(d: bytes) -> None:
                got.append(d)
                if clientEnds and b"".join(got).count(b"HTTP/1.1 200") == nresponses:
                    client.end()

            client.on("data", ondata)
            client.resume()
            client.write(requests)

        server.listen(0, "127.0.0.1", onlistening)

    gc.collect()
    gc.disable()
    try:
        nodehttp.run(main)
    finally:
        gc.enable()
    assert events == [("server socket close", False)]
    assert len(refs) == 1 + 2 * nresponses
    return alive


def test_connection_close_freed_without_the_collector() -> None:
    """A Connection: close request: the server ends the connection."""
    alive = _freed_after_close(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                               1, False)
    assert alive == []


def test_keep_alive_connection_freed_without_the_collector() -> None:
    """A keep-alive connection that served two requests, then the client
    ended it."""
    alive = _freed_after_close(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 2, 2, True)
    assert alive == []


