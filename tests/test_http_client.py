"""http.request / http.get / ClientRequest over real sockets on 127.0.0.1.

The servers here are raw ``socket`` servers in a thread (exact bytes, bad
servers included), so these tests depend on nothing but the client.  Every
expected event list was recorded from Node 10.24.1 running the same
scenario against the same raw server.  The client runs inside
``nodehttp.run``; a watchdog timer (unref'd) turns a hang into a failure.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from typing import Any, Callable

import pytest

import nodehttp
from nodehttp import http, timers, url

# -- harness ----------------------------------------------------------------------------


def run_client(main: Callable[[], Any], watchdog_ms: float = 5000) -> None:
    """Run ``main`` inside ``nodehttp.run``; fail (not hang) after ``watchdog_ms``."""

    def hang() -> None:
        raise AssertionError("the client hung: the loop still had work after the watchdog")

    def wrapper() -> Any:
        timers.setTimeout(hang, watchdog_ms).unref()
        return main()  # a coroutine is run by nodehttp.run

    nodehttp.run(wrapper)


def _read_head(c: socket.socket, buf: bytes = b"") -> tuple[bytes, bytes] | None:
    while b"\r\n\r\n" not in buf:
        d = c.recv(65536)
        if not d:
            return None
        buf += d
    head, _, rest = buf.partition(b"\r\n\r\n")
    return head, rest


def _read_body(c: socket.socket, head: bytes, rest: bytes) -> tuple[bytes, bytes]:
    """The request body (Content-Length or chunked, raw bytes), and what follows."""
    low = head.lower()
    if b"transfer-encoding: chunked" in low:
        while b"0\r\n\r\n" not in rest:
            d = c.recv(65536)
            if not d:
                break
            rest += d
        i = rest.find(b"0\r\n\r\n") + 5
        return rest[:i], rest[i:]
    for line in low.split(b"\r\n"):
        if line.startswith(b"content-length:"):
            n = int(line.split(b":")[1])
            while len(rest) < n:
                d = c.recv(65536)
                if not d:
                    break
                rest += d
            return rest[:n], rest[n:]
    return b"", rest


def _wait_close(c: socket.socket) -> None:
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass


# Canned responses by request path; 'close' half-closes, 'rst' resets, 'echo'
# echoes everything after, 'silent' never answers.
SCENARIOS: dict[str, list] = {
    "/ok": [b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"],
    "/badstatus": [b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"],
    "/garbage": [b"FOO BAR\r\n\r\n"],
    "/dupcl": [b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"],
    "/truncated": [b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", "close"],
    "/bighdr": [b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 90000 + b"\r\nContent-Length: 0\r\n\r\n"],
    "/hangup": ["close"],
    "/eofbody": [b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil eof", "close"],
    "/info": [b"HTTP/1.1 102 Processing\r\nX-A: 1\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
              b"Link: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"],
    "/chunkedtrailer": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n"
                        b"3\r\nabc\r\n0\r\nX-T: v\r\n\r\n"],
    "/badchunk": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"],
    "/double": [b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\n"
                b"Content-Length: 1\r\n\r\nb"],
    "/upgrade": [b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\n"
                 b"HEAD", "echo"],
    "/dup-headers": [b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-M: 1\r\n"
                     b"x-m: 2\r\nContent-Type: a\r\nContent-Type: b\r\nContent-Length: 0\r\n\r\n"],
    "/reset": ["rst"],
    "/silent": [],
    "/slow": [b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nab"],
    "/head": [b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"],
    "/close-cl": [b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"],
    "/http10": [b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"],
}


class RawServer:
    """A threaded raw-socket HTTP server on 127.0.0.1 playing ``SCENARIOS``.

    ``/echo-head`` answers with the request head as body; ``/echo-body`` with
    the raw body; ``/expect`` sends ``100 Continue`` and then echoes the body
    (recording whether body bytes arrived before the 100); CONNECT gets a
    ``200`` and then an echo tunnel.  ``heads`` records every request head.
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.heads: list[bytes] = []
        self.early_body: list[bytes] = []
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(c,), daemon=True).start()

    def _handle(self, c: socket.socket) -> None:
        try:
            r = _read_head(c)
            if r is None:
                return
            head, rest = r
            self.heads.append(head)
            line = head.split(b"\r\n", 1)[0].decode()
            method, path = line.split(" ")[:2]
            path = path.split("?")[0]
            if method == "CONNECT":
                c.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\nTUNNEL")
                acts: list = ["echo"]
            elif path == "/echo-head":
                acts = [b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%b" % (len(head), head)]
            elif path == "/echo-body":
                body, _ = _read_body(c, head, rest)
                acts = [b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%b" % (len(body), body)]
            elif path == "/expect":
                c.settimeout(0.2)
                try:
                    early = rest or c.recv(65536)
                except OSError:
                    early = b""
                c.settimeout(None)
                self.early_body.append(early)
                c.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
                body, _ = _read_body(c, head, early)
                acts = [b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%b" % (len(body), body)]
            else:
                acts = SCENARIOS[path]
            for a in acts:
                if a == "close":
                    c.shutdown(socket.SHUT_WR)
                    _wait_close(c)
                    return
                if a == "rst":
                    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if a == "echo":
                    while True:
                        d = c.recv(65536)
                        if not d:
                            return
                        c.sendall(d)
                c.sendall(a)
            _wait_close(c)
        except OSError:
            pass
        finally:
            c.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def raw() -> Any:
    srv = RawServer()
    yield srv
    srv.close()


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _js(o: Any) -> str:
    return json.dumps(o, separators=(",", ":"))


def record(req: Any, log: list, response_events: bool = True) -> None:
    """Log a request's and its response's events as the Node oracle script did."""
    for e in ("socket", "abort", "close", "continue", "timeout", "finish"):
        req.on(e, (lambda e: lambda *a: log.append("req " + e))(e))
    req.on("information", lambda info: log.append("req information" + _js(
        {"statusCode": info["statusCode"]})))
    req.on("error", lambda err: log.append(f"req error {err.code} {err}"))

    def onres(res: Any) -> None:
        log.append(f"req response {res.statusCode} {_js(res.headers)}")
        res.on("data", lambda d: log.append("res data " + d.decode()))
        res.on("end", lambda: log.append(
            f"res end complete={str(res.complete).lower()} trailers={_js(res.trailers)}"))
        res.on("close", lambda: log.append("res close"))
        res.on("aborted", lambda: log.append("res aborted"))

    if response_events:
        req.on("response", onres)


# -- bad and odd servers: the event sequence Node 10 gives ----------------------------------

NODE10 = {
    "/ok": ["req socket", 'req response 200 {"content-length":"5"}', "res data hello",
            "res end complete=true trailers={}", "req close", "res close"],
    "/badstatus": ["req socket", "req error HPE_INVALID_STATUS Parse Error", "req close"],
    "/garbage": ["req socket", "req error HPE_INVALID_CONSTANT Parse Error", "req close"],
    "/dupcl": ["req socket", "req error HPE_UNEXPECTED_CONTENT_LENGTH Parse Error", "req close"],
    "/truncated": ["req socket", 'req response 200 {"content-length":"10"}', "res data hello",
                   "res aborted", "req close", "res end complete=false trailers={}", "res close"],
    "/bighdr": ["req socket", "req error HPE_HEADER_OVERFLOW Parse Error", "req close"],
    "/hangup": ["req socket", "req error ECONNRESET socket hang up", "req close"],
    "/eofbody": ["req socket", 'req response 200 {"connection":"close"}', "res data until eof",
                 "res end complete=true trailers={}", "req close", "res close"],
    "/info": ["req socket", 'req information{"statusCode":102}',
              'req information{"statusCode":103}', 'req response 200 {"content-length":"2"}',
              "res data ok", "res end complete=true trailers={}", "req close", "res close"],
    "/chunkedtrailer": ["req socket",
                        'req response 200 {"transfer-encoding":"chunked","trailer":"X-T"}',
                        "res data abc", 'res end complete=true trailers={"x-t":"v"}',
                        "req close", "res close"],
    "/badchunk": ["req socket", 'req response 200 {"transfer-encoding":"chunked"}',
                  "req error HPE_INVALID_CHUNK_SIZE Parse Error", "res aborted", "req close",
                  "res end complete=false trailers={}", "res close"],
    "/double": ["req socket", 'req response 200 {"content-length":"1"}', "res data a",
                "res end complete=true trailers={}", "req close", "res close"],
    "/dup-headers": ["req socket", 'req response 200 {"set-cookie":["a=1","b=2"],"x-m":"1, 2",'
                     '"content-type":"a","content-length":"0"}',
                     "res end complete=true trailers={}", "req close", "res close"],
    "/reset": ["req socket", "req error ECONNRESET read ECONNRESET", "req close"],
}


@pytest.mark.parametrize("path", list(NODE10))
def test_server_behaviour_gives_node_events(raw, path):
    log: list[str] = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": path})
        record(req, log)
        req.removeAllListeners("finish")

    run_client(main)
    assert log == NODE10[path]


def test_parse_error_carries_raw_packet_and_never_hangs(raw):
    errors: list = []

    def main() -> None:
        req = http.get(f"http://127.0.0.1:{raw.port}/garbage")
        req.on("error", errors.append)

    run_client(main)
    assert errors[0].code == "HPE_INVALID_CONSTANT"
    assert errors[0].rawPacket.startswith(b"FOO")


def test_max_header_size_option(raw):
    errors: list = []
    statuses: list = []

    def main() -> None:
        r1 = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/bighdr",
                       "maxHeaderSize": 100_000}, lambda res: (statuses.append(res.statusCode),
                                                               res.resume()))
        r1.on("error", errors.append)
        r2 = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok",
                       "maxHeaderSize": 10})
        r2.on("error", errors.append)

    run_client(main)
    assert statuses == [200]
    assert [e.code for e in errors] == ["HPE_HEADER_OVERFLOW"]


