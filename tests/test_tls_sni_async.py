"""tls: an SNICallback that answers later — the ClientHello is read raw (_tls_hello),
the callback asked, and TLS started with its answer and the bytes already read."""

from __future__ import annotations

import ssl
import struct
from pathlib import Path
from typing import Any

import pytest

from conformance import tls_fixtures
from nodehttp import _tls_hello, net, timers, tls
from tests.test_tls import _hostile, _raw, listen, read, run, server_opts


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def _client_hello(servername: str | None) -> bytes:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    out = ssl.MemoryBIO()
    obj = ctx.wrap_bio(ssl.MemoryBIO(), out, server_hostname=servername)
    with pytest.raises(ssl.SSLWantReadError):
        obj.do_handshake()
    return out.read()


def test_parseClientHello():
    hello = _client_hello("other.test")
    assert _tls_hello.parseClientHello(hello) == "other.test"
    assert _tls_hello.parseClientHello(_client_hello(None)) is None
    assert _tls_hello.parseClientHello(hello[:3]) is _tls_hello.NEED_MORE
    assert _tls_hello.parseClientHello(hello[:-1]) is _tls_hello.NEED_MORE
    assert _tls_hello.parseClientHello(b"GET / HTTP/1.1\r\n") is _tls_hello.NOT_HELLO
    # The hello split over two handshake records still parses.
    body = hello[5:]
    split = (b"\x16\x03\x01" + struct.pack(">H", 40) + body[:40]
             + b"\x16\x03\x01" + struct.pack(">H", len(body) - 40) + body[40:])
    assert _tls_hello.parseClientHello(split) == "other.test"
    assert _tls_hello.parseClientHello(split[:50]) is _tls_hello.NEED_MORE
    # Mangled lengths never raise.
    for i in range(5, len(hello)):
        for b in (0, 0xFF):
            mangled = hello[:i] + bytes([b]) + hello[i + 1:]
            _tls_hello.parseClientHello(mangled)  # must not raise


def _later(answer: Any, delay: int = 30) -> Any:
    asked: list = []

    def SNICallback(name: str, cb: Any) -> None:
        asked.append(name)
        timers.setTimeout(lambda: answer(name, cb), delay)

    SNICallback.asked = asked  # type: ignore[attr-defined]
    return SNICallback


def test_a_late_answer_chooses_the_certificate(fx):
    other = tls.createSecureContext(server_opts(fx, "other"))
    out: list = []

    def main() -> None:
        cb = _later(lambda name, done: (done(None, other), done(None, None)))  # 2nd call ignored
        server = tls.createServer(server_opts(fx, SNICallback=cb),
                                  lambda s: s.end(f"hi {s.servername}"))

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "other.test"},
                            lambda: out.append(c.getPeerCertificate()["subject"]["CN"]))
            c.on("data", lambda d: out.append(bytes(d)))
            c.on("close", lambda *_: server.close())

        listen(server, go)
        out.append(cb.asked)

    run(main)
    assert out[1:] == ["other.test", b"hi other.test"] and out[0] == ["other.test"]


def test_an_error_from_the_callback_destroys_the_socket_with_tlsClientError(fx):
    out: list = []

    def main() -> None:
        cb = _later(lambda name, done: done(ValueError("nope")))
        server = tls.createServer(server_opts(fx, SNICallback=cb), lambda s: out.append("bad"))
        server.on("tlsClientError", lambda err, s: out.append(("tlsClientError", str(err),
                                                                 s.destroyed)))

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "servername": "x.test",
                             "rejectUnauthorized": False})
            c.on("error", lambda e: out.append(e.code))
            c.on("close", lambda *_: server.close())

        listen(server, go)

    run(main)
    assert out == [("tlsClientError", "nope", True), "ECONNRESET"]


def test_hostile_input_with_an_async_SNICallback(fx):
    cb = _later(lambda name, done: done(None))
    codes, data, n = _hostile(fx, lambda port: net.connect(port, "127.0.0.1").end(
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"), SNICallback=cb)
    assert codes == ["ERR_SSL_HTTP_REQUEST"] and data == b"served" and n == 0
    hello = _client_hello("a.test")
    codes, data, n = _hostile(fx, lambda port: _raw(port, hello[:30], reset=True),
                              SNICallback=cb)
    assert codes == ["ECONNRESET"] and data == b"served" and n == 0


def test_the_handshake_timeout_covers_a_callback_that_never_answers(fx):
    never = _later(lambda name, done: None)

    def stall(port: int) -> None:
        c = tls.connect({"port": port, "host": "127.0.0.1", "servername": "slow.test",
                         "rejectUnauthorized": False})
        c.on("error", lambda e: None)

    codes, data, n = _hostile(fx, stall, handshakeTimeout=100, SNICallback=never)
    assert codes == ["ERR_TLS_HANDSHAKE_TIMEOUT"] and data == b"served" and n == 0
