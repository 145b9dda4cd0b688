"""Node's ``events`` module: :class:`EventEmitter` and :func:`once`.

Invariant kept here: listener storage and ``emit`` follow Node's
``lib/events.js`` exactly (duplicates kept, registration order, snapshot at
emit time, ``'newListener'`` before adding and ``'removeListener'`` after
removing), while the class stays a subclass of pyee's ``EventEmitter`` so that
``isinstance(x, pyee.EventEmitter)`` and pyee's ``@ee.on('event')`` decorator
keep working.  pyee's own storage is never used: it collapses duplicates,
locks on every call and orders nothing (see docs/stack-notes.md).

Listeners and callbacks follow JavaScript's arity rule both ways: one that
declares fewer parameters than Node passes gets the first ones; one that
declares more gets ``None`` (undefined) for the missing required ones.  The
accepted arity is read once, at registration, and cached per code object; the
padding is a branch taken only when a listener wants more than it is given.
Listeners are matched for removal by equality (``==``), so a bound method
(a new object at each attribute access) is found again, as in pyee.
"""

from __future__ import annotations

import asyncio
import inspect
from functools import partial
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, Callable

import pyee

from . import _async
from .errors import NodeError, codes, invalid_arg_type

__all__ = ["EventEmitter", "once", "errorMonitor", "invoke"]

Listener = Callable[..., Any]

#: Node's ``events.errorMonitor``: listeners on it see ``'error'`` first
#: without handling it.
errorMonitor = "events.errorMonitor"

_arity_cache: dict[Any, int | None] = {}
_BuiltinType = BuiltinFunctionType
_ModuleType = ModuleType


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