# -- the seed's event orders ------------------------------------------------------------------

def test_success_order(raw):
    log: list[str] = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/ok"})
        record(req, log)
        req.end()

    run_client(main)
    assert log == ["req socket", "req finish", 'req response 200 {"content-length":"5"}',
                   "res data hello", "res end complete=true trailers={}", "req close",
                   "res close"]


def test_connection_error_order():
    log: list[str] = []
    errors: list = []
    port = closed_port()

    def main() -> None:
        req = http.get({"port": port, "host": "127.0.0.1"})
        record(req, log)
        req.on("error", errors.append)

    run_client(main)
    assert log == ["req socket", f"req error ECONNREFUSED connect ECONNREFUSED 127.0.0.1:{port}",
                   "req close"]
    assert errors[0].syscall == "connect" and errors[0].port == port


def test_enotfound():
    errors: list = []

    def main() -> None:
        http.get({"host": "no-such-host.invalid", "port": 80}).on("error", errors.append)

    run_client(main, 15000)
    assert errors and errors[0].code in ("ENOTFOUND", "EAI_AGAIN")
    assert str(errors[0]).startswith("getaddrinfo ")


def test_abort_before_connect_order(raw):
    log: list[str] = []
    aborted: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok"})
        record(req, log)

        def on_socket(s: Any) -> None:
            req.abort()
            aborted.append(req.aborted)

        req.on("socket", on_socket)

    run_client(main)
    assert log == ["req socket", "req abort", "req error ECONNRESET socket hang up", "req close"]
    assert isinstance(aborted[0], float) and aborted[0] > 1.5e12  # ms since the epoch


