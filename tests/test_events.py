"""EventEmitter: Node's lib/events.js rules (learned from test-event-emitter-*.js)."""

from __future__ import annotations

import asyncio

import pyee
import pytest

import nodehttp
from nodehttp import events
from nodehttp.errors import NodeError
from nodehttp.events import EventEmitter


def test_is_a_pyee_emitter_and_decorator_works():
    e = EventEmitter()
    assert isinstance(e, pyee.EventEmitter)
    seen = []

    @e.on("x")
    def handler(v):
        seen.append(v)

    assert handler is not None
    e.emit("x", 1)
    assert seen == [1]


def test_on_returns_emitter_for_chaining():
    e = EventEmitter()
    seen = []
    assert e.on("a", lambda: seen.append("a")).on("b", lambda: seen.append("b")) is e
    assert e.once("c", lambda: None) is e
    assert e.prependListener("a", lambda: seen.append("a0")) is e
    e.emit("a")
    e.emit("b")
    assert seen == ["a0", "a", "b"]


def test_same_function_added_twice_fires_twice():
    e = EventEmitter()
    n = []
    f = lambda: n.append(1)  # noqa: E731
    e.on("x", f)
    e.on("x", f)
    assert e.listenerCount("x") == 2
    e.emit("x")
    assert n == [1, 1]


def test_emit_returns_true_when_handled():
    e = EventEmitter()
    assert e.emit("nothing") is False
    e.on("x", lambda: None)
    assert e.emit("x") is True


def test_listeners_called_in_order_with_args():
    e = EventEmitter()
    seen = []
    e.on("x", lambda a, b: seen.append(("1", a, b)))
    e.on("x", lambda a, b: seen.append(("2", a, b)))
    e.emit("x", 1, 2)
    assert seen == [("1", 1, 2), ("2", 1, 2)]


def test_fewer_parameters_drop_extra_args():
    e = EventEmitter()
    seen = []

    class Obj:
        def method(self, a):
            seen.append(("m", a))

    e.on("x", lambda: seen.append("none"))
    e.on("x", lambda a: seen.append(a))
    e.on("x", lambda *a: seen.append(a))
    e.on("x", Obj().method)
    e.on("x", print if False else (lambda a, b, c=None: seen.append((a, b, c))))
    e.emit("x", 1, 2)
    assert seen == ["none", 1, (1, 2), ("m", 1), (1, 2, None)]


def test_once_runs_once_and_is_removable_by_original():
    e = EventEmitter()
    n = []
    f = lambda: n.append(1)  # noqa: E731
    e.once("x", f)
    e.emit("x")
    e.emit("x")
    assert n == [1]
    e.once("y", f)
    e.removeListener("y", f)
    assert e.emit("y") is False


def test_snapshot_at_emit_time():
    e = EventEmitter()
    seen = []

    def a():
        seen.append("a")
        e.removeListener("x", b)
        e.on("x", lambda: seen.append("c"))

    def b():
        seen.append("b")

    e.on("x", a)
    e.on("x", b)
    e.emit("x")
    assert seen == ["a", "b"]  # b still runs, c does not
    seen.clear()
    e.emit("x")
    assert seen == ["a", "c"]


def test_once_removed_during_emit_still_runs_from_snapshot():
    e = EventEmitter()
    seen = []
    g = lambda: seen.append("g")  # noqa: E731
    e.on("x", lambda: e.removeListener("x", g))
    e.once("x", g)
    e.emit("x")
    assert seen == ["g"]


def test_remove_listener_removes_most_recent():
    e = EventEmitter()
    seen = []
    f = lambda: seen.append("f")  # noqa: E731
    g = lambda: seen.append("g")  # noqa: E731
    e.on("x", f)
    e.on("x", g)
    e.on("x", f)
    e.off("x", f)
    e.emit("x")
    assert seen == ["f", "g"]
    assert e.listeners("x") == [f, g]


def test_prepend_once():
    e = EventEmitter()
    seen = []
    e.on("x", lambda: seen.append(1))
    e.prependOnceListener("x", lambda: seen.append(0))
    e.emit("x")
    e.emit("x")
    assert seen == [0, 1, 1]


