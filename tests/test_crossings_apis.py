"""The owners' small APIs that replaced the HTTP layers' private-name
crossings (issue 14, step 2; docs/architecture.md "The owners' small APIs")."""

from __future__ import annotations

from test_http_server import GET, one, serve

from nodehttp import events, net
from nodehttp.events import EventEmitter


def test_install_all_is_on_or_nothing() -> None:
    """installAll writes what on() would write, and nothing when on() would
    do more (a 'newListener' listener, or a listener already there)."""
    def a() -> None: ...

    def b(x: object) -> None: ...

    e, ref = EventEmitter(), EventEmitter()
    assert events.installAll(e, (("x", a, 0), ("y", b, 1)))
    ref.on("x", a)
    ref.on("y", b)
    assert e._events == ref._events

    busy = EventEmitter()
    busy.on("y", a)
    assert not events.installAll(busy, (("x", a, 0), ("y", b, 1)))
    assert busy.listeners("x") == [] and busy.listeners("y") == [a]

    watched = EventEmitter()
    watched.on("newListener", lambda *args: None)
    assert not events.installAll(watched, (("x", a, 0),))
    assert watched.listeners("x") == []


def test_the_servers_connection_listeners_are_stored_as_on_would() -> None:
    """installAll does not look the arities up: the server's four listeners
    (timeout/error/close/drain) must be stored with the arity on() computes."""
    seen = {}

    def setup(server):
        def onConnection(socket):
            for name in ("timeout", "error", "close", "drain"):
                (call, nargs, raw), = socket._events[name]
                seen[name] = (nargs, events.arity(raw))
        server.on("connection", onConnection)
        server.on("request", lambda req, res: res.end("ok"))

    out = serve(setup, lambda port: one(port, GET))
    assert out.endswith(b"ok")
    assert seen and all(n == arity for n, arity in seen.values()), seen


def test_had_error_flag() -> None:
    """net.hadError/setHadError: Node's socket._hadError (False until set;
    a socket of another kind without it reads False)."""
    s = net.Socket()
    assert net.hadError(s) is False
    net.setHadError(s)
    assert net.hadError(s) is True
    assert net.hadError(EventEmitter()) is False
