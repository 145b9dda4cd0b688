"""http.Server connection handling: Expect, upgrade/CONNECT, bad input, timeouts, limits."""

from __future__ import annotations

import pytest
from test_http_server import GET, Raw, nodate, one, serve

from nodehttp import http

# -- Expect -------------------------------------------------------------------------------------

POST_EXPECT = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
               b"Expect: 100-continue\r\n\r\n")


def _echo(req, res):
    chunks = []
    req.on("data", chunks.append)
    req.on("end", lambda: res.end(b"got " + b"".join(chunks)))


def test_expect_continue_is_answered_automatically():
    def client(port):
        c = Raw(port)
        first = c.send(POST_EXPECT).response()
        second = c.send(b"body").response()
        c.close()
        return first, second

    first, second = serve(lambda s: s.on("request", _echo), client)
    assert first == b"HTTP/1.1 100 Continue\r\n\r\n"
    assert second.endswith(b"got body")


def test_check_continue_listener_owns_the_decision():
    log = []

    def check(req, res):
        log.append(("checkContinue", req.headers["expect"]))
        res.writeContinue()
        _echo(req, res)

    def setup(server):
        server.on("checkContinue", check)
        server.on("request", lambda req, res: log.append("request"))

    def client(port):
        c = Raw(port)
        first = c.send(POST_EXPECT).response()
        second = c.send(b"body").response()
        c.close()
        return first, second

    first, second = serve(setup, client)
    assert log == [("checkContinue", "100-continue")]
    assert first == b"HTTP/1.1 100 Continue\r\n\r\n" and second.endswith(b"got body")


def test_unknown_expectation_gets_417_or_check_expectation():
    req = b"GET / HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n"
    out = serve(lambda s: s.on("request", lambda rq, rs: rs.end("no")),
                lambda port: one(port, req))
    # Node's writeHead(417) then end(): the header is stored first, so chunked.
    assert nodate(out) == (b"HTTP/1.1 417 Expectation Failed\r\nConnection: keep-alive\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")

    def setup(server):
        server.on("checkExpectation", lambda rq, rs: rs.writeHead(402).end("pay"))
    out = serve(setup, lambda port: one(port, req))
    assert out.startswith(b"HTTP/1.1 402 Payment Required\r\n")
    assert out.endswith(b"\r\n\r\n3\r\npay\r\n0\r\n\r\n")


@pytest.mark.parametrize("header", [b"X-Expect: foo", b"TExpect: 100-continue",
                                    b"Referer: http://x/unexpected"])
def test_expect_inside_another_header_is_not_an_expectation(header):
    """Found by the differential fuzzer: a header block that merely contains
    "expect" was answered 417 and the handler never ran; Node answers 200."""
    req = b"GET / HTTP/1.1\r\nHost: x\r\n" + header + b"\r\n\r\n"
    out = serve(lambda s: s.on("request", lambda rq, rs: rs.end("ran")),
                lambda port: one(port, req))
    assert out.startswith(b"HTTP/1.1 200 OK\r\n")
    assert out.endswith(b"\r\n\r\nran")


# -- upgrade and CONNECT --------------------------------------------------------------------------

UPGRADE = (b"GET /chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
           b"Upgrade: websocket\r\n\r\nHEADBYTES")


def test_upgrade_hands_over_socket_and_head():
    seen = {}

    def on_upgrade(req, socket, head):
        seen["args"] = (req.method, req.url, req.headers["upgrade"], head)
        socket.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\n\r\n")
        socket.on("data", lambda d: socket.end(b"echo:" + d))

    def setup(server):
        server.on("upgrade", on_upgrade)
        server.on("request", lambda req, res: seen.setdefault("request", True))

    def client(port):
        c = Raw(port)
        hdr = c.send(UPGRADE).read_until(b"\r\n\r\n")
        rest = c.send(b"after").read_all()
        c.close()
        return hdr, rest

    hdr, rest = serve(setup, client)
    assert seen == {"args": ("GET", "/chat", "websocket", b"HEADBYTES")}
    assert hdr.startswith(b"HTTP/1.1 101 ") and rest == b"echo:after"


def test_upgrade_without_listener_is_an_ordinary_request():
    def client(port):
        c = Raw(port)
        out = c.send(UPGRADE[: -len(b"HEADBYTES")]).response()
        c.close()
        return out

    out = serve(lambda s: s.on("request", lambda req, res: res.end(req.headers["upgrade"])),
                client)
    assert out.startswith(b"HTTP/1.1 200 OK\r\n") and out.endswith(b"websocket")