def test_abort_after_response_order(raw):
    log: list[str] = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/slow"})
        record(req, log)
        req.removeAllListeners("finish")
        req.on("response", lambda res: res.once("data", lambda d: req.abort()))

    run_client(main)
    assert log == ["req socket", 'req response 200 {"content-length":"100"}', "res data ab",
                   "req abort", "res aborted", "req close", "res end complete=false trailers={}",
                   "res close"]


def test_abort_twice_emits_abort_once(raw):
    log: list[str] = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok"})
        req.on("error", lambda e: None)
        req.on("abort", lambda: log.append("abort"))
        req.abort()
        req.abort()

    run_client(main)
    assert log == ["abort"]


# -- 1xx, upgrade, CONNECT, timeout ----------------------------------------------------------

def test_information_event_carries_status_and_headers(raw):
    infos: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/info"},
                       lambda res: res.resume())
        req.on("information", infos.append)

    run_client(main)
    assert [i["statusCode"] for i in infos] == [102, 103]
    assert infos[0]["statusMessage"] == "Processing" and infos[0]["httpVersion"] == "1.1"
    assert infos[0]["headers"] == {"x-a": "1"} and infos[1]["rawHeaders"] == ["Link", "</s.css>"]


def test_expect_100_continue_body_waits_for_continue(raw):
    log: list[str] = []
    bodies: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/expect",
                            "method": "POST",
                            "headers": {"Expect": "100-continue", "Content-Length": 4}})

        def on_continue() -> None:
            log.append("continue")
            req.end("body")

        req.on("continue", on_continue)
        req.on("information", lambda i: log.append(f"information {i['statusCode']}"))

        def on_response(res: Any) -> None:
            log.append("response")
            res.on("data", bodies.append)

        req.on("response", on_response)

    run_client(main)
    assert log == ["continue", "information 100", "response"]
    assert bodies == [b"body"]
    assert raw.early_body[-1] == b""  # the headers went alone, before the 100


