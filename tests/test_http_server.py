"""http.Server, ServerResponse and IncomingMessage over real sockets on 127.0.0.1.

Each test runs the server in-process with ``nodehttp.run`` and a client in a
thread (raw sockets for exact bytes); the client's end closes the server, so
``run`` returns when everything is done — no sleeps, only events.
"""

from __future__ import annotations

import re
import socket
import threading
from typing import Any, Callable

import pytest

import nodehttp
from nodehttp import http, loop

DATE = re.compile(rb"Date: [^\r]*\r\n")


# -- harness ---------------------------------------------------------------------------

def serve(setup: Callable[[Any], Any], client: Callable[[int], Any],
          options: dict | None = None) -> Any:
    """Run ``http.createServer`` (``setup(server)`` adds listeners) and
    ``client(port)`` in a thread; the server closes when the client returns.
    Returns the client's result (re-raising its exception)."""
    result: dict[str, Any] = {}

    def main() -> None:
        server = http.createServer(options) if options else http.createServer()
        setup(server)
        server.on("error", lambda err: result.setdefault("server_error", err))

        def close() -> None:
            server.close()

        def on_listening() -> None:
            port = server.address()["port"]
            aloop = loop.get_loop()

            def run_client() -> None:
                try:
                    result["value"] = client(port)
                except BaseException as exc:  # noqa: BLE001 - handed to the test
                    result["error"] = exc
                finally:
                    aloop.call_soon_threadsafe(loop.entry, close)

            threading.Thread(target=run_client, daemon=True).start()

        server.listen(0, "127.0.0.1", on_listening)

    nodehttp.run(main)
    if "error" in result:
        raise result["error"]
    return result.get("value")


class Raw:
    """A blocking raw-socket client that reads whole HTTP responses."""

    def __init__(self, port: int, timeout: float = 5.0) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, data: bytes) -> Raw:
        self.sock.sendall(data)
        return self

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def read_until(self, marker: bytes) -> bytes:
        while marker not in self.buf:
            if not self._fill():
                raise EOFError(self.buf)
        i = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_exactly(self, n: int) -> bytes:
        while len(self.buf) < n:
            if not self._fill():
                raise EOFError(self.buf)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_all(self) -> bytes:
        """Everything until the server closes."""
        while self._fill():
            pass
        out, self.buf = self.buf, b""
        return out

    def response(self, head: bool = False) -> bytes:
        """One complete response (headers and framed body), bytes as sent."""
        hdr = self.read_until(b"\r\n\r\n")
        status = int(hdr.split(b" ", 2)[1])
        lower = hdr.lower()
        if head or status < 200 or status in (204, 304):
            return hdr
        m = re.search(rb"\r\ncontent-length: *(\d+)", lower)
        if m:
            return hdr + self.read_exactly(int(m.group(1)))
        if re.search(rb"\r\ntransfer-encoding: *chunked", lower):
            body = b""
            while True:
                line = self.read_until(b"\r\n")
                body += line
                size = int(line.split(b";")[0], 16)
                if size == 0:
                    body += self.read_until(b"\r\n\r\n") if not self.buf.startswith(b"\r\n") \
                        else self.read_exactly(2)
                    return hdr + body
                body += self.read_exactly(size + 2)
        return hdr + self.read_all()

    def closed(self) -> bool:
        """True when the server closed the connection (EOF or reset)."""
        try:
            return not self._fill()
        except (ConnectionResetError, TimeoutError):
            return True

    def close(self) -> None:
        self.sock.close()


def nodate(b: bytes) -> bytes:
    return DATE.sub(b"", b)


def one(port: int, data: bytes, head: bool = False) -> bytes:
    c = Raw(port)
    try:
        return c.send(data).response(head)
    finally:
        c.close()


def exchange_all(port: int, data: bytes) -> bytes:
    c = Raw(port)
    try:
        return c.send(data).read_all()
    finally:
        c.close()


GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"


# -- ServerResponse framing ---------------------------------------------------------------

