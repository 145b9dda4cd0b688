"""http: bytes where Node takes a Buffer, and client errors as OSError."""

from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import http, net


class _Req:
    method = "GET"
    httpVersionMajor = 1
    httpVersionMinor = 1
    headers: dict = {}


def test_bytes_reason_is_not_a_reason_and_the_headers_argument_is_kept():
    """Node 10 turns a non-string reason into the headers object (a Buffer's
    indices become headers); Node 20 keeps the third argument (``obj ??=
    reason``).  We follow Node 20: the status text stays the default."""
    res = http.ServerResponse(_Req())
    res.writeHead(302, b"Moved", {"Location": b"/x"})
    assert res._header.startswith("HTTP/1.1 302 Found\r\nLocation: /x\r\n")


def test_bytes_header_values_are_their_utf8_text():
    res = http.ServerResponse(_Req())
    res.setHeader("X", "v\u00e9".encode())
    res.setHeader("Set-Cookie", [b"a=1", "b=2"])
    assert res.getHeader("X") == b"v\xc3\xa9"  # getHeader returns what was set (Node)
    res.writeHead(200)
    assert "X: v\u00e9\r\n" in res._header
    assert "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n" in res._header


def test_client_connection_refused_is_an_oserror():
    seen: dict[str, Any] = {}

    def main() -> None:
        server = net.createServer()

        def onlistening() -> None:
            port = server.address()["port"]

            def onclose(*_: Any) -> None:
                req = http.get({"host": "127.0.0.1", "port": port})
                req.on("error", lambda err: seen.update(err=err, port=port))

            server.close(onclose)

        server.listen(0, "127.0.0.1", onlistening)

    nodehttp.run(main)
    err = seen["err"]
    assert isinstance(err, ConnectionRefusedError)
    assert (err.code, err.syscall, err.address, err.port) == (
        "ECONNREFUSED", "connect", "127.0.0.1", seen["port"])
