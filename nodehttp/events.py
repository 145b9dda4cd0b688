"""Node's ``events`` module: :class:`EventEmitter` and :func:`once`.

Invariant kept here: listener storage and ``emit`` follow Node's
``lib/events.js`` exactly (duplicates kept, registration order, snapshot at
emit time, ``'newListener'`` before adding and ``'removeListener'`` after
removing), while the class stays a subclass of pyee's ``EventEmitter`` so that
``isinstance(x, pyee.EventEmitter)`` and pyee's ``@ee.on('event')`` decorator
keep working.  pyee's own storage is never used: it collapses duplicates,
locks on every call and orders nothing (see STACK-NOTES.md).

Listeners may declare fewer parameters than Node passes (as in JavaScript):
the accepted arity is read once, at registration, and cached per code object.
"""

from __future__ import annotations

import asyncio
import inspect
from functools import partial
from types import MethodType
from typing import Any, Callable

import pyee

from . import _async
from .errors import NodeError, invalid_arg_type

__all__ = ["EventEmitter", "once", "errorMonitor", "invoke"]

Listener = Callable[..., Any]

#: Node's ``events.errorMonitor``: listeners on it see ``'error'`` first
#: without handling it.
errorMonitor = "events.errorMonitor"

_arity_cache: dict[Any, int | None] = {}
_BuiltinType = type(len)
_ModuleType = type(asyncio)


def _arity(fn: Callable) -> int | None:
    """How many positional arguments ``fn`` accepts (``None``: any number).

    Cached per code object (functions, bound methods) and per builtin method
    (``chunks.append``): the answer depends on the code, not the instance.
    """
    bound = 0
    func = getattr(fn, "__func__", None)  # bound method
    if func is not None and getattr(fn, "__self__", None) is not None:
        code = getattr(func, "__code__", None)
        bound = 1
    else:
        code = getattr(fn, "__code__", None)
    if code is not None:
        key = (code, bound)
        try:
            return _arity_cache[key]
        except KeyError:
            pass
        if code.co_flags & inspect.CO_VARARGS:
            n = None
        else:
            n = code.co_argcount - bound
        _arity_cache[key] = n
        return n
    key = None
    if type(fn) is _BuiltinType:
        owner = fn.__self__
        if owner is None or type(owner) is _ModuleType:
            key = fn
        else:  # a bound builtin method: its descriptor on the type is the key
            key = getattr(type(owner), fn.__name__, None)
        if key is not None:
            try:
                return _arity_cache[key]
            except (KeyError, TypeError):
                pass
    elif type(fn) is partial and not fn.keywords:
        n = _arity(fn.func)
        return None if n is None else max(n - len(fn.args), 0)
    n = _signature_arity(fn)
    if key is not None:
        try:
            _arity_cache[key] = n
        except TypeError:  # pragma: no cover - unhashable descriptor
            pass
    return n


def _signature_arity(fn: Callable) -> int | None:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    n = 0
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            return None
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            n += 1
    return n


def _is_coroutine_function(fn: Callable) -> bool:
    code = getattr(fn, "__code__", None)  # functions and bound methods: a flag test
    if code is not None:
        return bool(code.co_flags & inspect.CO_COROUTINE)
    if fn.__class__ is _BuiltinType:  # C code (``chunks.append``) is never ``async def``
        return False
    return inspect.iscoroutinefunction(fn)


def invoke(fn: Callable, *args: Any) -> Any:
    """Call a user callback Node-style: arguments it does not declare are dropped.

    ``server.close(lambda: ...)`` works although Node passes ``err``.  The
    arity is cached per code object, so this is cheap.
    """
    cls = fn.__class__
    if cls is _FunctionType:  # the common cases, one dict lookup
        n = _arity_cache.get((fn.__code__, 0), _SLOW)
    elif cls is _MethodType:
        n = _arity_cache.get((getattr(fn.__func__, "__code__", None), 1), _SLOW)
    else:
        n = _SLOW
    if n is _SLOW:
        n = _arity(fn)
    result = fn(*args[:n])
    if result is not None and result.__class__ is _CoroutineType:  # an async callback
        return _async.start(result)
    return result


def _async_caller(fn: Callable) -> Callable:
    """Wrap an ``async def`` listener: start it as a task (JavaScript runs an async
    function when called); its exception is an unhandled rejection (docs/async.md)."""
    def call(*args: Any) -> None:
        _async.start(fn(*args))

    return call