def test_upgrade_event_with_head_and_socket(raw):
    got: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/upgrade",
                            "headers": {"Connection": "Upgrade", "Upgrade": "foo"}})
        req.end()

        def on_upgrade(res: Any, sock: Any, head: bytes) -> None:
            got.append((res.statusCode, res.headers["upgrade"], head))
            sock.on("data", lambda d: (got.append(d), sock.end()))
            sock.write(b"ping")

        req.on("upgrade", on_upgrade)
        req.on("close", lambda: got.append("close"))

    run_client(main)
    assert got == [(101, "foo", b"HEAD"), "close", b"ping"]


def test_upgrade_without_listener_closes_connection(raw):
    log: list[str] = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/upgrade"})
        for e in ("socket", "close", "response"):
            req.on(e, (lambda e: lambda *a: log.append("req " + e))(e))

    run_client(main)
    assert log == ["req socket", "req close"]


def test_connect_tunnel(raw):
    got: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "method": "CONNECT",
                            "path": "www.example.com:80"})
        req.end()

        def on_connect(res: Any, sock: Any, head: bytes) -> None:
            got.append((res.statusCode, res.statusMessage, head))
            sock.on("data", lambda d: (got.append(d), sock.end()))
            sock.write("GET / HTTP/1.1\r\n\r\n")

        req.on("connect", on_connect)

    run_client(main)
    assert got == [(200, "Connection Established", b"TUNNEL"), b"GET / HTTP/1.1\r\n\r\n"]
    assert raw.heads[-1].startswith(b"CONNECT www.example.com:80 HTTP/1.1\r\n")


def test_connect_without_listener_closes(raw):
    log: list[str] = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "method": "CONNECT",
                            "path": "h:1"})
        req.end()
        for e in ("socket", "close", "response"):
            req.on(e, (lambda e: lambda *a: log.append("req " + e))(e))

    run_client(main)
    assert log == ["req socket", "req close"]


def test_set_timeout_emits_timeout_then_abort(raw):
    log: list[str] = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/silent"})

        def cb() -> None:
            log.append("cb")
            req.abort()

        assert req.setTimeout(50, cb) is req
        for e in ("socket", "close", "response", "timeout", "abort"):
            req.on(e, (lambda e: lambda *a: log.append("req " + e))(e))
        req.on("error", lambda e: log.append(f"req error {e.code} {e}"))
        req.end()

    run_client(main)
    assert log == ["req socket", "cb", "req timeout", "req abort",
                   "req error ECONNRESET socket hang up", "req close"]


def test_timeout_option(raw):
    log: list[str] = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/silent",
                        "timeout": 40})

        def on_timeout() -> None:
            log.append("timeout")
            req.abort()

        req.on("timeout", on_timeout)
        req.on("error", lambda e: log.append(e.code))

    run_client(main)
    assert log == ["timeout", "ECONNRESET"]


# -- what goes on the wire -----------------------------------------------------------------

def _echo_head(raw: Any, *args: Any) -> str:
    out: list = []

    def main() -> None:
        def on_res(res: Any) -> None:
            res.on("data", out.append)

        if args and isinstance(args[-1], dict) and "method" in args[-1] \
                and args[-1]["method"] != "GET":
            http.request(*args, on_res).end()
        else:
            http.get(*args, on_res)

    run_client(main)
    return b"".join(out).decode("latin-1")