def test_new_listener_before_add_and_remove_listener_after():
    e = EventEmitter()
    log = []
    f = lambda: None  # noqa: E731

    def on_new(name, fn):
        log.append(("new", name, fn is f, e.listenerCount(name)))

    e.on("newListener", on_new)
    e.on("removeListener", lambda name, fn: log.append(("rm", name, fn is f, e.listenerCount(name))))
    e.once("x", f)
    e.removeListener("x", f)
    assert log == [("new", "removeListener", False, 0), ("new", "x", True, 0), ("rm", "x", True, 0)]


def test_remove_all_listeners():
    e = EventEmitter()
    removed = []
    e.on("a", lambda: None)
    e.on("b", lambda: None)
    e.on("b", lambda: None)
    e.on("removeListener", lambda name, fn: removed.append(name))
    e.removeAllListeners("b")
    assert removed == ["b", "b"]
    assert e.eventNames() == ["a", "removeListener"]
    e.removeAllListeners()
    assert e.eventNames() == []
    assert removed[:3] == ["b", "b", "a"]


def test_listeners_vs_raw_listeners():
    e = EventEmitter()
    f = lambda: None  # noqa: E731
    e.once("x", f)
    assert e.listeners("x") == [f]
    raw = e.rawListeners("x")
    assert raw[0] is not f and raw[0].listener is f
    # listeners() is a copy
    e.listeners("x").append(1)
    assert e.listenerCount("x") == 1


def test_event_names_registration_order():
    e = EventEmitter()
    for name in ["z", "a", "m"]:
        e.on(name, lambda: None)
    assert e.eventNames() == ["z", "a", "m"]
    assert e.event_names() == {"z", "a", "m"}


def test_error_without_listener_raises():
    e = EventEmitter()
    with pytest.raises(ValueError, match="boom"):
        e.emit("error", ValueError("boom"))
    with pytest.raises(NodeError) as info:
        e.emit("error", "not an exception")
    assert info.value.code == "ERR_UNHANDLED_ERROR"
    seen = []
    e.on("error", lambda err: seen.append(err))
    assert e.emit("error", "x") is True
    assert seen == ["x"]


def test_error_monitor_sees_error_first():
    e = EventEmitter()
    seen = []
    e.on(events.errorMonitor, lambda err: seen.append(("mon", str(err))))
    with pytest.raises(ValueError):
        e.emit("error", ValueError("x"))
    assert seen == [("mon", "x")]


def test_listener_exception_propagates_to_emit_caller():
    e = EventEmitter()
    errors = []
    e.on("error", lambda err: errors.append(err))

    def bad():
        raise RuntimeError("listener failed")

    e.on("x", bad)
    with pytest.raises(RuntimeError):
        e.emit("x")
    assert errors == []  # never re-emitted as 'error' (unlike pyee's AsyncIOEventEmitter)


def test_max_listeners_warning(capfd):
    e = EventEmitter()
    assert e.getMaxListeners() == EventEmitter.defaultMaxListeners == 10
    for _ in range(11):
        e.on("leak", lambda: None)
    err = capfd.readouterr().err
    assert "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. " \
           "11 leak listeners added." in err
    for _ in range(3):
        e.on("leak", lambda: None)
    assert "leak" not in capfd.readouterr().err  # warned once per event
    e2 = EventEmitter().setMaxListeners(0)
    for _ in range(20):
        e2.on("x", lambda: None)
    assert capfd.readouterr().err == ""


def test_set_max_listeners_rejects_negative():
    with pytest.raises(ValueError) as info:
        EventEmitter().setMaxListeners(-1)
    assert info.value.code == "ERR_OUT_OF_RANGE"


def test_invalid_listener_type():
    with pytest.raises(TypeError) as info:
        EventEmitter().on("x", 42)
    assert info.value.code == "ERR_INVALID_ARG_TYPE"


def test_pyee_snake_case_api_uses_node_storage():
    e = EventEmitter()
    seen = []
    f = e.add_listener("x", lambda: seen.append(1))
    e.emit("x")
    e.remove_listener("x", f)
    assert e.emit("x") is False
    e.on("y", lambda: None)
    e.remove_all_listeners("y")
    assert e.eventNames() == []
    assert seen == [1]


def test_subclass_without_init_still_works():
    class Thing(EventEmitter):
        def __init__(self):  # forgets super().__init__()
            self.value = 1

    t = Thing()
    assert t.emit("x") is False
    t.on("x", lambda: None)
    assert t.emit("x") is True


