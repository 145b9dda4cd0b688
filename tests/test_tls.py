"""tls: TLSSocket, Server, connect, createSecureContext, checkServerIdentity — Node's rules.

Certificates are made at test time (conformance/tls_fixtures.py, the ``openssl``
command); each test runs client and server on 127.0.0.1 under nodehttp.run.
"""

from __future__ import annotations

import socket as pysocket
import ssl
import struct
from pathlib import Path
from typing import Any, Callable

import pytest

import nodehttp
from conformance import tls_fixtures
from nodehttp import _tls_common, _tls_openssl, net, timers, tls
from nodehttp.errors import NodeError


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def read(fx: Path, name: str) -> bytes:
    return (fx / name).read_bytes()


def run(main: Callable[[], Any], guard_ms: int = 8000) -> None:
    """Run ``main`` under nodehttp.run; an unref'd guard fails a test that hangs."""

    def hung() -> None:
        raise AssertionError(f"test hung: the loop still had work after {guard_ms} ms")

    def wrapped() -> None:
        timers.setTimeout(hung, guard_ms).unref()
        main()

    nodehttp.run(wrapped)


def server_opts(fx: Path, name: str = "localhost", **extra: Any) -> dict:
    return {"key": read(fx, f"{name}.key"), "cert": read(fx, f"{name}.pem"), **extra}


def listen(server: net.Server, cb: Callable[[int], Any]) -> None:
    server.listen(0, "127.0.0.1", lambda: cb(server.address()["port"]))


# -- createSecureContext, constants --------------------------------------------------------


def test_createSecureContext_validates_versions_material_and_pfx(fx):
    with pytest.raises(TypeError) as e:
        tls.createSecureContext({"minVersion": "TLSv9"})
    assert e.value.code == "ERR_TLS_INVALID_PROTOCOL_VERSION"
    assert str(e.value) == '"TLSv9" is not a valid minimum TLS protocol version'
    with pytest.raises(TypeError) as e:
        tls.createSecureContext({"key": 42, "cert": read(fx, "localhost.pem")})
    assert e.value.code == "ERR_INVALID_ARG_TYPE"
    with pytest.raises(NodeError) as e:  # the key of another certificate
        tls.createSecureContext({"key": read(fx, "other.key"), "cert": read(fx, "localhost.pem")})
    assert e.value.code.startswith("ERR_SSL_")
    with pytest.raises(NodeError) as e:  # Node: OpenSSL's reason, a plain Error
        tls.createSecureContext({"pfx": b"\x30\x82"})
    assert e.value.code is None and str(e.value) == "header too long"
    sc = tls.createSecureContext({**server_opts(fx), "maxVersion": "TLSv1.2"})
    assert isinstance(sc, tls.SecureContext)
    assert sc.context.maximum_version == ssl.TLSVersion.TLSv1_2


def test_constants_and_getCiphers():
    assert (tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION) == ("TLSv1.2", "TLSv1.3")
    ciphers = tls.getCiphers()
    assert "aes128-gcm-sha256" in ciphers and ciphers == sorted(ciphers)
    assert all(c == c.lower() for c in ciphers)


def test_the_ctypes_seam_is_available_on_cpython():
    # Node's verification order depends on it here; without it the fallback runs.
    assert _tls_openssl.available


# -- checkServerIdentity -------------------------------------------------------------------


@pytest.mark.parametrize("host,cert,ok", [
    ("a.example.com", {"subject": {"CN": "x"}, "subjectaltname": "DNS:*.example.com"}, True),
    ("a.b.example.com", {"subject": {}, "subjectaltname": "DNS:*.example.com"}, False),
    ("example.com", {"subject": {}, "subjectaltname": "DNS:*.com"}, False),  # *.tld
    ("A.Example.COM.", {"subject": {}, "subjectaltname": "DNS:a.example.com"}, True),
    ("foo.example.com", {"subject": {}, "subjectaltname": "DNS:f*.example.com"}, True),
    ("host", {"subject": {"CN": "host"}}, True),  # CN only without altnames
    ("host", {"subject": {"CN": "host"}, "subjectaltname": "DNS:other"}, False),
    ("127.0.0.1", {"subject": {}, "subjectaltname": "IP Address:127.0.0.1"}, True),
    ("::1", {"subject": {}, "subjectaltname": "IP Address:0:0:0:0:0:0:0:1"}, True),
    ("127.0.0.1", {"subject": {"CN": "127.0.0.1"}}, False),  # an IP never matches a CN
    ("x.test", {"subject": {}, "subjectaltname": "URI:http://x.test/p"}, True),
])
def test_checkServerIdentity_follows_node(host, cert, ok):
    err = tls.checkServerIdentity(host, cert)
    assert (err is None) is ok