def test_hello_world_bytes_content_length_keep_alive_and_date():
    def setup(server):
        server.on("request", lambda req, res: (
            res.writeHead(200, {"Content-Type": "text/plain"}), res.end("hello")))

    out = serve(setup, lambda port: one(port, GET))
    assert re.search(rb"\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\n", out)
    # writeHead stores the header before end() knows the body: chunked, as Node.
    assert nodate(out) == (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                           b"Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"5\r\nhello\r\n0\r\n\r\n")


def test_end_with_whole_body_sets_content_length():
    def setup(server):
        server.on("request", lambda req, res: (
            res.setHeader("Content-Type", "text/plain"), res.end("hello")))

    out = serve(setup, lambda port: one(port, GET))
    assert nodate(out) == (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                           b"Connection: keep-alive\r\nContent-Length: 5\r\n\r\nhello")


def test_headers_and_first_small_body_leave_in_one_socket_write():
    writes = []

    def setup(server):
        def on_connection(sock):
            orig = sock.write

            def spy(data, *a):
                writes.append(bytes(data))
                return orig(data, *a)
            sock.write = spy
        server.on("connection", on_connection)
        server.on("request", lambda req, res: res.end("hello"))

    serve(setup, lambda port: one(port, GET))
    assert len(writes) == 1 and writes[0].endswith(b"\r\n\r\nhello")


def test_write_without_length_is_chunked_and_end_returns_self():
    seen = {}

    def handler(req, res):
        res.write("ab")
        res.write(b"cde")
        seen["end"] = res.end()
        seen["res"] = res

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen["end"] is seen["res"]
    assert nodate(out) == (b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n")


def test_http10_response_is_close_delimited():
    def handler(req, res):
        res.write("a")
        res.end("b")

    out = serve(lambda s: s.on("request", handler),
                lambda port: exchange_all(port, b"GET / HTTP/1.0\r\n\r\n"))
    assert nodate(out) == b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nab"


def test_http10_keep_alive_with_explicit_length_keeps_the_connection():
    def handler(req, res):
        res.setHeader("Content-Length", "2")
        res.end("ok")

    def client(port):
        c = Raw(port)
        req = b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        a = c.send(req).response()
        b = c.send(req).response()
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert nodate(a) == nodate(b) == (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")


@pytest.mark.parametrize("status", [204, 304])
def test_no_body_for_204_and_304(status):
    def handler(req, res):
        res.writeHead(status)
        res.end("ignored")

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert nodate(out) == (f"HTTP/1.1 {status} {http.STATUS_CODES[status]}\r\n"
                           "Connection: keep-alive\r\n\r\n").encode()


def test_no_body_for_head():
    def handler(req, res):
        res.end("hello")

    def client(port):
        c = Raw(port)
        a = c.send(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").response(head=True)
        b = c.send(GET).response()  # the connection is still in sync
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert nodate(a) == b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n"
    assert b.endswith(b"\r\n\r\nhello")


def test_send_date_false_and_status_message():
    def handler(req, res):
        res.sendDate = False
        res.statusCode = 404
        res.statusMessage = "Nope"
        res.end()

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert out == b"HTTP/1.1 404 Nope\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"


def test_write_head_forms_precedence_and_errors():
    seen = {}

    def handler(req, res):
        with pytest.raises(ValueError) as e:
            res.writeHead(99)
        seen["range"] = (e.value.code, str(e.value))
        with pytest.raises(TypeError) as e:
            res.setHeader("bad name", "x")
        seen["token"] = e.value.code
        with pytest.raises(TypeError) as e:
            res.setHeader("x", "a\nb")
        seen["char"] = e.value.code
        res.setHeader("X-A", "set")
        res.setHeader("Set-Cookie", ["a=1", "b=2"])
        seen["ret"] = res.writeHead(201, "Made", {"X-A": "head", "X-B": "2"}) is res
        with pytest.raises(Exception) as e:
            res.setHeader("x", "y")
        seen["sent"] = (e.value.code, str(e.value))
        seen["headersSent"] = res.headersSent
        res.end()

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen == {
        "range": ("ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: 99"),
        "token": "ERR_INVALID_HTTP_TOKEN",
        "char": "ERR_INVALID_CHAR",
        "ret": True,
        "sent": ("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client"),
        "headersSent": True,
    }
    assert nodate(out) == (b"HTTP/1.1 201 Made\r\nX-A: head\r\nSet-Cookie: a=1\r\n"
                           b"Set-Cookie: b=2\r\nX-B: 2\r\nConnection: keep-alive\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")


def test_write_head_raw_array_and_pairs():
    def handler(req, res):
        if req.url == "/flat":
            res.writeHead(200, ["X-One", "1", "X-Two", "2"])
        else:
            res.writeHead(200, [["X-One", "1"], ["X-Two", "2"]])
        res.end()

    def client(port):
        c = Raw(port)
        a = c.send(b"GET /flat HTTP/1.1\r\nHost: x\r\n\r\n").response()
        b = c.send(b"GET /pairs HTTP/1.1\r\nHost: x\r\n\r\n").response()
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert nodate(a) == nodate(b) == (b"HTTP/1.1 200 OK\r\nX-One: 1\r\nX-Two: 2\r\n"
                                      b"Connection: keep-alive\r\n"
                                      b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")


def test_header_map_api():
    seen = {}

    def handler(req, res):
        res.setHeader("Content-Type", "text/html")
        res.setHeader("X-Foo", ["a", "b"])
        seen["get"] = res.getHeader("content-type")
        seen["names"] = res.getHeaderNames()
        seen["headers"] = res.getHeaders()
        seen["has"] = (res.hasHeader("X-FOO"), res.hasHeader("nope"))
        res.removeHeader("x-foo")
        seen["after"] = res.getHeaderNames()
        res.end()

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen == {"get": "text/html", "names": ["content-type", "x-foo"],
                    "headers": {"content-type": "text/html", "x-foo": ["a", "b"]},
                    "has": (True, False), "after": ["content-type"]}


def test_trailers_sent_after_chunked_body():
    def handler(req, res):
        res.writeHead(200, {"Trailer": "X-Sum"})
        res.write("abc")
        res.addTrailers({"X-Sum": "42"})
        res.end()

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert out.endswith(b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n")


def test_write_back_pressure_and_drain():
    seen = {"rets": []}

    def handler(req, res):
        chunk = b"x" * 65536

        def pump():
            while True:
                ok = res.write(chunk)
                seen["rets"].append(ok)
                if not ok:
                    break
            if len(seen["rets"]) < 20:
                res.once("drain", pump)
            else:
                res.end()
        pump()

    def client(port):
        c = Raw(port, timeout=10)
        out = c.send(GET).response()
        c.close()
        return out

    out = serve(lambda s: s.on("request", handler), client)
    assert False in seen["rets"]
    n = len(seen["rets"])
    assert out.count(b"x") == n * 65536


def test_finish_event_and_flags_order():
    log = []

    def handler(req, res):
        res.on("finish", lambda: log.append(("finish", res.finished, res.socket is None)))
        res.on("close", lambda: log.append("res close"))
        log.append(("before", res.headersSent, res.finished))
        res.end("x", lambda: log.append("end cb"))
        log.append(("after", res.headersSent, res.finished))

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert log == [("before", False, False), ("after", True, True),
                   ("finish", True, True), "end cb"]


def test_write_continue_and_processing():
    def handler(req, res):
        res.writeProcessing()
        res.end("done")

    def client(port):
        c = Raw(port)
        a = c.send(GET).response()
        b = c.response()
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert a == b"HTTP/1.1 102 Processing\r\n\r\n"
    assert b.endswith(b"done")


# -- keep-alive, pipelining, Connection: close ------------------------------------------------

def test_pipelined_responses_leave_in_request_order():
    from nodehttp import timers

    def handler(req, res):
        if req.url == "/slow":
            timers.setTimeout(lambda: res.end("slow"), 20)
        else:
            res.end("fast" + req.url)

    def client(port):
        c = Raw(port)
        c.send(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        out = [c.response(), c.response(), c.response()]
        c.close()
        return out

    out = serve(lambda s: s.on("request", handler), client)
    assert [o.split(b"\r\n\r\n")[1] for o in out] == [b"slow", b"fast/1", b"fast/2"]


def test_an_answered_request_is_freed_without_the_cycle_collector():
    # The usual handler: an 'end' listener on the request answers, so the
    # request holds the response.  Once finished, the response must not hold
    # the request, or every such request is garbage for gc to find.
    import gc
    import weakref

    refs: list = []
    seen: dict = {}

    def handler(req, res):
        if req.url == "/next":
            seen["freed"] = [r() is None for r in refs]
            res.end("next")
            return
        refs.extend([weakref.ref(req), weakref.ref(res)])
        chunks: list = []
        req.on("data", chunks.append)
        req.on("end", lambda: res.end(b"".join(chunks)))

    def client(port):
        c = Raw(port)
        a = c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").response()
        b = c.send(GET.replace(b"GET /", b"GET /next")).response()
        c.close()
        return a, b

    gc.disable()
    try:
        a, b = serve(lambda s: s.on("request", handler), client)
    finally:
        gc.enable()
    assert a.endswith(b"abc") and b.endswith(b"next")
    assert seen["freed"] == [True, True]


def test_connection_close_request_closes_after_response():
    def client(port):
        c = Raw(port)
        out = c.send(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read_all()
        c.close()
        return out

    out = serve(lambda s: s.on("request", lambda req, res: res.end("bye")), client)
    assert nodate(out) == b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye"


def test_connection_close_set_by_response_closes():
    def handler(req, res):
        res.setHeader("Connection", "close")
        res.end("bye")

    def client(port):
        c = Raw(port)
        out = c.send(GET).response()
        closed = c.closed()
        c.close()
        return out, closed

    out, closed = serve(lambda s: s.on("request", handler), client)
    assert b"\r\nConnection: close\r\n" in out and closed


def test_keep_alive_connection_serves_many_requests():
    sockets = set()

    def handler(req, res):
        sockets.add(id(req.socket))
        res.end(req.url)

    def client(port):
        c = Raw(port)
        out = [c.send(f"GET /{i} HTTP/1.1\r\nHost: x\r\n\r\n".encode()).response() for i in range(5)]
        c.close()
        return out

    out = serve(lambda s: s.on("request", handler), client)
    assert [o.split(b"\r\n\r\n")[1] for o in out] == [f"/{i}".encode() for i in range(5)]
    assert len(sockets) == 1


# -- the server's other surfaces ---------------------------------------------------------------

def test_connection_event_accepts_any_duplex():
    from nodehttp import stream
    written = []

    class Pipe(stream.Duplex):
        def _read(self, n):
            pass

        def _write(self, chunk, encoding, cb):
            written.append(chunk)
            cb()

    def main():
        server = http.createServer(lambda req, res: res.end("via duplex " + req.url))
        d = Pipe()
        server.emit("connection", d)
        d.push(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n")

    nodehttp.run(main)
    out = b"".join(written)
    assert out.startswith(b"HTTP/1.1 200 OK\r\n") and out.endswith(b"\r\n\r\nvia duplex /x")


def test_request_piped_into_response():
    def handler(req, res):
        res.setHeader("Content-Type", "application/octet-stream")
        req.pipe(res)

    req = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nechoed"
    out = serve(lambda s: s.on("request", handler), lambda port: one(port, req))
    assert out.endswith(b"Transfer-Encoding: chunked\r\n\r\n6\r\nechoed\r\n0\r\n\r\n")


def test_socket_and_connection_are_released_after_finish():
    seen = {}

    def handler(req, res):
        seen["during"] = (res.socket is req.socket, res.connection is req.socket)
        res.on("finish", lambda: seen.setdefault("after", (res.socket, res.connection)))
        res.end()

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen == {"during": (True, True), "after": (None, None)}


def test_methods_and_status_codes_tables():
    assert "GET" in http.METHODS and "M-SEARCH" in http.METHODS
    assert http.METHODS == sorted(http.METHODS)
    assert http.STATUS_CODES[404] == "Not Found" and http.STATUS_CODES[418] == "I'm a Teapot"
    assert issubclass(http.ServerResponse, http.OutgoingMessage)


def test_write_after_end_emits_error():
    seen = {}

    def handler(req, res):
        res.on("error", lambda err: seen.setdefault("code", err.code))
        res.end("a")
        seen["ret"] = res.write("b")

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen == {"ret": True, "code": "ERR_STREAM_WRITE_AFTER_END"}


def test_header_dict_reused_renders_each_response_by_its_own_values():
    same = {"X-Flag": 1, "Connection": "close"}

    def handler(req, res):
        if req.url == "/bool":
            res.writeHead(200, {"X-Flag": True, "Connection": "close"})
        else:
            res.writeHead(200, same)
        res.end()

    def client(port):
        return [exchange_all(port, f"GET {p} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                for p in ("/a", "/b", "/bool")]

    a, b, c = serve(lambda s: s.on("request", handler), client)
    assert nodate(a) == nodate(b) == (b"HTTP/1.1 200 OK\r\nX-Flag: 1\r\nConnection: close\r\n"
                                      b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    assert nodate(c).startswith(b"HTTP/1.1 200 OK\r\nX-Flag: true\r\nConnection: close\r\n")


def test_one_header_dict_mutated_between_responses_renders_its_current_values():
    # The same dict object passed to writeHead each time (a module constant),
    # changed in place between responses: each response renders what it holds.
    shared = {"X-Kind": "a", "Connection": "close"}
    flags = {"X-Flag": 2, "Connection": "close"}

    def handler(req, res):
        if req.url == "/b":
            shared["X-Kind"] = "b"
        elif req.url == "/true":
            flags["X-Flag"] = True
        elif req.url == "/one":
            flags["X-Flag"] = 1
        res.writeHead(200, flags if req.url in ("/two", "/true", "/one", "/true2") else shared)
        if req.url == "/one":
            flags["X-Flag"] = True  # for /true2
        res.end()

    def client(port):
        return [exchange_all(port, f"GET {p} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                for p in ("/a", "/a2", "/b", "/two", "/true", "/one", "/true2")]

    got = [nodate(r).split(b"\r\n")[1] for r in serve(lambda s: s.on("request", handler),
                                                        client)]
    assert got == [b"X-Kind: a", b"X-Kind: a", b"X-Kind: b", b"X-Flag: 2", b"X-Flag: true",
                   b"X-Flag: 1", b"X-Flag: true"]


def test_flush_headers_encodings_and_removed_framing_headers():
    seen = {}

    def handler(req, res):
        if req.url == "/flush":
            res.setHeader("X-Early", "1")
            res.flushHeaders()
            seen["sent"] = res.headersSent
            res.write("6869", "hex")
            res.end("é", "latin1")
        elif req.url == "/nolength":
            # Node's test-http-remove-header-stays-removed.
            res.removeHeader("Connection")
            res.removeHeader("Content-Length")
            res.removeHeader("Transfer-Encoding")
            res.end("raw")
        else:
            res.writeHead(200)
            with pytest.raises(Exception) as e:
                res.writeHead(201)
            seen["twice"] = e.value.code
            with pytest.raises(TypeError) as e:
                res.write(123)
            seen["write"] = (e.value.code, str(e.value))
            with pytest.raises(TypeError) as e:
                res.getHeader(5)
            seen["getHeader"] = str(e.value)
            with pytest.raises(TypeError) as e:
                res.addTrailers({"bad name": "x"})
            seen["trailer"] = e.value.code
            res.end()

    def client(port):
        c = Raw(port)
        a = c.send(b"GET /flush HTTP/1.1\r\nHost: x\r\n\r\n").response()
        c.close()
        b = exchange_all(port, b"GET /nolength HTTP/1.1\r\nHost: x\r\n\r\n")
        c = one(port, GET)
        return a, b, c

    a, b, _ = serve(lambda s: s.on("request", handler), client)
    assert seen == {
        "sent": True,
        "write": ("ERR_INVALID_ARG_TYPE",
                  "The first argument must be one of type string or Buffer. "
                  "Received type number"),
        "getHeader": 'The "name" argument must be of type string. Received type number',
        "trailer": "ERR_INVALID_HTTP_TOKEN",
        "twice": "ERR_HTTP_HEADERS_SENT",
    }
    assert nodate(a) == (b"HTTP/1.1 200 OK\r\nX-Early: 1\r\nConnection: keep-alive\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n1\r\n\xe9\r\n0\r\n\r\n")
    # No Connection, Content-Length or chunked: the body ends when the connection does.
    assert nodate(b) == b"HTTP/1.1 200 OK\r\n\r\nraw"


def test_queued_response_set_timeout_and_destroy_wait_for_the_socket():
    from nodehttp import timers
    seen = []

    def handler(req, res):
        if req.url == "/first":
            timers.setTimeout(lambda: res.end("first"), 30)
        else:
            # Still queued behind /first: no socket yet.
            seen.append(res.socket is None)
            res.setTimeout(10000, lambda *a: None)
            res.on("socket", lambda s: seen.append("socket"))
            res.end("second")

    def client(port):
        c = Raw(port)
        c.send(b"GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n")
        out = [c.response(), c.response()]
        c.close()
        return out

    a, b = serve(lambda s: s.on("request", handler), client)
    assert a.endswith(b"first") and b.endswith(b"second")
    assert seen == [True, "socket"]


def test_date_header_is_cached_until_the_next_second(monkeypatch):
    from nodehttp import http_common, timers
    dates = iter(["Mon, 01 Jan 2024 00:00:00 GMT", "Mon, 01 Jan 2024 00:00:01 GMT"])
    monkeypatch.setattr(http_common, "utcDate", lambda: next(dates))
    monkeypatch.setattr(http_common, "_time", lambda: 1704067199.999)  # 1 ms to go
    monkeypatch.setattr(http_common, "_date_loop", http_common._NO_LOOP)

    def handler(req, res):
        if req.url == "/later":
            timers.setTimeout(lambda: res.end(), 20)  # after the cache was dropped
        else:
            res.end()

    def client(port):
        c = Raw(port)
        # /a and /b in one chunk: answered in the same loop turn, one Date.
        c.send(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        out = [c.response(), c.response()]
        out.append(c.send(b"GET /later HTTP/1.1\r\nHost: x\r\n\r\n").response())
        c.close()
        return [DATE.search(o).group(0) for o in out]

    a, b, later = serve(lambda s: s.on("request", handler), client)
    assert a == b == b"Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
    assert later == b"Date: Mon, 01 Jan 2024 00:00:01 GMT\r\n"