def test_events_once_awaitable_resolves_and_rejects():
    async def main():
        e = EventEmitter()
        asyncio.get_running_loop().call_soon(e.emit, "ready", 1, 2)
        assert await asyncio.wait_for(events.once(e, "ready"), 5) == [1, 2]
        asyncio.get_running_loop().call_soon(e.emit, "error", ValueError("bad"))
        with pytest.raises(ValueError):
            await asyncio.wait_for(events.once(e, "ready"), 5)
        assert e.listenerCount("ready") == 0 and e.listenerCount("error") == 0

    asyncio.run(main())


def test_async_listener_is_scheduled_on_the_loop():
    seen = []

    def main():
        e = EventEmitter()

        async def listener(v):
            await asyncio.sleep(0)
            seen.append(v)

        e.on("x", listener)
        e.emit("x", 5)
        seen.append("emitted")

    nodehttp.run(main)
    assert seen == ["emitted", 5]


def test_async_listener_exception_is_an_unhandled_rejection(capsys):
    # Node 10: a rejected async listener warns and the process goes on (docs/async.md).
    def main():
        e = EventEmitter()

        async def listener():
            raise RuntimeError("async boom")

        e.on("x", listener)
        e.emit("x")

    nodehttp.run(main)
    err = capsys.readouterr().err
    assert "UnhandledPromiseRejectionWarning: Traceback" in err
    assert "RuntimeError: async boom" in err



def test_builtin_listeners_get_their_own_arity():
    # C methods' arities are cached per (type, name); module functions are
    # not (builtins.pow takes 3 arguments, math.pow 2: sharing an entry
    # would call math.pow with 3 and raise).
    import math

    e = EventEmitter()
    got: list = []
    other: list = []
    e.on("x", got.append)
    e.on("x", other.append)  # another list: the same (type, name) entry
    e.on("x", pow)
    e.on("x", math.pow)
    e.emit("x", 2, 3, 5)
    assert got == other == [2]


# -- JavaScript's arity rule, both directions; removal by equality ------------------


def test_listener_declaring_more_parameters_gets_none_for_the_missing_ones():
    e = EventEmitter()
    seen = []
    e.on("x", lambda a, b: seen.append((a, b)))
    e.once("x", lambda a, b, c: seen.append(("once", a, b, c)))
    e.emit("x", 1)
    e.emit("x")
    assert seen == [(1, None), ("once", 1, None, None), (None, None)]


def test_padding_keeps_parameter_defaults_and_bound_methods():
    class Handler:
        def __init__(self) -> None:
            self.seen: list = []

        def on_x(self, err, data="default"):
            self.seen.append((err, data))

    h = Handler()
    e = EventEmitter()
    e.on("x", h.on_x)
    e.emit("x")
    assert h.seen == [(None, "default")]


def test_a_typeerror_raised_inside_the_listener_is_not_retried():
    e = EventEmitter()
    calls = []

    def listener(a, b):
        calls.append((a, b))
        raise TypeError("mine")

    e.on("x", listener)
    with pytest.raises(TypeError, match="mine"):
        e.emit("x")
    assert calls == [(None, None)]  # called once, with the padding


def test_invoke_pads_a_callback_that_declares_more():
    assert events.invoke(lambda err, data: (err, data), "e") == ("e", None)


def test_error_listener_declaring_more_gets_none():
    e = EventEmitter()
    seen = []
    e.on("error", lambda err, extra: seen.append((str(err), extra)))
    e.emit("error", ValueError("boom"))
    assert seen == [("boom", None)]


def test_server_listen_callback_with_a_parameter_gets_none():
    from nodehttp import http

    seen = []

    def main() -> None:
        server = http.createServer()

        def onlistening(err):
            seen.append(err)
            server.close()

        server.listen(0, "127.0.0.1", onlistening)

    nodehttp.run(main)
    assert seen == [None]


def test_remove_listener_finds_a_bound_method_by_equality():
    class Owner:
        def __init__(self) -> None:
            self.n = 0

        def onx(self) -> None:
            self.n += 1

    o = Owner()
    e = EventEmitter()
    e.on("x", o.onx)
    e.removeListener("x", o.onx)  # a new bound-method object, equal to the first
    e.emit("x")
    assert o.n == 0 and e.listenerCount("x") == 0
    e.once("x", o.onx)
    e.off("x", o.onx)
    assert e.listenerCount("x") == 0
    other = Owner()
    e.on("x", o.onx)
    e.removeListener("x", other.onx)  # same function, other instance: not equal
    assert e.listenerCount("x") == 1