def test_checkServerIdentity_error_fields():
    cert = {"subject": {"CN": "a"}, "subjectaltname": "DNS:localhost, IP Address:127.0.0.1"}
    err = tls.checkServerIdentity("wrong.test", cert)
    assert err.code == "ERR_TLS_CERT_ALTNAME_INVALID"
    assert err.reason == ("Host: wrong.test. is not in the cert's altnames: "
                          "DNS:localhost, IP Address:127.0.0.1")
    assert str(err) == "Hostname/IP does not match certificate's altnames: " + err.reason
    assert err.host == "wrong.test" and err.cert is cert
    err = tls.checkServerIdentity("10.0.0.1", cert)
    assert err.reason == "IP: 10.0.0.1 is not in the cert's list: 127.0.0.1"
    assert tls.checkServerIdentity("x", {}).reason == "Cert is empty"


# -- a connection: events, surface, writes before the handshake ------------------------------


def test_secure_connection_surface_and_early_writes(fx):
    log: list = []
    seen: dict = {}

    def main() -> None:
        def onsecure(s: tls.TLSSocket) -> None:
            seen["server"] = (s.authorized, s.authorizationError, s.servername, s.alpnProtocol,
                              s.encrypted)
            s.on("data", lambda d: (log.append(("server data", d)), s.end(b"pong")))

        server = tls.createServer(server_opts(fx, ALPNProtocols=["h2", "http/1.1"]), onsecure)

        def onport(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost", "ALPNProtocols": ["http/1.1"]})
            c.write(b"ping")  # before the handshake: queued, then encrypted
            c.on("connect", lambda: log.append("connect"))

            def onsecureconnect() -> None:
                log.append("secureConnect")
                cert = c.getPeerCertificate()
                seen["client"] = (c.authorized, c.authorizationError, c.getProtocol(),
                                  c.getCipher(), c.alpnProtocol, cert)
            c.on("secureConnect", onsecureconnect)
            c.on("data", lambda d: log.append(("data", d)))
            c.on("end", lambda: log.append("end"))
            c.on("close", lambda had: (log.append(("close", had)), server.close()))

        listen(server, onport)

    run(main)
    assert log == ["connect", "secureConnect", ("server data", b"ping"), ("data", b"pong"),
                   "end", ("close", False)]
    assert seen["server"] == (False, None, "localhost", "http/1.1", True)
    authorized, error, proto, cipher, alpn, cert = seen["client"]
    assert (authorized, error, proto, alpn) == (True, None, "TLSv1.3", "http/1.1")
    assert set(cipher) == {"name", "version"}
    assert cert["subject"] == {"C": "US", "O": "nodehttp", "CN": "localhost"}
    assert cert["issuer"] == {"CN": "nodehttp test CA"}
    assert cert["subjectaltname"] == "DNS:localhost, IP Address:127.0.0.1"
    assert cert["raw"] == ssl.PEM_cert_to_DER_cert(read(fx, "localhost.pem").decode())
    assert len(cert["fingerprint"]) == 59 and len(cert["fingerprint256"]) == 95
    assert cert["valid_to"].endswith(" GMT") and cert["serialNumber"].isupper()


def test_session_resumption_and_renegotiate(fx):
    seen: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx), lambda s: s.end("x"))

        def onport(port: int) -> None:
            first = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem")})
            first.resume()

            def again() -> None:
                session = first.getSession()
                seen.append(("first reused", first.isSessionReused()))
                second = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                                      "session": session})

                def onsecure() -> None:
                    seen.append(("second reused", second.isSessionReused(), second.authorized))
                    second.renegotiate({}, lambda err: seen.append(err.code))
                second.on("secureConnect", onsecure)
                second.resume()
                second.on("close", lambda: server.close())
            first.on("close", again)

        listen(server, onport)

    run(main)
    assert seen == [("first reused", False), ("second reused", True, True),
                    "ERR_TLS_RENEGOTIATION_DISABLED"]


def test_rejectUnauthorized_false_reports_the_error(fx):
    seen: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx, "self"), lambda s: s.end())

        def onport(port: int) -> None:
            c = tls.connect(port, "127.0.0.1", {"rejectUnauthorized": False},
                            lambda: seen.append((c.authorized, c.authorizationError)))
            c.resume()
            c.on("close", lambda: server.close())

        listen(server, onport)

    run(main)
    assert seen == [(False, "DEPTH_ZERO_SELF_SIGNED_CERT")]