def _required(fn: Callable) -> int:
    """How many positional parameters ``fn`` requires (no default, not bound)."""
    if fn.__class__ is _OnceWrapper:
        fn = fn.listener
    func = getattr(fn, "__func__", None)
    bound = 0
    if func is not None and getattr(fn, "__self__", None) is not None:
        bound = 1
    else:
        func = fn
    code = getattr(func, "__code__", None)
    if code is not None:
        defaults = getattr(func, "__defaults__", None) or ()
        return max(code.co_argcount - len(defaults) - bound, 0)
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 0
    return sum(1 for p in params if p.default is p.empty
               and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def _padded(fn: Callable, args: tuple) -> tuple:
    """``args`` with ``None`` (JavaScript's undefined) for the required
    parameters of ``fn`` that Node does not pass (``lambda err: ...`` called
    with nothing).  Only reached when ``fn`` declares more than ``len(args)``."""
    missing = _required(fn) - len(args)
    return args + (None,) * missing if missing > 0 else args


def _padded_on_bind_error(err: TypeError, n: int | None, fn: Callable,
                          args: tuple) -> tuple | None:
    """A call of ``fn`` with ``args[:n]`` raised ``err``.  When that is the
    arguments failing to bind (the traceback has no frame below the caller's)
    because ``fn`` requires more than were passed: the arguments padded with
    ``None``, to call again.  Otherwise None: the error is the listener's."""
    tb = err.__traceback__
    if tb is None or tb.tb_next is not None or not n or n <= len(args):
        return None
    padded = _padded(fn, args)
    return padded if len(padded) > len(args) else None


def _is_coroutine_function(fn: Callable) -> bool:
    code = getattr(fn, "__code__", None)  # functions and bound methods: a flag test
    if code is not None:
        return bool(code.co_flags & inspect.CO_COROUTINE)
    if fn.__class__ is _BuiltinType:  # C code (``chunks.append``) is never ``async def``
        return False
    return inspect.iscoroutinefunction(fn)


def invoke(fn: Callable, *args: Any) -> Any:
    """Call a user callback Node-style: arguments it does not declare are
    dropped, required ones Node does not pass are ``None`` (undefined).

    ``server.close(lambda: ...)`` works although Node passes ``err``, and
    ``def cb(err, data):`` called with only ``err`` gets ``data=None``.  The
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
    if n and n > len(args):
        result = fn(*_padded(fn, args))
    else:
        result = fn(*args[:n])
    if result is not None and result.__class__ is _CoroutineType:  # an async callback
        return _async.start(result)
    return result


def _async_caller(fn: Callable) -> Callable:
    """Wrap an ``async def`` listener: start it as a task (JavaScript runs an async
    function when called); its exception is an unhandled rejection (docs/async.md)."""
    def call(*args: Any) -> None:
        try:
            coro = fn(*args)
        except TypeError as err:
            padded = _padded_on_bind_error(err, _arity(fn), fn, args)
            if padded is None:
                raise
            coro = fn(*padded)
        _async.start(coro)

    return call


# A stored listener is a tuple ``(call, n, raw)``: what to call, how many
# arguments it takes (None: all), and what rawListeners() shows.
_FunctionType = FunctionType
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
            listener = self.listener
            try:
                return listener(*args)
            except TypeError as err:
                padded = _padded_on_bind_error(err, _arity(listener), listener, args)
                if padded is None:
                    raise
                return listener(*padded)
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
    #: Subclasses in other modules use these on ``self`` (tools/check_private_names.py),
    #: as Node's own subclasses use ``this._events``: test the storage for an event
    #: name (``"finish" in self._events``), initialise it empty in a constructor
    #: that skips ``__init__``, and extend ``_addListener`` (``Readable.on``).  The
    #: entries' layout stays this module's: other code adds through on() or :func:`install`.
    _protected = ("_events", "_maxListeners", "_addListener")

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
            target = listener
            cls = listener.__class__
            if cls is _OnceWrapper:
                target = listener.listener
                cls = target.__class__
            if cls is _FunctionType:
                n = _plain_arity.get(target.__code__, _SLOW)
            elif cls is _MethodType:
                try:
                    n = _method_arity.get(target.__func__.__code__, _SLOW)
                except AttributeError:  # a method of a callable object, not of a function
                    pass
            elif cls is _BuiltinType:
                n = _builtin_arity.get((target.__self__.__class__, target.__name__), _SLOW)
        if n is _SLOW:
            entry = self._prepareEntry(listener, raw)
        else:
            entry = (listener, n, raw)
        existing = events.get(event)
        if existing is None:
            events[event] = [entry]
            return
        # Lists are replaced, never mutated, so emit can iterate without copying.
        events[event] = [entry, *existing] if prepend else [*existing, entry]
        try:
            m = self._maxListeners
        except AttributeError:  # a subclass that skipped __init__
            m = None
        if m is None:
            m = EventEmitter.defaultMaxListeners
        if 0 < m <= len(existing):
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

    def on(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
           *_ignored: Any) -> Any:
        """Node's ``emitter.on(event, listener)``; returns the emitter.

        Without ``listener`` it is pyee's decorator: ``@ee.on('x')``.  Extra
        arguments are ignored, as JavaScript ignores them (``on('x', f, False)``).
        """
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self._addListener(event, f, False, f)
                return f

            return decorator
        self._addListener(event, listener, False, listener)
        return self

    def addListener(self, event: Any, listener: Callable, *_ignored: Any) -> EventEmitter:
        """Alias of :meth:`on` (extra arguments ignored, as in JavaScript)."""
        self._addListener(event, listener, False, listener)
        return self

    def prependListener(self, event: Any, listener: Callable, *_ignored: Any) -> EventEmitter:
        """Add ``listener`` at the front of the list for ``event``."""
        self._addListener(event, listener, True, listener)
        return self

    def once(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
             *_ignored: Any) -> Any:
        """Node's ``emitter.once``: the listener runs at most once, then is removed."""
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self.once(event, f)
                return f

            return decorator
        if not callable(listener):
            _check_listener(listener)
        w = _OnceWrapper(self, event, listener)
        self._addListener(event, w, False, w)
        return self

    def prependOnceListener(self, event: Any, listener: Callable, *_ignored: Any) -> EventEmitter:
        """:meth:`once`, added at the front."""
        _check_listener(listener)
        w = _OnceWrapper(self, event, listener)
        self._addListener(event, w, True, w)
        return self

    # -- removing -------------------------------------------------------------

    def removeListener(self, event: Any, listener: Callable, *_ignored: Any) -> EventEmitter:
        """Remove the most recently added instance of ``listener`` (or its once-wrapper)."""
        if not callable(listener):
            _check_listener(listener)
        try:
            lst = self._events.get(event)
        except AttributeError:  # a subclass that skipped __init__: nothing to remove
            return self
        if lst is None:
            return self
        i = last = len(lst) - 1
        while i >= 0:
            raw = lst[i][2]
            # == (not is): a bound method is a new object at each access but
            # equal to the one that was added (pyee compares the same way).
            if raw is listener or raw == listener or getattr(raw, "listener", None) == listener:
                events = self._events
                if not last:
                    del events[event]
                elif i == last:  # the usual case: the one added last goes first
                    events[event] = lst[:i]
                else:  # a copy (emit may be iterating lst), half the cost of two slices
                    rest = lst.copy()
                    del rest[i]
                    events[event] = rest
                if "removeListener" in events:
                    self.emit("removeListener", event, getattr(raw, "listener", raw))
                break
            i -= 1
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
        try:
            return len(self._events.get(event, ()))
        except AttributeError:  # a subclass that skipped __init__
            return 0

    def eventNames(self) -> list[Any]:
        """Event names with listeners, in registration order."""
        return list(getattr(self, "_events", _NO_EVENTS))

    def setMaxListeners(self, n: float) -> EventEmitter:
        """Set the leak-warning threshold (0 or ``math.inf``: unlimited)."""
        if not isinstance(n, (int, float)) or n < 0 or n != n:
            raise codes.ERR_OUT_OF_RANGE("n", "a non-negative number", n)
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
        for call, n, raw in handlers:
            try:
                r = call(*args[:n])
            except TypeError as err:
                # It declares more than Node passes: undefined for the rest.
                # (Free unless raised; the arguments did not bind, so no line
                # of the listener ran and calling again is safe.)
                padded = _padded_on_bind_error(err, n, raw, args)
                if padded is None:
                    raise
                r = call(*padded)
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
    nargs = len(args)
    if monitors:
        for call, n, raw in monitors:
            call(*(_padded(raw, args) if n and n > nargs else args[:n]))
    if handlers is None:
        err = args[0] if args else None
        if isinstance(err, BaseException):
            from .report import note_emitted_by

            note_emitted_by(err, self)
            raise err
        raise codes.ERR_UNHANDLED_ERROR(err, context=err)
    for call, n, raw in handlers:
        r = call(*(_padded(raw, args) if n and n > nargs else args[:n]))
        if r is not None and r.__class__ is _CoroutineType:
            _async.start(r)
    return True


# -- the internal API other nodehttp modules use on the storage -------------------

def arity(fn: Callable) -> int | None:
    """How many positional arguments ``fn`` accepts (``None``: any number),
    cached per code object: what an emitter calls a listener with."""
    return _arity(fn)


def has(emitter: Any, event: Any) -> bool:
    """Whether ``emitter`` has a listener for ``event`` (Node's
    ``emitter._events[event] !== undefined``): one dict lookup."""
    return event in getattr(emitter, "_events", _NO_EVENTS)


def only(emitter: Any, event: Any) -> Callable | None:
    """The listener of ``event`` when it is the only one (as added: a once()
    wrapper stays wrapped), else None.  For a caller that may call its own
    listener directly instead of ``emit`` when nothing else listens."""
    lst = getattr(emitter, "_events", _NO_EVENTS).get(event)
    return lst[0][2] if lst is not None and len(lst) == 1 else None


def install(emitter: EventEmitter, event: Any, listener: Callable, nargs: int | None) -> bool:
    """``emitter.on(event, listener)`` written straight into the storage, when
    that is all ``on()`` would do: no ``'newListener'`` listener, none for
    ``event`` yet.  ``nargs`` is the listener's arity (what ``on()`` computes:
    asserted).  Returns False, having done nothing, otherwise: call ``on()``."""
    events = emitter._events
    if "newListener" in events or event in events:
        return False
    assert nargs == _arity(listener), (listener, nargs)
    events[event] = [(listener, nargs, listener)]
    return True


def installAll(emitter: EventEmitter, entries: tuple[tuple[Any, Callable, int | None], ...]) -> bool:
    """:func:`install` of several ``(event, listener, nargs)`` at once (the
    events distinct), all or nothing: written when no ``'newListener'``
    listener and none of the events has a listener yet; False, having done
    nothing, otherwise.  Unlike :func:`install`, ``nargs`` is not asserted
    here (the arity lookup would double the cost of the HTTP server's four
    per connection): each caller's test pins that ``on()`` stores the same."""
    events = emitter._events
    if "newListener" in events:
        return False
    for entry in entries:
        if entry[0] in events:
            return False
    for event, listener, nargs in entries:
        events[event] = [(listener, nargs, listener)]
    return True


def __getattr__(name: str) -> Any:
    if name == "defaultMaxListeners":
        return EventEmitter.defaultMaxListeners
    raise AttributeError(name)


def once(emitter: EventEmitter, name: Any) -> asyncio.Future:
    """Node's ``events.once``: a future of the event's arguments as a list.

    Rejects with the error if ``'error'`` is emitted first (unless waiting for
    ``'error'`` itself).  Like Node's promise, the listeners are added at the
    call, not at the first ``await``.  Cancelling the future (``wait_for``
    timing out, the awaiting task cancelled) removes both listeners.
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

    def cleanup(f: asyncio.Future) -> None:
        # Cancelled (asyncio.wait_for's timeout, task.cancel()): the listeners
        # go too, or they pile up and swallow later errors.
        if f.cancelled():
            emitter.removeListener(name, resolver)
            if name != "error":
                emitter.removeListener("error", rejecter)

    fut.add_done_callback(cleanup)
    return fut