def test_extra_arguments_to_add_and_remove_are_ignored_as_in_javascript():
    e = EventEmitter()
    seen = []

    def f() -> None:
        seen.append(1)

    assert e.addListener("x", f, False) is e
    e.on("x", f, False)
    e.prependListener("x", f, None)
    e.emit("x")
    assert seen == [1, 1, 1]
    e.removeListener("x", f, False)
    assert e.listenerCount("x") == 2


def test_unhandled_non_error_and_setMaxListeners_messages_render_javascript_values():
    e = EventEmitter()
    with pytest.raises(NodeError) as info:
        e.emit("error", {"a": 1})
    assert info.value.code == "ERR_UNHANDLED_ERROR"
    assert info.value.message == "Unhandled error. ({ a: 1 })"
    with pytest.raises(NodeError) as info:
        e.emit("error")
    assert info.value.message == "Unhandled error. (undefined)"
    with pytest.raises(ValueError) as info2:
        e.setMaxListeners(float("nan"))
    assert str(info2.value).endswith("Received NaN")


def test_removing_a_middle_listener_keeps_order_and_the_running_snapshot():
    e = EventEmitter()
    seen = []
    f = lambda: seen.append("f")  # noqa: E731
    g = lambda: seen.append("g")  # noqa: E731
    h = lambda: seen.append("h")  # noqa: E731

    def remover() -> None:
        seen.append("r")
        e.removeListener("x", g)  # g is neither first nor last

    e.on("x", remover).on("x", f).on("x", g).on("x", h)
    e.emit("x")
    assert seen == ["r", "f", "g", "h"]  # the snapshot taken at emit still had g
    assert e.listeners("x") == [remover, f, h]
    seen.clear()
    e.removeListener("x", remover)
    e.emit("x")
    assert seen == ["f", "h"]
    e.removeListener("x", h)  # the last one
    assert e.listeners("x") == [f]
    e.removeListener("x", f)  # the only one: the event is gone
    assert e.eventNames() == []


def test_remove_listener_reports_the_unwrapped_once_listener_after_removal():
    e = EventEmitter()
    calls = []

    def f() -> None:
        pass

    e.on("removeListener", lambda name, fn: calls.append((name, fn, e.listenerCount("x"))))
    e.on("x", lambda: None)
    e.once("x", f)
    e.removeListener("x", f)
    assert calls == [("x", f, 1)]


def test_removal_matches_any_listener_whose_listener_attribute_is_equal():
    # Node: list[i] === listener || list[i].listener === listener (not only once wrappers).
    e = EventEmitter()

    def target() -> None:
        pass

    def wrapper() -> None:
        pass

    wrapper.listener = target  # type: ignore[attr-defined]
    e.on("x", wrapper)
    e.removeListener("x", target)
    assert e.listenerCount("x") == 0


def test_subclass_without_init_counts_and_removes_nothing():
    class Thing(EventEmitter):
        def __init__(self):  # forgets super().__init__()
            pass

    t = Thing()
    assert t.listenerCount("x") == 0
    assert t.removeListener("x", lambda: None) is t
    t._events = {}  # as a constructor that sets the storage but not _maxListeners
    for _ in range(11):
        t.on("x", lambda: None)
    assert t.listenerCount("x") == 11


def test_max_listeners_warns_at_one_more_than_the_limit(capfd):
    e = EventEmitter().setMaxListeners(2)
    e.on("x", lambda: None).on("x", lambda: None)
    assert capfd.readouterr().err == ""
    e.on("x", lambda: None)
    assert "3 x listeners added" in capfd.readouterr().err


def test_bound_method_of_a_callable_object_gets_its_arity():
    from types import MethodType

    got = []

    class Call:
        def __call__(self, owner, a):
            got.append((owner, a))

    owner = object()
    m = MethodType(Call(), owner)  # its __func__ has no __code__: the slow path
    e = EventEmitter()
    e.on("x", m)
    e.emit("x", 1, 2)  # one parameter after the bound one: the first argument only
    assert got == [(owner, 1)]
    e.removeListener("x", m)
    assert e.listenerCount("x") == 0