# A stored listener is a tuple ``(call, n, raw)``: what to call, how many
# arguments it takes (None: all), and what rawListeners() shows.
_FunctionType = type(lambda: None)
_SLOW = object()
_CoroutineType = _async.CoroutineType
# Emitters are read with getattr(), never through obj.__dict__: on CPython
# 3.11 touching __dict__ turns the instance's inline attribute values into a
# dict, and every later attribute read or store on that object takes the slow,
# unspecialized path (~3x the instructions).
_NO_EVENTS: dict = {}  # read-only stand-in for an emitter without _events
_MethodType = MethodType
#: arity of plain (non-coroutine) functions, per code object
_plain_arity: dict[Any, int | None] = {}
#: arity of bound (non-coroutine) methods, per code object of their function
_method_arity: dict[Any, int | None] = {}
#: arity of C methods bound to an instance (``chunks.append``), per (type, name)
_builtin_arity: dict[Any, int | None] = {}


class _OnceWrapper:
    """Node's ``_onceWrap``: removes itself, then calls ``listener`` once."""

    __slots__ = ("target", "event", "listener", "fired", "__weakref__")

    def __init__(self, target: EventEmitter, event: Any, listener: Callable) -> None:
        self.target = target
        self.event = event
        self.listener = listener
        self.fired = False

    def __call__(self, *args: Any) -> Any:
        if not self.fired:
            self.target.removeListener(self.event, self)
            self.fired = True
            return self.listener(*args)
        return None


def _check_listener(listener: Any) -> None:
    if not callable(listener):
        raise invalid_arg_type("listener", "Function", listener)