def test_default_request_head(raw):
    head = _echo_head(raw, {"port": raw.port, "host": "127.0.0.1", "path": "/echo-head"})
    assert head == f"GET /echo-head HTTP/1.1\r\nHost: 127.0.0.1:{raw.port}\r\nConnection: close"


def test_headers_auth_and_ipv6_host(raw):
    head = _echo_head(raw, {"port": raw.port, "host": "127.0.0.1", "path": "/echo-head",
                            "auth": "us er:pä", "headers": {"X-A": 1, "Cookie": ["a", "b"]}})
    assert head == ("GET /echo-head HTTP/1.1\r\nX-A: 1\r\nCookie: a; b\r\n"
                    f"Host: 127.0.0.1:{raw.port}\r\nAuthorization: Basic dXMgZXI6cMOk\r\n"
                    "Connection: close")


def test_set_host_false_and_headers_as_array(raw):
    head = _echo_head(raw, {"port": raw.port, "host": "127.0.0.1", "path": "/echo-head",
                            "setHost": False, "headers": [["X-A", "1"], ["X-A", "2"]]})
    assert head == "GET /echo-head HTTP/1.1\r\nX-A: 1\r\nX-A: 2\r\nConnection: close"


def test_url_string_and_URL_with_options(raw):
    head = _echo_head(raw, f"http://a:b@127.0.0.1:{raw.port}/echo-head?x=1#frag",
                      {"headers": {"X-B": "2"}})
    assert head == (f"GET /echo-head?x=1 HTTP/1.1\r\nX-B: 2\r\nHost: 127.0.0.1:{raw.port}\r\n"
                    "Authorization: Basic YTpi\r\nConnection: close")
    head = _echo_head(raw, url.URL(f"http://127.0.0.1:{raw.port}/echo-head"))
    assert head.startswith("GET /echo-head HTTP/1.1\r\n")


def test_post_chunked_by_default_and_content_length(raw):
    out: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/echo-body",
                            "method": "post"}, lambda res: res.on("data", out.append))
        assert req.method == "POST"
        req.write("a")
        req.write(b"bc")
        assert req.end() is req
        assert req.finished
        req2 = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/echo-body",
                             "method": "PUT"}, lambda res: res.on("data", out.append))
        req2.end("xyz")

    run_client(main)
    assert sorted(out) == sorted([b"1\r\na\r\n2\r\nbc\r\n0\r\n\r\n", b"xyz"])
    heads = [h for h in raw.heads if h.startswith((b"POST /echo-body", b"PUT /echo-body"))]
    assert any(b"Transfer-Encoding: chunked" in h for h in heads)
    assert any(b"Content-Length: 3" in h for h in heads)


def test_headers_api_and_flush_headers(raw):
    got: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/echo-head"})
        req.setHeader("X-Gone", "1")
        req.setHeader("Content-Type", "text/plain")
        assert req.getHeader("content-type") == "text/plain"
        req.removeHeader("x-gone")
        assert req.getHeader("X-Gone") is None
        req.flushHeaders()
        with pytest.raises(Exception) as ei:
            req.setHeader("X", "1")
        got.append(ei.value.code)
        req.on("response", lambda res: res.on("data", got.append))
        req.end()

    run_client(main)
    assert got[0] == "ERR_HTTP_HEADERS_SENT"
    assert b"Content-Type: text/plain" in got[1] and b"X-Gone" not in got[1]


def test_head_request_skips_body(raw):
    got: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/head",
                            "method": "HEAD"})
        req.on("response", lambda res: (got.append(res.headers["content-length"]),
                                        res.on("end", lambda: got.append("end")),
                                        res.resume()))
        req.end()

    run_client(main)
    assert got == ["100", "end"]


def test_socket_address_example(raw):
    got: list = []

    def main() -> None:
        req = http.get({"host": "127.0.0.1", "port": raw.port, "path": "/ok"})

        def on_response(res: Any) -> None:
            got.append((req.socket.localAddress, req.socket.localPort,
                        req.connection is req.socket))
            res.resume()

        req.once("response", on_response)

    run_client(main)
    assert got[0][0] == "127.0.0.1" and got[0][1] > 0 and got[0][2]