def test_connect_with_and_without_listener():
    req = b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nTUNNEL"
    seen = {}

    def on_connect(rq, socket, head):
        seen["args"] = (rq.method, rq.url, head)
        socket.end(b"HTTP/1.1 200 Connection Established\r\n\r\n")

    out = serve(lambda s: s.on("connect", on_connect), lambda port: Raw(port).send(req).read_all())
    assert seen["args"] == ("CONNECT", "example.com:443", b"TUNNEL")
    assert out == b"HTTP/1.1 200 Connection Established\r\n\r\n"

    out = serve(lambda s: None, lambda port: Raw(port).send(req).read_all())
    assert out == b""


# -- bad input ----------------------------------------------------------------------------------

def test_bad_request_gets_400_and_close_other_connections_unaffected():
    def client(port):
        good = Raw(port)
        good.send(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        a = good.response()
        bad = Raw(port).send(b"BAD\x01 / HTTP/1.1\r\nHost: x\r\n\r\n").read_all()
        b = good.send(b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n").response()
        good.close()
        return a, bad, b

    a, bad, b = serve(lambda s: s.on("request", lambda req, res: res.end(req.url)), client)
    assert bad == b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
    assert a.endswith(b"/a") and b.endswith(b"/b")


def test_header_overflow_gets_431():
    big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"
    out = serve(lambda s: s.on("request", lambda req, res: res.end()),
                lambda port: Raw(port).send(big).read_all())
    assert out == b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"


def test_max_header_size_option_and_module_value():
    assert http.maxHeaderSize == 8192
    hdr = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200 + b"\r\n\r\n"
    out = serve(lambda s: s.on("request", lambda req, res: res.end()),
                lambda port: Raw(port).send(hdr).read_all(), {"maxHeaderSize": 100})
    assert out.startswith(b"HTTP/1.1 431 ")


def test_client_error_listener_gets_node_error_and_owns_the_socket():
    seen = {}

    def on_client_error(err, socket):
        seen["err"] = (err.code, err.bytesParsed, err.rawPacket)
        socket.end(b"HTTP/1.1 400 Custom\r\n\r\n")

    bad = b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
    out = serve(lambda s: s.on("clientError", on_client_error),
                lambda port: Raw(port).send(bad).read_all())
    code, parsed, raw = seen["err"]
    assert code == "HPE_INVALID_HEADER_TOKEN"
    assert isinstance(parsed, int) and raw == bad
    assert out == b"HTTP/1.1 400 Custom\r\n\r\n"


def test_request_smuggling_vectors_are_rejected():
    vectors = [
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ]

    def client(port):
        return [Raw(port).send(v).read_all() for v in vectors]

    def handler(req, res):
        req.resume()
        req.on("end", lambda: res.end("served"))

    outs = serve(lambda s: s.on("request", handler), client)
    for out in outs:
        assert out.startswith(b"HTTP/1.1 400 Bad Request\r\n"), out


def test_listener_exception_is_uncaught_not_swallowed():
    from nodehttp import process
    caught = []

    def handler(req, res):
        res.end("ok")
        raise RuntimeError("boom")

    def setup(server):
        process.once("uncaughtException", lambda err: caught.append(str(err)))
        server.on("request", handler)

    out = serve(setup, lambda port: one(port, GET))
    assert out.endswith(b"ok") and caught == ["boom"]


# -- timeouts and limits -------------------------------------------------------------------------

def test_defaults_of_the_seed():
    s = http.createServer()
    assert (s.timeout, s.keepAliveTimeout, s.headersTimeout, s.maxHeadersCount) == \
        (120000, 5000, 40000, None)


def test_server_timeout_emits_timeout_with_the_socket():
    seen = []

    def setup(server):
        def on_timeout(socket):
            seen.append(socket is not None)
            socket.destroy()
        server.setTimeout(50, on_timeout)

    def client(port):
        c = Raw(port)
        c.send(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers never finish
        closed = c.closed()
        c.close()
        return closed

    assert serve(setup, client) is True
    assert seen == [True]


def test_server_timeout_without_listener_destroys_the_socket():
    def setup(server):
        server.timeout = 50

    def client(port):
        c = Raw(port)
        closed = c.send(b"GET / HTTP/1.1\r\nHost: x\r\n").closed()
        c.close()
        return closed

    assert serve(setup, client) is True


def test_response_timeout_listener_keeps_socket():
    seen = []

    def handler(req, res):
        def on_timeout(socket):
            seen.append("res timeout")
            res.end("late")
        res.setTimeout(50, on_timeout)

    out = serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert seen == ["res timeout"] and out.endswith(b"late")


def test_keep_alive_timeout_closes_idle_connection():
    def setup(server):
        server.keepAliveTimeout = 50
        server.on("request", lambda req, res: res.end("x"))

    def client(port):
        c = Raw(port)
        out = c.send(GET).response()
        closed = c.closed()
        c.close()
        return out, closed

    out, closed = serve(setup, client)
    assert out.endswith(b"x") and closed


def test_headers_timeout_checked_when_data_arrives():
    seen = []

    def setup(server):
        server.headersTimeout = 30
        server.on("timeout", lambda socket: (seen.append("timeout"), socket.destroy()))
        server.on("request", lambda req, res: seen.append("request"))

    def client(port):
        c = Raw(port)
        c.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
        ev = __import__("threading").Event()
        ev.wait(0.1)  # a slow client: more header bytes, late and still unfinished
        try:
            c.send(b"Host: x\r\n")
        except OSError:
            pass
        closed = c.closed()
        c.close()
        return closed

    assert serve(setup, client) is True
    assert seen == ["timeout"]


def test_headers_timeout_of_a_keep_alive_connections_next_request():
    # Node 10's resetHeadersTimeoutOnReqEnd: the next request's headers are
    # timed from the end of the previous one, and checked as data arrives.
    seen = []

    def setup(server):
        server.headersTimeout = 30
        server.on("timeout", lambda socket: (seen.append("timeout"), socket.destroy()))
        server.on("request", lambda req, res: (seen.append("request"), res.end("ok")))

    def client(port):
        c = Raw(port)
        first = c.send(GET).response()
        c.send(b"GET /2 HTTP/1.1\r\nHost: x\r\n")
        __import__("threading").Event().wait(0.1)  # a slow client, as above
        try:
            c.send(b"X: y\r\n")
        except OSError:
            pass
        closed = c.closed()
        c.close()
        return first, closed

    first, closed = serve(setup, client)
    assert first.endswith(b"ok") and closed
    assert seen == ["request", "timeout"]


def test_max_headers_count_drops_extra_headers():
    seen = {}

    def setup(server):
        server.maxHeadersCount = 2

        def handler(req, res):
            seen["headers"] = req.headers
            seen["raw"] = len(req.rawHeaders)
            res.end()
        server.on("request", handler)

    req = b"GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
    serve(setup, lambda port: one(port, req))
    assert seen["headers"] == {"host": "x", "a": "1"}
    assert seen["raw"] == 8


def test_socket_close_mid_response_emits_aborted_and_close():
    import threading
    log = []
    got = threading.Event()

    def handler(req, res):
        got.set()
        req.on("aborted", lambda: log.append("req aborted"))
        req.on("close", lambda: log.append("req close"))
        res.on("close", lambda: log.append("res close"))
        res.on("finish", lambda: log.append("res finish"))
        req.socket.on("close", lambda *a: log.append("socket close"))

    def client(port):
        c = Raw(port)
        c.send(GET)
        assert got.wait(5)
        c.close()

    serve(lambda s: s.on("request", handler), client)
    assert log == ["req aborted", "req close", "res close", "socket close"]


@pytest.mark.parametrize("bad", ["abc", 1000])
def test_write_head_rejects_bad_status(bad):
    err = {}

    def handler(req, res):
        try:
            res.writeHead(bad)
        except ValueError as e:
            err["code"] = e.code
        res.end()

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert err == {"code": "ERR_HTTP_INVALID_STATUS_CODE"}


def test_http11_request_without_host_node10_default_node20_option():
    seen = []
    req = b"GET / HTTP/1.1\r\n\r\n"
    out = serve(lambda s: s.on("request", lambda rq, rs: seen.append(rq.url)),
                lambda port: Raw(port).send(req).read_all(), {"requireHostHeader": True})
    assert nodate(out) == (b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    assert seen == []
    out = serve(lambda s: s.on("request", lambda rq, rs: rs.end("ok")),
                lambda port: one(port, req))
    assert out.endswith(b"ok")


@pytest.mark.parametrize("timeout", [120000, 0, 30])
def test_keep_alive_timeout_is_a_socket_timeout_seen_by_the_server(timeout):
    seen = []

    def setup(server):
        server.timeout = timeout
        server.keepAliveTimeout = 60

        def on_timeout(socket):
            seen.append(socket.remotePort is not None)
            socket.destroy()
        server.on("timeout", on_timeout)
        server.on("request", lambda req, res: res.end("x"))

    def client(port):
        c = Raw(port)
        first = c.send(GET).response()
        second = c.send(GET).response()  # the keep-alive timer is re-used
        closed = c.closed()
        c.close()
        return first, second, closed

    first, second, closed = serve(setup, client)
    assert first.endswith(b"x") and second.endswith(b"x") and closed
    assert seen == [True]


def test_insecure_http_parser_option_accepts_lenient_input():
    folded = b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"
    handler = lambda s: s.on("request", lambda req, res: res.end("lenient"))  # noqa: E731
    strict = serve(handler, lambda port: Raw(port).send(folded).read_all())
    lenient = serve(handler, lambda port: one(port, folded), {"insecureHTTPParser": True})
    assert strict.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert lenient.startswith(b"HTTP/1.1 200 OK\r\n") and lenient.endswith(b"lenient")
    with pytest.raises(TypeError):
        http.createServer({"insecureHTTPParser": "yes"})


def test_response_after_client_left_is_harmless():
    import threading

    from nodehttp import timers
    got = threading.Event()
    seen = []

    def handler(req, res):
        got.set()
        res.on("close", lambda: seen.append("res close"))

        def late():
            seen.append(("end returns self", res.end("late") is res))
        req.socket.on("close", lambda *a: timers.setTimeout(late, 5))

    def client(port):
        c = Raw(port)
        c.send(GET + GET + GET)  # a pipelined queue that will never be answered
        assert got.wait(5)
        c.close()

    serve(lambda s: s.on("request", handler), client)
    # Only the response owning the socket hears 'close' (Node 10); ending any
    # of them afterwards is a no-op, never an exception.
    assert seen == ["res close"] + [("end returns self", True)] * 3


# -- the connection's own socket listeners ---------------------------------------------------------

CLOSE_GET = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def test_connection_listener_sees_the_servers_socket_listeners():
    # Node's connectionListener adds one 'timeout', 'error', 'close' and
    # 'drain' listener before user 'connection' listeners run.
    seen = []

    def onconnection(socket):
        seen.append({ev: socket.listenerCount(ev) for ev in ("timeout", "error", "close", "drain")})
        seen.append(socket.eventNames())
        socket.on("close", lambda had_error: seen.append(("close", had_error)))

    def setup(server):
        server.on("connection", onconnection)
        server.on("request", lambda req, res: res.end("ok"))

    out = serve(setup, lambda port: one(port, CLOSE_GET))
    assert out.endswith(b"ok")
    assert seen[0] == {"timeout": 1, "error": 1, "close": 1, "drain": 1}
    assert seen[1] == ["end", "timeout", "error", "close", "drain"]
    assert seen[2:] == [("close", False)]


def test_socket_listeners_added_before_the_server_keep_their_order():
    # A prepended 'connection' listener runs first: its 'close' listener
    # comes before the server's, which still runs (the request is aborted).
    log = []

    def first(socket):
        socket.on("newListener", lambda ev, fn: log.append(("new", ev)))
        socket.on("close", lambda: log.append("user close"))

    def onrequest(req, res):
        req.on("aborted", lambda: log.append("aborted"))
        req.socket.destroy()

    def setup(server):
        server.prependListener("connection", first)
        server.on("request", onrequest)

    def client(port):
        c = Raw(port)
        c.send(GET)
        with pytest.raises((EOFError, ConnectionError)):
            c.response()
        c.close()

    serve(setup, client)
    assert log[:5] == [("new", "close"), ("new", "timeout"), ("new", "error"),
                       ("new", "close"), ("new", "drain")]
    assert log[5:] == ["user close", "aborted"]


def test_socket_error_reaches_client_error_with_its_argument():
    got = []

    def onconnection(socket):
        socket.on("error", lambda err: None)  # keep the emit below from throwing
        socket.emit("error", RuntimeError("boom"))

    def setup(server):
        server.on("clientError", lambda err, socket: (got.append(str(err)), socket.destroy()))
        server.on("connection", onconnection)

    def client(port):
        c = Raw(port)
        with pytest.raises((EOFError, ConnectionError)):
            c.response()
        c.close()

    serve(setup, client)
    assert got == ["boom"]
