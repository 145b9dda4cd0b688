"""tls: half-close (Node's TLSWrap shutdown): end() sends close_notify then FIN and reading
goes on; the peer's close_notify is 'end' and, with allowHalfOpen, the socket still writes."""

from __future__ import annotations

import socket as pysocket
import ssl
import threading
from pathlib import Path
from typing import Any

import pytest

from conformance import tls_fixtures
from nodehttp import timers, tls
from tests.test_tls import listen, read, run, server_opts


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def test_server_allowHalfOpen_writes_after_the_clients_close_notify(fx):
    seen: list = []

    def main() -> None:
        def onsecure(s: Any) -> None:
            s.on("data", lambda d: seen.append(("server data", bytes(d))))

            def onend() -> None:
                seen.append("server end")
                s.end(b"after your end")
            s.on("end", onend)
            s.on("close", lambda *_: server.close())

        server = tls.createServer(server_opts(fx, allowHalfOpen=True), onsecure)

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost"}, lambda: c.end(b"ping"))
            c.on("data", lambda d: seen.append(("client data", bytes(d))))
            c.on("end", lambda: seen.append("client end"))

        listen(server, go)

    run(main)
    assert seen == [("server data", b"ping"), "server end", ("client data", b"after your end"),
                    "client end"]


def test_close_notify_on_the_wire_and_reading_after_our_end(fx):
    """A Python ssl client sees our end() as close_notify (recv() == b''), answers after
    it, and our server still receives that."""
    seen: list = []
    ctx = ssl.create_default_context(cafile=str(fx / "ca.pem"))

    def peer(port: int) -> None:
        with pysocket.create_connection(("127.0.0.1", port), timeout=20) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                data = b""
                while True:
                    chunk = s.recv(100)
                    if not chunk:  # close_notify (a bare FIN would raise SSLEOFError)
                        break
                    data += chunk
                seen.append(("peer got", data))
                s.sendall(b"late words")
                s.unwrap()  # our close_notify back

    def main() -> None:
        def onsecure(s: Any) -> None:
            got: list = []
            s.on("data", lambda d: got.append(bytes(d)))
            s.on("end", lambda: seen.append(("server end", b"".join(got))))
            s.on("close", lambda *_: server.close())
            s.end(b"bye")

        server = tls.createServer(server_opts(fx), onsecure)

        def go(port: int) -> None:
            t = threading.Thread(target=peer, args=(port,))
            t.start()

            def poll() -> None:  # the peer is a blocking thread; keep the loop alive for it
                if t.is_alive():
                    timers.setTimeout(poll, 20)
            poll()

        listen(server, go)

    run(main)
    assert seen == [("peer got", b"bye"), ("server end", b"late words")]


def test_end_before_the_handshake_completes_sends_data_then_close_notify(fx):
    # Node's TLSWrap keeps writes and the shutdown made while the handshake runs.
    seen: list = []

    def main() -> None:
        def onsecure(s: Any) -> None:
            s.on("data", lambda d: seen.append(bytes(d)))
            s.on("end", lambda: seen.append("server end"))
            s.on("close", lambda *_: server.close())

        server = tls.createServer(server_opts(fx), onsecure)

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost"})
            c.write(b"early ")
            c.end(b"words")
            c.on("secureConnect", lambda: seen.append(("secureConnect", c.authorized)))

        listen(server, go)

    run(main)
    assert b"".join(x for x in seen if isinstance(x, bytes)) == b"early words"
    assert seen[-1] == "server end" and ("secureConnect", True) in seen