def test_no_response_listener_dumps_body(raw):
    done: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok"})
        req.on("close", lambda: done.append("close"))

    run_client(main)
    assert done == ["close"]


def test_set_no_delay_and_keep_alive_deferred_to_connect(raw):
    calls: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok"},
                       lambda res: res.resume())
        req.setNoDelay(True)
        req.setSocketKeepAlive(True, 1000)

        def on_socket(s: Any) -> None:
            orig_nd, orig_ka = s.setNoDelay, s.setKeepAlive
            s.setNoDelay = lambda *a: (calls.append(("nodelay", a)), orig_nd(*a))[1]
            s.setKeepAlive = lambda *a: (calls.append(("keepalive", a)), orig_ka(*a))[1]

        req.prependListener("socket", on_socket)

    run_client(main)
    assert ("nodelay", (True,)) in calls and ("keepalive", (True, 1000)) in calls


# -- options validation (Node 10's errors, thrown synchronously) --------------------------

@pytest.mark.parametrize("options, exc, code, message", [
    ({"agent": 5}, TypeError, "ERR_INVALID_ARG_TYPE",
     'The "options.agent" property must be one of type Agent-like Object, undefined, or false. '
     "Received type number"),
    ({"protocol": "https:"}, TypeError, "ERR_INVALID_PROTOCOL",
     'Protocol "https:" not supported. Expected "http:"'),
    ({"path": "/a b"}, TypeError, "ERR_UNESCAPED_CHARACTERS",
     "Request path contains unescaped characters"),
    ({"path": "/\u0100"}, TypeError, "ERR_UNESCAPED_CHARACTERS",
     "Request path contains unescaped characters"),
    ({"hostname": 5}, TypeError, "ERR_INVALID_ARG_TYPE",
     'The "options.hostname" property must be one of type string, undefined, or null. '
     "Received type number"),
    ({"host": {}}, TypeError, "ERR_INVALID_ARG_TYPE",
     'The "options.host" property must be one of type string, undefined, or null. '
     "Received type object"),
    ({"method": 5}, TypeError, "ERR_INVALID_ARG_TYPE",
     'The "method" argument must be of type string. Received type number'),
    ({"method": "bad method"}, TypeError, "ERR_INVALID_HTTP_TOKEN",
     'Method must be a valid HTTP token ["bad method"]'),
    ({"insecureHTTPParser": "x"}, TypeError, "ERR_INVALID_ARG_TYPE",
     'The "insecureHTTPParser" argument must be of type boolean. Received type string'),
    ({"headers": {"bad name": "x"}}, TypeError, "ERR_INVALID_HTTP_TOKEN",
     'Header name must be a valid HTTP token ["bad name"]'),
    ({"headers": {"x": "a\nb"}}, TypeError, "ERR_INVALID_CHAR",
     'Invalid character in header content ["x"]'),
])
def test_request_options_validation(options, exc, code, message):
    with pytest.raises(exc) as ei:
        http.request({"port": 1, "host": "127.0.0.1", **options})
    assert ei.value.code == code
    assert str(ei.value) == message


@pytest.mark.parametrize("s, code, message", [
    ("nohost", "ERR_INVALID_DOMAIN_NAME", "Unable to determine the domain name"),
    ("/path", "ERR_INVALID_DOMAIN_NAME", "Unable to determine the domain name"),
    ("https://x/", "ERR_INVALID_PROTOCOL", 'Protocol "https:" not supported. Expected "http:"'),
])
def test_request_url_validation(s, code, message):
    with pytest.raises(TypeError) as ei:
        http.request(s)
    assert (ei.value.code, str(ei.value)) == (code, message)


