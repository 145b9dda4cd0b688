"""http.Server's lifecycle API from Node 18/20 (Node 10's defaults kept):
closeIdleConnections/closeAllConnections, requestTimeout, the headersTimeout
timer, maxRequestsPerSocket, validateHeaderName/Value, writableFinished, and
the ``http_defaults`` switch to Node 20's defaults, both ways.

Expected bytes marked "Node 20" were printed by ``node`` v20.20 running the
same exchange."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_http_server import GET, Raw, nodate, serve

from nodehttp import http, timers


@pytest.fixture
def node20():
    http.setDefaults("node20")
    try:
        yield
    finally:
        http.setDefaults("node10")


def _eof(c: Raw) -> bytes:
    """Read until the server closes; return what came."""
    out = b""
    while True:
        chunk = c.sock.recv(65536)
        if not chunk:
            return out
        out += chunk


def _idle_and_busy(server_action: str):
    """c1 gets an answer (then idles); c2's request runs `server_action`,
    answered after the action on the next timer tick."""
    log = []

    def setup(server):
        server.keepAliveTimeout = 0  # idle sockets would otherwise end after 5 s

        def on_request(req, res):
            if req.url == "/act":
                getattr(server, server_action)()
                timers.setTimeout(lambda: res.end("late"), 10)
            else:
                res.end("ok")
        server.on("request", on_request)

    def client(port):
        c1 = Raw(port)
        log.append(c1.send(GET).response().endswith(b"ok"))
        c2 = Raw(port)
        c2.send(b"GET /act HTTP/1.1\r\nHost: x\r\n\r\n")
        log.append(_eof(c1))
        try:
            log.append(c2.response())
        except (EOFError, ConnectionResetError):
            log.append("c2 closed")
        c1.close()
        c2.close()

    serve(setup, client)
    return log


def test_close_idle_connections_closes_idle_keep_alive_sockets_only():
    ok, idle_rest, busy = _idle_and_busy("closeIdleConnections")
    assert ok and idle_rest == b""
    assert busy.endswith(b"late")  # the busy connection finished its response


def test_close_all_connections_closes_busy_ones_too():
    ok, idle_rest, busy = _idle_and_busy("closeAllConnections")
    assert ok and idle_rest == b"" and busy == "c2 closed"


def test_request_timeout_answers_408_like_node_18():
    def client(port):
        c = Raw(port)
        c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")
        return _eof(c)

    seen = []
    out = serve(lambda s: s.on("request", lambda q, r: seen.append(q.url)), client,
                {"requestTimeout": 200, "connectionsCheckingInterval": 20})
    assert out == b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"
    assert seen == ["/"]  # the headers arrived: 'request' ran, the body never came


def test_request_timeout_goes_through_client_error():
    errors = []

    def setup(server):
        server.on("clientError", lambda err, sock: (errors.append((err.code, err.message)),
                                                    sock.destroy()))

    serve(setup, lambda port: _eof(Raw(port).send(b"GET / HTTP/1.1\r\n")),
          {"requestTimeout": 200, "connectionsCheckingInterval": 20})
    assert errors == [("ERR_HTTP_REQUEST_TIMEOUT", "Request timeout")]


def test_headers_timeout_fires_by_timer_without_more_data():
    # Before: a silent half-header was only cut when more data arrived (or
    # by server.timeout, 120 s).  Node 10's action: server 'timeout', else destroy.
    timeouts = []

    def setup(server):
        server.headersTimeout = 200
        server.on("timeout", lambda sock: (timeouts.append(True), sock.destroy()))

    out = serve(setup, lambda port: _eof(Raw(port).send(b"GET / HTTP/1.1\r\nHost: x\r\n")),
                {"connectionsCheckingInterval": 20})
    assert out == b"" and timeouts == [True]


def test_idle_keep_alive_connection_is_not_cut_by_headers_timeout():
    def setup(server):
        server.headersTimeout = 100
        server.keepAliveTimeout = 0
        server.on("request", lambda q, r: r.end("ok"))

    def client(port):
        c = Raw(port)
        first = c.send(GET).response()
        # Idle for several checks (another connection's request times them).
        for _ in range(3):
            Raw(port).send(GET).response()
        second = c.send(GET).response()
        c.close()
        return first, second

    first, second = serve(setup, client, {"connectionsCheckingInterval": 20})
    assert first.endswith(b"ok") and second.endswith(b"ok")


def test_timeout_options_are_validated_as_node_18():
    s = http.createServer({"requestTimeout": 5000})
    assert (s.requestTimeout, s.headersTimeout) == (5000, 5000)
    assert http.createServer().requestTimeout == 0
    assert http.createServer().headersTimeout == 40000
    with pytest.raises(RangeError_) as e:
        http.createServer({"requestTimeout": 1000, "headersTimeout": 2000})
    assert e.value.code == "ERR_OUT_OF_RANGE"
    with pytest.raises(TypeError) as e:
        http.createServer({"requestTimeout": "1"})
    assert e.value.code == "ERR_INVALID_ARG_TYPE"


from nodehttp.errors import RangeError as RangeError_  # noqa: E402

MAX3 = (b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
        b"GET /3 HTTP/1.1\r\nHost: a\r\n\r\n")


def _max_requests():
    drops = []

    def setup(server):
        server.maxRequestsPerSocket = 2
        server.on("dropRequest", lambda req, sock: drops.append(req.url))
        server.on("request", lambda q, r: r.end("ok"))

    def client(port):
        c = Raw(port).send(MAX3)
        out = b"".join(c.response() for _ in range(3))
        c.close()
        return out

    return nodate(serve(setup, client)), drops


def test_max_requests_per_socket_drops_with_503():
    out, drops = _max_requests()
    assert drops == ["/3"]
    assert out == (b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"
                   b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
                   b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")


def test_max_requests_per_socket_with_node20_defaults_is_node20_bytes(node20):
    out, drops = _max_requests()
    assert drops == ["/3"]
    # Node 20, byte for byte (Date removed).
    assert out == (b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=2"
                   b"\r\nContent-Length: 2\r\n\r\nok"
                   b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
                   b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")


# -- the Node 20 defaults switch -----------------------------------------------------------

NOHOST = b"GET / HTTP/1.1\r\n\r\n"


def _defaults_probe():
    def setup(server):
        server.on("request", lambda q, r: r.end("ok"))

    def client(port):
        a = nodate(Raw(port).send(GET).response())
        b = Raw(port).send(NOHOST).response()
        return a, b

    return serve(setup, client)


def test_node10_defaults_no_keep_alive_header_no_host_required():
    a, b = _defaults_probe()
    assert a == b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"
    assert b.startswith(b"HTTP/1.1 200 OK")
    agent = http.globalAgent
    assert (agent.keepAlive, agent.scheduling) == (False, "fifo")
    assert http.getDefaults() == "node10"


def test_node20_defaults_keep_alive_header_host_required_agent(node20):
    a, b = _defaults_probe()
    assert a == (b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n"
                 b"Content-Length: 2\r\n\r\nok")
    assert b.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    agent = http.globalAgent
    assert (agent.keepAlive, agent.scheduling, agent.options["timeout"]) == (True, "lifo", 5000)


def test_user_keep_alive_header_replaces_the_default_one(node20):
    def setup(server):
        server.on("request", lambda q, r: (r.setHeader("Keep-Alive", "timeout=9"), r.end("ok")))

    out = serve(setup, lambda port: nodate(Raw(port).send(GET).response()))
    assert out.count(b"Keep-Alive:") == 1 and b"Keep-Alive: timeout=9\r\n" in out


def _close_with_idle_client(wait: float):
    """server.close() while a keep-alive client idles: does 'close' wait?

    The client waits ``wait`` seconds for the server's EOF: short where none
    is expected (its absence is the result), generous where one is (a loaded
    machine may take a while to deliver it; it ends the wait at once)."""
    import threading

    from nodehttp import loop
    from nodehttp.loop import run as nrun

    result = {}
    threads = []

    def main():
        server = http.createServer(lambda q, r: r.end("ok"))
        server.keepAliveTimeout = 60000  # longer than the test: only close() can end it

        def listening():
            port = server.address()["port"]
            aloop = loop.get_loop()

            def client():
                c = Raw(port)
                c.send(GET).response()
                result["client"] = c
                aloop.call_soon_threadsafe(loop.entry, lambda: server.close(
                    lambda *_: result.setdefault("closed", True)))
                # Node 10: 'close' waits for the client to go; give it the bound.
                c.sock.settimeout(wait)
                try:
                    result["eof"] = c.sock.recv(10) == b""
                except OSError:
                    result["eof"] = False
                c.close()

            t = threading.Thread(target=client, daemon=True)
            threads.append(t)
            t.start()

        server.listen(0, "127.0.0.1", listening)

    nrun(main)
    # The loop may end (the server closed its last socket) before the client
    # thread has recorded what it saw: wait for the thread, not for time.
    for t in threads:
        t.join(60)
    return result


def test_close_leaves_idle_connections_by_default():
    assert _close_with_idle_client(2) == {"client": _any(), "closed": True, "eof": False}


def test_close_closes_idle_connections_with_node20_defaults(node20):
    assert _close_with_idle_client(30) == {"client": _any(), "closed": True, "eof": True}


class _any:
    def __eq__(self, other):
        return True


def test_env_var_selects_node20_defaults():
    code = ("from nodehttp import http; s = http.createServer(); "
            "print(http.getDefaults(), http.globalAgent.keepAlive, s.requireHostHeader)")
    env = dict(os.environ, NODEHTTP_DEFAULTS="node20")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["node20", "True", "True"], out.stderr
    env.pop("NODEHTTP_DEFAULTS")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["node10", "False", "False"], out.stderr


def test_set_defaults_rejects_unknown_profiles():
    with pytest.raises(TypeError) as e:
        http.setDefaults("node18")
    assert e.value.code == "ERR_INVALID_ARG_VALUE"


# -- small APIs ---------------------------------------------------------------------------

# Node 20's output for the same calls (tests/…: printed by node v20.20).
VALIDATE = [
    ("name", "x-a", None, None),
    ("name", "x a", "ERR_INVALID_HTTP_TOKEN", 'Header name must be a valid HTTP token ["x a"]'),
    ("name", "", "ERR_INVALID_HTTP_TOKEN", 'Header name must be a valid HTTP token [""]'),
    ("value", "x-b", "ERR_HTTP_INVALID_HEADER_VALUE", 'Invalid value "undefined" for header "x-b"'),
    ("value", "x-c", "ERR_INVALID_CHAR", 'Invalid character in header content ["x-c"]'),
    ("value", "x-d", "ERR_INVALID_CHAR", 'Invalid character in header content ["x-d"]'),
    ("value", "x-e", None, None),
]
VALUES = {"x-b": None, "x-c": "a\nb", "x-d": ["a", "b\r"], "x-e": 1}


@pytest.mark.parametrize("kind,name,code,message", VALIDATE)
def test_validate_header_name_and_value_as_node_20(kind, name, code, message):
    def call():
        if kind == "name":
            http.validateHeaderName(name)
        else:
            http.validateHeaderValue(name, VALUES.get(name, "ok"))
    if code is None:
        call()
        return
    with pytest.raises(TypeError) as e:
        call()
    assert (e.value.code, e.value.message) == (code, message)


def test_writable_ended_and_finished():
    seen = []

    def on_request(req, res):
        seen.append((res.writableEnded, res.writableFinished))
        res.on("finish", lambda: seen.append((res.writableEnded, res.writableFinished)))
        res.end("ok")
        seen.append(res.writableEnded)

    serve(lambda s: s.on("request", on_request), lambda port: Raw(port).send(GET).response())
    assert seen == [(False, False), True, (True, True)]
