"""Adding listeners: the one body of ``EventEmitter.on`` and the paths into it.

Node's ``once`` is ``this.on(type, wrapper)`` (a subclass's ``on`` sees it),
``prependListener``/``prependOnceListener`` bypass ``on`` (Readable's hooks do not
run); the rest of those orders is conformance/node/events_add_paths vs Node 10.
"""
from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import events, http
from nodehttp.events import EventEmitter


def test_an_extra_true_argument_does_not_prepend() -> None:
    # on()'s third parameter is the prepend marker only prependListener passes;
    # any other value is JavaScript's ignored extra argument.
    e = EventEmitter()
    seen: list[str] = []
    e.on("x", lambda: seen.append("first"))
    e.on("x", lambda: seen.append("second"), True)
    e.addListener("x", lambda: seen.append("third"), True)
    e.prependListener("x", lambda: seen.append("prepended"), True)
    e.emit("x")
    assert seen == ["prepended", "first", "second", "third"]


def test_remove_of_a_non_function_raises_with_or_without_listeners() -> None:
    e = EventEmitter()
    e.on("x", lambda: None)
    for event in ("x", "nothing"):
        try:
            e.removeListener(event, 42)
        except TypeError as err:
            assert err.code == "ERR_INVALID_ARG_TYPE"  # type: ignore[attr-defined]
        else:
            raise AssertionError("no error for " + event)
    assert e.listenerCount("x") == 1


def test_once_wrapper_is_made_without_init_and_keeps_nodes_fields() -> None:
    e = EventEmitter()
    seen: list[Any] = []

    def f(a: Any) -> None:
        seen.append(a)

    e.once("x", f)
    (w,) = e.rawListeners("x")
    assert w.listener is f and w.target is e and w.event == "x" and w.fired is False
    e.emit("x", 1)
    e.emit("x", 2)
    assert seen == [1] and w.fired is True and e.listenerCount("x") == 0


def test_bound_method_arity_cache_is_bounded_and_stays_right() -> None:
    e = EventEmitter().setMaxListeners(0)
    seen: list[tuple] = []
    limit = events._METHOD_ARITY_MAX
    for i in range(limit + 10):  # classes made on the fly: one function each
        cls = type(f"C{i}", (), {"m": lambda self, a, b=None: seen.append((a, b))})
        e.on("x", cls().m)
        assert len(events._method_arity) <= limit
    seen.clear()
    e.emit("x", 1, 2, 3)  # each takes two of the three
    assert seen == [(1, 2)] * (limit + 10)


def test_incoming_prepend_end_after_the_dump_still_ends() -> None:
    # A request nobody read is dumped at the response's 'finish'; an 'end'
    # listener prepended after that still sees the end, as in Node 10.
    seen: list[str] = []

    def main() -> None:
        def onrequest(req: Any, res: Any) -> None:
            res.on("finish", lambda: req.prependListener("end", lambda: seen.append("end")))
            res.end("ok")

        server = http.createServer(onrequest)

        def listening() -> None:
            def onresponse(r: Any) -> None:
                r.resume()
                r.on("end", lambda: (seen.append("client end"), server.close()))
            http.get({"port": server.address()["port"], "host": "127.0.0.1",
                      "headers": {"Connection": "close"}}, onresponse)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert seen == ["end", "client end"]


def test_js_call_arity_of_functions_and_bound_methods_cached_and_bounded() -> None:
    from nodehttp import js_call

    class C:
        def two(self, a, b=None): ...
        def var(self, *a): ...
        def none(self): ...

    c = C()
    for _ in range(2):  # computed, then cached
        assert js_call.arity(c.two) == 2
        assert js_call.arity(c.var) is None
        assert js_call.arity(c.none) == 0
        assert js_call.arity(lambda a, b, *, k=1: None) == 2
        assert js_call.arity(lambda *a: None) is None
    seen: list[tuple] = []
    for i in range(js_call._BOUND_MAX + 10):
        cls = type(f"D{i}", (), {"m": lambda self, a, b=None: seen.append((a, b))})
        js_call.invoke(cls().m, 1, 2, 3)
        assert len(js_call._bound_arity) <= js_call._BOUND_MAX
    assert seen == [(1, 2)] * (js_call._BOUND_MAX + 10)


def test_decorator_forms_go_through_readables_on() -> None:
    from nodehttp.stream import Readable

    seen: list[Any] = []

    def main() -> None:
        r = Readable({"read": lambda n: None})

        @r.on("data")
        def ondata(chunk: bytes) -> None:
            seen.append(chunk)

        assert r.readableFlowing is True  # 'data' through Readable.on resumes
        r2 = Readable({"read": lambda n: None})

        @r2.once("readable")
        def onreadable() -> None:
            seen.append(("readable", r2.read()))

        assert r2.readableFlowing is False  # 'readable' through Readable.on pauses
        r.push(b"a")
        r2.push(b"b")

    nodehttp.run(main)
    assert sorted(map(str, seen)) == sorted(map(str, [b"a", ("readable", b"b")]))