def test_request_properties_match_node():
    def main() -> None:
        r = http.request({"host": "127.0.0.1", "port": closed_port(), "method": "post",
                          "auth": "us er:pä", "headers": {"a": 1}})
        r.on("error", lambda e: None)
        assert (r.method, r.path, r.getHeaders()) == (
            "POST", "/", {"a": 1, "host": f"127.0.0.1:{r.getHeader('host').split(':')[1]}",
                          "authorization": "Basic dXMgZXI6cMOk"})
        assert (r.shouldKeepAlive, r._last, r.useChunkedEncodingByDefault) == (False, True, True)
        assert r.aborted is None and r.timeout is None and r.maxHeadersCount is None
        r.abort()
        r2 = http.request({"host": "::1", "port": 8080})
        r2.on("error", lambda e: None)
        assert r2.getHeaders() == {"host": "[::1]:8080"}
        r2.abort()
        r3 = http.request({"host": "h", "port": 80, "setHost": False, "agent": False})
        r3.on("error", lambda e: None)
        assert r3.getHeaders() == {} and (r3.shouldKeepAlive, r3._last) == (False, True)
        assert isinstance(r3.agent, http.Agent) and r3.agent is not http.globalAgent
        r3.abort()
        r4 = http.request("http://a:b@h:81/x?y#z", {"method": "PUT"})
        r4.on("error", lambda e: None)
        assert (r4.getHeaders(), r4.path, r4.method) == (
            {"host": "h:81", "authorization": "Basic YTpi"}, "/x?y", "PUT")
        r4.abort()

    run_client(main)


def test_max_headers_count_limits_headers_not_raw_headers(raw):
    got: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/dup-headers"},
                       lambda res: (got.append((res.headers, len(res.rawHeaders))),
                                    res.resume()))
        req.maxHeadersCount = 2

    run_client(main)
    assert got == [({"set-cookie": ["a=1", "b=2"]}, 14)]


def test_socket_path_unix(tmp_path):
    path = str(tmp_path / "s.sock")
    srv = socket.socket(socket.AF_UNIX)
    srv.bind(path)
    srv.listen(1)
    heads: list = []

    def serve() -> None:
        c, _ = srv.accept()
        r = _read_head(c)
        heads.append(r[0] if r else b"")
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nunix")
        _wait_close(c)
        c.close()

    threading.Thread(target=serve, daemon=True).start()
    out: list = []
    errors: list = []

    def main() -> None:
        http.get({"socketPath": path, "path": "/x"}, lambda res: res.on("data", out.append))
        http.request({"socketPath": str(tmp_path / "none.sock"), "path": "/x"}).on(
            "error", errors.append).end()

    try:
        run_client(main)
    finally:
        srv.close()
    assert out == [b"unix"]
    assert heads[0].startswith(b"GET /x HTTP/1.1\r\nHost: localhost\r\n")
    assert [(e.code, str(e)) for e in errors] == [
        ("ENOENT", f"connect ENOENT {tmp_path / 'none.sock'}")]


def test_local_address_option(raw):
    got: list = []

    def main() -> None:
        req = http.get({"port": raw.port, "host": "127.0.0.1", "path": "/ok",
                        "localAddress": "127.0.0.1"},
                       lambda res: (got.append(req.socket.localAddress), res.resume()))

    run_client(main)
    assert got == ["127.0.0.1"]


def test_write_back_pressure_and_drain(raw):
    state = {"false": 0, "drain": 0}
    got: list = []
    big = b"x" * (1 << 20)

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/echo-body",
                            "method": "POST", "headers": {"Content-Length": 4 * len(big)}},
                           lambda res: (res.on("data", got.append)))
        left = [4]

        def pump() -> None:
            while left[0]:
                left[0] -= 1
                if not req.write(big):
                    state["false"] += 1
                    req.once("drain", on_drain)
                    return
            req.end()

        def on_drain() -> None:
            state["drain"] += 1
            pump()

        pump()

    run_client(main, 15000)
    assert state["false"] >= 1 and state["drain"] == state["false"]
    assert sum(map(len, got)) == 4 * len(big)


def test_request_write_callback_and_finish(raw):
    log: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/echo-body",
                            "method": "POST"}, lambda res: res.resume())
        req.write("abc", lambda *a: log.append("write cb"))
        req.end(lambda: log.append("end cb"))
        req.on("finish", lambda: log.append("finish"))

    run_client(main)
    assert log == ["write cb", "end cb", "finish"]