class EventEmitter(pyee.EventEmitter):
    """Node's ``EventEmitter`` (``require('events')``).

    Methods return the emitter, as in Node, so calls chain:
    ``req.on('data', f).on('end', g)``.  ``on(name)`` without a function
    returns pyee's decorator.  A listener's exception propagates to the
    caller of :meth:`emit` (never re-emitted as ``'error'``).
    """

    #: Node's ``EventEmitter.defaultMaxListeners``.
    defaultMaxListeners: int = 10
    errorMonitor = errorMonitor

    def __init__(self) -> None:  # pyee's __init__ (lock, OrderedDicts) is skipped on purpose
        self._events: dict[Any, list[tuple]] = {}
        self._maxListeners: int | None = None

    # -- adding ---------------------------------------------------------------

    def _addListener(self, event: Any, listener: Callable, prepend: bool, raw: Callable) -> None:
        try:
            events = self._events
        except AttributeError:  # subclass forgot to call __init__
            EventEmitter.__init__(self)
            events = self._events
        if "newListener" in events:
            _check_listener(listener)
            self.emit("newListener", event, getattr(raw, "listener", raw))
        n = _SLOW
        if raw is listener:
            # The common cases: a sync function or bound method, or once() of one.
            target = listener.listener if listener.__class__ is _OnceWrapper else listener
            cls = target.__class__
            if cls is _FunctionType:
                n = _plain_arity.get(target.__code__, _SLOW)
            elif cls is _MethodType:
                n = _method_arity.get(getattr(target.__func__, "__code__", None), _SLOW)
            elif cls is _BuiltinType:
                n = _builtin_arity.get((target.__self__.__class__, target.__name__), _SLOW)
        if n is not _SLOW:
            entry = (listener, n, raw)
        else:
            entry = self._prepareEntry(listener, raw)
        existing = events.get(event)
        if existing is None:
            events[event] = [entry]
            return
        # Lists are replaced, never mutated, so emit can iterate without copying.
        events[event] = [entry, *existing] if prepend else [*existing, entry]
        m = getattr(self, "_maxListeners", None)
        if m is None:
            m = EventEmitter.defaultMaxListeners
        if 0 < m < len(existing) + 1:
            self._warnLeak(event, len(existing) + 1)

    @staticmethod
    def _prepareEntry(listener: Callable, raw: Callable) -> tuple:
        _check_listener(listener)
        target = raw.listener if isinstance(raw, _OnceWrapper) else listener
        n = _arity(target)
        if _is_coroutine_function(target):
            call = _async_caller(target)
            if isinstance(raw, _OnceWrapper):
                inner = call

                def call(*args: Any, _w: _OnceWrapper = raw, _c: Callable = inner) -> None:
                    if not _w.fired:
                        _w.target.removeListener(_w.event, _w)
                        _w.fired = True
                        _c(*args)
        else:
            call = raw if isinstance(raw, _OnceWrapper) else listener
            cls = target.__class__
            if cls is _FunctionType:
                _plain_arity[target.__code__] = n
            elif cls is _MethodType:
                code = getattr(target.__func__, "__code__", None)
                if code is not None:
                    _method_arity[code] = n
            elif cls is _BuiltinType:
                owner = target.__self__
                # Not a module's function or a class's: (type, name) names one method.
                if owner is not None and not isinstance(owner, (type, _ModuleType)):
                    _builtin_arity[(owner.__class__, target.__name__)] = n
        return (call, n, raw)

    def _warnLeak(self, event: Any, count: int) -> None:
        warned = self.__dict__.setdefault("_warned", set())
        if event in warned:
            return
        warned.add(event)
        from ._process import process as _p

        name = event if isinstance(event, str) else repr(event)
        _p.emitWarning(
            f"Possible EventEmitter memory leak detected. {count} {name} listeners added. "
            "Use emitter.setMaxListeners() to increase limit",
            "MaxListenersExceededWarning",
        )

    def on(self, event: Any, listener: Callable | None = None) -> Any:  # type: ignore[override]
        """Node's ``emitter.on(event, listener)``; returns the emitter.

        Without ``listener`` it is pyee's decorator: ``@ee.on('x')``.
        """
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self._addListener(event, f, False, f)
                return f

            return decorator
        self._addListener(event, listener, False, listener)
        return self

    def addListener(self, event: Any, listener: Callable) -> EventEmitter:
        """Alias of :meth:`on`."""
        self._addListener(event, listener, False, listener)
        return self

    def prependListener(self, event: Any, listener: Callable) -> EventEmitter:
        """Add ``listener`` at the front of the list for ``event``."""
        self._addListener(event, listener, True, listener)
        return self

    def once(self, event: Any, listener: Callable | None = None) -> Any:  # type: ignore[override]
        """Node's ``emitter.once``: the listener runs at most once, then is removed."""
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self.once(event, f)
                return f

            return decorator
        _check_listener(listener)
        w = _OnceWrapper(self, event, listener)
        self._addListener(event, w, False, w)
        return self

    def prependOnceListener(self, event: Any, listener: Callable) -> EventEmitter:
        """:meth:`once`, added at the front."""
        _check_listener(listener)
        w = _OnceWrapper(self, event, listener)
        self._addListener(event, w, True, w)
        return self

    # -- removing -------------------------------------------------------------

    def removeListener(self, event: Any, listener: Callable) -> EventEmitter:
        """Remove the most recently added instance of ``listener`` (or its once-wrapper)."""
        _check_listener(listener)
        events = getattr(self, "_events", None)
        if not events:
            return self
        lst = events.get(event)
        if lst is None:
            return self
        for i in range(len(lst) - 1, -1, -1):
            raw = lst[i][2]
            if raw is listener or getattr(raw, "listener", None) is listener:
                if len(lst) == 1:
                    del events[event]
                else:
                    events[event] = lst[:i] + lst[i + 1:]
                if "removeListener" in events:
                    self.emit("removeListener", event, getattr(raw, "listener", raw))
                break
        return self

    off = removeListener

    def removeAllListeners(self, event: Any = None) -> EventEmitter:
        """Remove all listeners (of ``event``, or of every event)."""
        events = getattr(self, "_events", None)
        if not events:
            return self
        if "removeListener" not in events:
            if event is None:
                events.clear()
            else:
                events.pop(event, None)
            return self
        if event is None:
            for key in list(events):
                if key != "removeListener":
                    self.removeAllListeners(key)
            self.removeAllListeners("removeListener")
            return self
        lst = events.get(event)
        if lst:
            for entry in reversed(lst):  # LIFO, as Node
                self.removeListener(event, entry[2])
        return self

    # -- introspection --------------------------------------------------------

    def listeners(self, event: Any) -> list[Callable]:  # type: ignore[override]
        """A copy of the listeners for ``event``, once-wrappers unwrapped."""
        lst = getattr(self, "_events", _NO_EVENTS).get(event, ())
        return [getattr(e[2], "listener", e[2]) for e in lst]

    def rawListeners(self, event: Any) -> list[Callable]:
        """A copy of the listeners for ``event``, once-wrappers included."""
        return [e[2] for e in getattr(self, "_events", _NO_EVENTS).get(event, ())]

    def listenerCount(self, event: Any) -> int:
        """How many listeners ``event`` has."""
        return len(getattr(self, "_events", _NO_EVENTS).get(event, ()))

    def eventNames(self) -> list[Any]:
        """Event names with listeners, in registration order."""
        return list(getattr(self, "_events", _NO_EVENTS))

    def setMaxListeners(self, n: float) -> EventEmitter:
        """Set the leak-warning threshold (0 or ``math.inf``: unlimited)."""
        if not isinstance(n, (int, float)) or n < 0 or n != n:
            from .errors import RangeError

            raise RangeError(
                'The value of "n" is out of range. It must be a non-negative number. '
                f"Received {n!r}",
                "ERR_OUT_OF_RANGE",
            )
        self._maxListeners = n  # type: ignore[assignment]
        return self

    def getMaxListeners(self) -> float:
        """The current leak-warning threshold."""
        m = getattr(self, "_maxListeners", None)
        return EventEmitter.defaultMaxListeners if m is None else m

    # -- emitting -------------------------------------------------------------

    def emit(self, event: Any, *args: Any) -> bool:  # type: ignore[override]
        """Call every listener of ``event`` in order (snapshot); True if there was one.

        Emitting ``'error'`` with no listener raises the error (a non-exception
        is wrapped in ``ERR_UNHANDLED_ERROR``, as Node does).
        """
        try:
            handlers = self._events.get(event)
        except AttributeError:
            EventEmitter.__init__(self)
            handlers = None
        if event == "error":
            return _emit_error(self, handlers, args)
        if handlers is None:
            return False
        for call, n, _ in handlers:
            r = call(*args[:n])
            if r is not None and r.__class__ is _CoroutineType:
                # ``lambda req, res: handle(req, res)`` with ``async def handle``:
                # JavaScript would have run it, so start it.
                _async.start(r)
        return True

    # -- pyee's snake_case API, kept working on Node's storage ----------------

    def add_listener(self, event: str, f: Callable) -> Callable:  # type: ignore[override]
        """pyee's ``add_listener``: adds ``f`` and returns it."""
        self._addListener(event, f, False, f)
        return f

    def listens_to(self, event: str) -> Callable[[Callable], Callable]:  # type: ignore[override]
        """pyee's decorator form."""
        return self.on(event)

    def remove_listener(self, event: str, f: Callable) -> None:  # type: ignore[override]
        """pyee's ``remove_listener``."""
        self.removeListener(event, f)

    def remove_all_listeners(self, event: str | None = None) -> None:  # type: ignore[override]
        """pyee's ``remove_all_listeners``."""
        self.removeAllListeners(event)

    def event_names(self) -> set[str]:  # type: ignore[override]
        """pyee's ``event_names`` (a set)."""
        return set(self.eventNames())

    def _add_event_handler(self, event: str, k: Callable, v: Callable) -> None:
        self._addListener(event, v, False, k)

    def _remove_listener(self, event: str, f: Callable) -> None:
        self.removeListener(event, f)

    def __getstate__(self) -> dict:
        return self.__dict__.copy()

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @staticmethod
    def listenerCountOf(emitter: EventEmitter, event: Any) -> int:
        """Node's deprecated ``EventEmitter.listenerCount(emitter, event)``."""
        return emitter.listenerCount(event)