def test_verification_without_the_ctypes_seam_falls_back_to_python(fx, monkeypatch):
    # Python verifies during the handshake: the same Node code and message.
    monkeypatch.setattr(_tls_openssl, "available", False)
    monkeypatch.setattr(_tls_common, "_CLIENT_CONTEXTS", {})
    errors: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx, "self"))
        server.on("tlsClientError", lambda *a: None)

        def onport(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1"})
            c.on("error", lambda e: errors.append((e.code, str(e))))
            c.on("close", lambda: server.close())

        listen(server, onport)

    run(main)
    assert errors == [("DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate")]


# -- hostile input on the TLS port ----------------------------------------------------------


def _hostile(fx: Path, send: Callable[[int], Any], handshakeTimeout: int = 120000,
             **extra: Any) -> tuple:
    """Run one hostile client, then a good one; returns (tlsClientError codes, good data,
    connections left).  ``extra``: more server options (an SNICallback)."""
    codes: list = []
    result: dict = {}

    def main() -> None:
        closed: list = []

        def count_when_both_closed() -> None:
            # The client's 'close' and the server socket's (TLS half-close:
            # the server side ends when the client's close_notify arrives).
            closed.append(True)
            if len(closed) == 2:
                def count(err: Any, n: int) -> None:
                    result["connections"] = n
                    server.close()
                server.getConnections(count)

        def onsecure(s: Any) -> None:
            s.on("close", count_when_both_closed)
            s.end("served")

        server = tls.createServer(server_opts(fx, handshakeTimeout=handshakeTimeout, **extra),
                                  onsecure)

        def onerror(err: Any, s: Any) -> None:
            codes.append(err.code)
            assert isinstance(s, tls.TLSSocket)
            s.destroy()
            s.on("close", lambda: timers.setImmediate(good))

        def good() -> None:
            port = server.address()["port"]
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem")})
            c.on("data", lambda d: result.setdefault("data", d))

            c.on("close", count_when_both_closed)

        server.on("tlsClientError", onerror)
        listen(server, send)

    run(main)
    return codes, result.get("data"), result.get("connections")


def _raw(port: int, payload: bytes, reset: bool = False) -> None:
    s = pysocket.create_connection(("127.0.0.1", port))
    s.sendall(payload)
    if reset:
        s.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def test_plain_http_on_the_tls_port(fx):
    codes, data, n = _hostile(fx, lambda port: net.connect(port, "127.0.0.1").end(
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert codes == ["ERR_SSL_HTTP_REQUEST"] and data == b"served" and n == 0


def test_garbage_on_the_tls_port(fx):
    codes, data, n = _hostile(fx, lambda port: net.connect(port, "127.0.0.1").end(b"\x16\x03\x01\x00\x05hello"
                                                                                  + b"\x00" * 64))
    assert len(codes) == 1 and codes[0].startswith("ERR_SSL_") and data == b"served" and n == 0


def test_a_stalled_handshake_times_out(fx):
    def stall(port: int) -> None:
        s = net.connect(port, "127.0.0.1")
        s.on("close", lambda: None)

    codes, data, n = _hostile(fx, stall, handshakeTimeout=100)
    assert codes == ["ERR_TLS_HANDSHAKE_TIMEOUT"] and data == b"served" and n == 0


def test_a_reset_mid_handshake(fx):
    hello = bytes.fromhex("160301") + struct.pack(">H", 200) + b"\x01\x00\x00\xc4\x03\x03"
    codes, data, n = _hostile(fx, lambda port: _raw(port, hello, reset=True))
    assert codes == ["ECONNRESET"] and data == b"served" and n == 0


def test_a_client_that_hangs_up_before_the_server_speaks(fx):
    codes, data, n = _hostile(fx, lambda port: _raw(port, b""))
    assert codes == ["ECONNRESET"] and data == b"served" and n == 0


def test_client_error_when_the_server_is_not_tls():
    errors: list = []

    def main() -> None:
        server = net.createServer(lambda s: s.resume().end(b"HTTP/1.1 400 Bad Request\r\n\r\n"))

        def onport(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1"})
            c.on("error", lambda e: errors.append(e.code))
            c.on("close", lambda: server.close())

        listen(server, onport)

    run(main)
    assert len(errors) == 1 and errors[0] in ("ERR_SSL_WRONG_VERSION_NUMBER", "ECONNRESET")


def test_connect_over_an_existing_socket(fx):
    # tls.connect({socket}): TLS on a connected net.Socket (STARTTLS-style).
    seen: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx), lambda s: s.end("over the raw socket"))

        def onport(port: int) -> None:
            raw = net.connect(port, "127.0.0.1")

            def onconnect() -> None:
                c = tls.connect({"socket": raw, "ca": read(fx, "ca.pem"), "servername": "localhost"},
                                lambda: seen.append(("secure", c.authorized)))
                c.on("data", lambda d: seen.append(d))
                c.on("close", lambda: (seen.append(("raw destroyed", raw.destroyed)),
                                       server.close()))
            raw.on("connect", onconnect)

        listen(server, onport)

    run(main)
    assert seen == [("secure", True), b"over the raw socket", ("raw destroyed", True)]


def test_a_server_side_TLSSocket_by_hand_starttls(fx):
    # new tls.TLSSocket(socket, {isServer: true, ...}) on a plain connection (STARTTLS).
    seen: list = []

    def main() -> None:
        def onconnection(sock: net.Socket) -> None:
            def ondata(d: bytes) -> None:
                sock.removeListener("data", ondata)
                sock.pause()
                seen.append(d)
                sock.write(b"GO\n", lambda *_: starttls(sock))
            sock.on("data", ondata)

        def starttls(sock: net.Socket) -> None:
            secure = tls.TLSSocket(sock, {"isServer": True, **server_opts(fx)})
            secure.on("secure", lambda: (seen.append("secure"), secure.end("encrypted hi")))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            raw = net.connect(port, "127.0.0.1", lambda: raw.write(b"STARTTLS\n"))

            def ongo(d: bytes) -> None:
                raw.removeListener("data", ongo)
                raw.pause()
                c = tls.connect({"socket": raw, "ca": read(fx, "ca.pem"),
                                 "servername": "localhost"})
                c.on("data", lambda d: seen.append(d))
                c.on("close", lambda: server.close())
            raw.on("data", ongo)

        listen(server, onport)

    run(main)
    assert seen == [b"STARTTLS\n", "secure", b"encrypted hi"]


def test_a_bad_record_after_the_handshake_is_nodes_ssl_error(fx):
    # A forged application-data record: the socket is destroyed with OpenSSL's
    # error as Node 20 names it, and the server goes on.
    import threading

    seen: list = []

    def peer(port: int) -> None:
        ctx = ssl.create_default_context(cafile=str(fx / "ca.pem"))
        with pysocket.create_connection(("127.0.0.1", port), timeout=20) as raw:
            s = ctx.wrap_socket(raw, server_hostname="localhost")
            s.sendall(b"hi")
            pysocket.socket.sendall(s, b"\x17\x03\x03\x00\x20" + b"\x00" * 32)
            try:
                while pysocket.socket.recv(s, 1024):  # until the server hangs up
                    pass
            except OSError:
                pass

    def main() -> None:
        def onsecure(s: Any) -> None:
            s.on("data", lambda d: seen.append(bytes(d)))
            s.on("error", lambda e: seen.append((e.code, str(e))))
            s.on("close", lambda had_error: (seen.append(("close", had_error)), server.close()))

        server = tls.createServer(server_opts(fx), onsecure)
        listen(server, lambda port: threading.Thread(target=peer, args=(port,)).start())

    run(main)
    assert seen == [b"hi", ("ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC",
                            "error:SSL routines::decryption failed or bad record mac"),
                    ("close", True)]


def test_connections_are_not_kept_alive_by_the_owner_map(fx):
    # _tls_common maps each SSLObject to its socket weakly both ways (the socket
    # holds its SSLObject): closed connections leave nothing behind.
    import gc

    from nodehttp import _tls_common

    left: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx), lambda s: s.end("x"))
        count = {"n": 0}

        def one() -> None:
            if count["n"] == 20:
                server.close()
                return
            count["n"] += 1
            c = tls.connect({"port": server.address()["port"], "host": "127.0.0.1",
                             "ca": read(fx, "ca.pem"), "servername": "localhost"})
            c.on("data", lambda d: None)
            c.on("close", lambda *_: timers.setImmediate(one))

        server.listen(0, "127.0.0.1", one)

    run(main)
    gc.collect()
    left.append(len(_tls_common._OWNERS))
    assert left[0] <= 2  # at most the last pair, still referenced by the test's frames


def test_large_bodies_both_ways_cross_partial_records(fx):
    # 4 MB each way: TCP reads end mid-record, and flow control pauses writers.
    body = bytes(range(256)) * 16384
    got: dict = {"server": [], "client": []}

    def main() -> None:
        def onsecure(s: Any) -> None:
            s.on("data", lambda d: got["server"].append(bytes(d)))
            s.on("end", lambda: s.end(body))

        server = tls.createServer(server_opts(fx, allowHalfOpen=True), onsecure)

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost"}, lambda: c.end(body))
            c.on("data", lambda d: got["client"].append(bytes(d)))
            c.on("close", lambda *_: server.close())

        listen(server, go)

    run(main, guard_ms=30000)
    assert b"".join(got["server"]) == body and b"".join(got["client"]) == body