def test_create_connection_returning_a_plain_duplex():
    """Any Duplex works as the socket (Node: 'Any Duplex stream is a valid return value')."""
    from nodehttp import stream

    written: list = []
    got: list = []

    def make(options: dict) -> Any:
        d = stream.Duplex({"read": lambda n: None,
                           "write": lambda chunk, enc, cb: (written.append(chunk),
                                                            reply(), cb())})

        def reply() -> None:
            d.push(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nduplex")
            d.push(None)

        return d

    def main() -> None:
        req = http.request({"host": "example.test", "path": "/d", "createConnection": make},
                           lambda res: (res.on("data", got.append),
                                        res.on("end", lambda: got.append("end"))))
        req.on("close", lambda: got.append("close"))
        req.end()

    run_client(main)
    # No agent, so no defaultPort: Node writes the port (":80") into Host.
    assert b"".join(written) == (b"GET /d HTTP/1.1\r\nHost: example.test:80\r\n"
                                 b"Connection: close\r\n\r\n")
    # As in Node 10: a plain Duplex is ended, not destroyed, so no 'close'.
    assert got == [b"duplex", "end"]


def test_set_timeout_after_socket_and_clear_timeout(raw):
    log: list = []

    def main() -> None:
        req = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/silent"})
        req.end()

        def on_socket(s: Any) -> None:
            req.setTimeout(30, lambda: (log.append("timeout"), req.abort()))

        req.on("socket", on_socket)
        req.on("error", lambda e: log.append(e.code))
        other = http.request({"port": raw.port, "host": "127.0.0.1", "path": "/ok"},
                             lambda res: res.resume())
        other.setTimeout(20, lambda: log.append("never"))
        other.clearTimeout()
        other.end()

    run_client(main)
    assert log == ["timeout", "ECONNRESET"]


def test_recycled_parsers_start_clean(raw):
    """Parsers are recycled (Node's FreeList); whatever the last response did
    (EOF-delimited body, HEAD, double response, truncation, Connection: close,
    parse error), the next request on a new socket parses from scratch."""
    seq = [("GET", "/close-cl"), ("GET", "/ok"), ("GET", "/http10"), ("GET", "/ok"),
           ("GET", "/eofbody"), ("GET", "/ok"), ("HEAD", "/head"), ("GET", "/ok"),
           ("GET", "/double"), ("GET", "/ok"), ("GET", "/truncated"), ("GET", "/ok"),
           ("GET", "/garbage"), ("GET", "/ok"), ("GET", "/info"), ("GET", "/ok")]
    got: list = []

    def main() -> None:
        def step(i: int) -> None:
            if i == len(seq):
                return
            method, path = seq[i]
            req = http.request({"port": raw.port, "host": "127.0.0.1", "path": path,
                                "method": method})

            def on_res(res: Any) -> None:
                chunks: list = []
                res.on("data", chunks.append)
                res.on("end", lambda: got.append((path, res.statusCode, b"".join(chunks))))

            req.on("response", on_res)
            req.on("error", lambda e: got.append((path, e.code)))
            req.on("close", lambda: step(i + 1))
            req.end()

        step(0)

    run_client(main)
    assert [g for g in got if g[0] == "/ok"] == [("/ok", 200, b"hello")] * 8
    assert ("/garbage", "HPE_INVALID_CONSTANT") in got and ("/info", 200, b"ok") in got


def test_legacy_url_parse_result_as_options(raw):
    out: list = []

    def main() -> None:
        opts = url.parse(f"http://127.0.0.1:{raw.port}/echo-head?q=1")
        http.get(opts, lambda res: res.on("data", out.append))

    run_client(main)
    assert out[0].startswith(b"GET /echo-head?q=1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % raw.port)


def test_remove_connection_header_gives_up_keep_alive():
    """Node 10's _storeHeader: after removeHeader('Connection') the request
    sends no Connection header and is not kept alive (the keep-alive agent
    destroys its socket instead of pooling it)."""
    seen = {}

    def main() -> None:
        agent = http.Agent({"keepAlive": True})
        req = http.request({"host": "127.0.0.1", "port": 1, "agent": agent})
        req.on("error", lambda err: seen.setdefault("error", err.code))
        seen["before"] = req.shouldKeepAlive
        req.removeHeader("Connection")
        req.end()
        seen["after"] = req.shouldKeepAlive
        seen["header"] = req._header

    run_client(main)
    assert seen["before"] is True and seen["after"] is False
    assert "connection" not in seen["header"].lower()