def _emit_error(self: EventEmitter, handlers: list | None, args: tuple) -> bool:
    # errorMonitor listeners first; no 'error' listener: throw.
    monitors = self._events.get(errorMonitor)
    if monitors:
        for call, n, _ in monitors:
            call(*args[:n])
    if handlers is None:
        err = args[0] if args else None
        if isinstance(err, BaseException):
            raise err
        raise NodeError(f"Unhandled error. ({err!r})", "ERR_UNHANDLED_ERROR", context=err)
    for call, n, _ in handlers:
        r = call(*args[:n])
        if r is not None and r.__class__ is _CoroutineType:
            _async.start(r)
    return True


def __getattr__(name: str) -> Any:
    if name == "defaultMaxListeners":
        return EventEmitter.defaultMaxListeners
    raise AttributeError(name)


def once(emitter: EventEmitter, name: Any) -> asyncio.Future:
    """Node's ``events.once``: a future of the event's arguments as a list.

    Rejects with the error if ``'error'`` is emitted first (unless waiting for
    ``'error'`` itself).  Like Node's promise, the listeners are added at the
    call, not at the first ``await``.
    """
    from . import loop

    fut: asyncio.Future = loop.get_loop().create_future()

    def resolver(*args: Any) -> None:
        if name != "error":
            emitter.removeListener("error", rejecter)
        if not fut.done():
            fut.set_result(list(args))

    def rejecter(err: Any = None) -> None:
        emitter.removeListener(name, resolver)
        if not fut.done():
            fut.set_exception(err if isinstance(err, BaseException) else NodeError(str(err)))

    emitter.once(name, resolver)
    if name != "error":
        emitter.once("error", rejecter)
    return fut
