"""Node's ``events`` module: :class:`EventEmitter` and :func:`once`.

Invariant kept here: listener storage and ``emit`` follow Node's
``lib/events.js`` exactly (duplicates kept, registration order, snapshot at
emit time, ``'newListener'`` before adding and ``'removeListener'`` after
removing), while the class stays a subclass of pyee's ``EventEmitter`` so that
``isinstance(x, pyee.EventEmitter)`` and pyee's ``@ee.on('event')`` decorator
keep working.  pyee's own storage is never used: it collapses duplicates,
locks on every call and orders nothing (see docs/stack-notes.md).

Listeners follow JavaScript's arity rule both ways (nodehttp/js_call.py): one
that declares fewer parameters than Node passes gets the first ones; one that
declares more gets ``None`` (undefined) for the missing required ones.  The
accepted arity is read once, at registration (cached per code object, per
function for a bound method); the padding is a branch taken only when a
listener wants more than it is given.
Listeners are matched for removal by equality (``==``), so a bound method
(a new object at each attribute access) is found again, as in pyee.
"""

from __future__ import annotations

import asyncio
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, Callable

import pyee

from . import _async
from .js_call import arity, async_caller, invoke, is_coroutine_function, padded, padded_on_bind_error
from .errors import NodeError, codes, invalid_arg_type

__all__ = ["EventEmitter", "once", "errorMonitor", "invoke"]

Listener = Callable[..., Any]

#: Node's ``events.errorMonitor``: listeners on it see ``'error'`` first
#: without handling it.
errorMonitor = "events.errorMonitor"

_BuiltinType = BuiltinFunctionType
_ModuleType = ModuleType


# A stored listener is a tuple ``(call, n, raw)``: what to call, how many
# arguments it takes (None: all), and what rawListeners() shows.
_FunctionType = FunctionType
_SLOW = object()
_PREPEND = object()
_CoroutineType = _async.CoroutineType
# Emitters are read with getattr(), never through obj.__dict__: on CPython
# 3.11 touching __dict__ turns the instance's inline attribute values into a
# dict, and every later attribute read or store on that object takes the slow,
# unspecialized path (~3x the instructions).
_NO_EVENTS: dict = {}  # read-only stand-in for an emitter without _events
_MethodType = MethodType
#: arity of plain (non-coroutine) functions, per code object
_plain_arity: dict[Any, int | None] = {}
#: arity of bound (non-coroutine) methods, per function (a class's: long-lived;
#: hashed by identity, where a code object hashes its bytecode at each lookup:
#: ~600 instructions less per add of a bound method), at most this many kept
_method_arity: dict[Any, int | None] = {}
_METHOD_ARITY_MAX = 4096
#: arity of C methods bound to an instance (``chunks.append``), per (type, name)
_builtin_arity: dict[Any, int | None] = {}


class _OnceWrapper:
    """Node's ``_onceWrap`` state and ``onceWrapper``: removes itself, then
    calls ``listener`` once.  Made by :func:`_onceWrap` (no ``__init__``:
    calling a class whose ``__init__`` is Python costs ~900 instructions more)."""

    __slots__ = ("target", "event", "listener", "fired", "__weakref__")
    target: EventEmitter
    event: Any
    listener: Callable
    fired: bool

    def __call__(self, *args: Any) -> Any:
        if not self.fired:
            self.target.removeListener(self.event, self)
            self.fired = True
            listener = self.listener
            try:
                return listener(*args)
            except TypeError as err:
                wider = padded_on_bind_error(err, arity(listener), listener, args)
                if wider is None:
                    raise
                return listener(*wider)
        return None


def _onceWrap(target: EventEmitter, event: Any, listener: Callable) -> _OnceWrapper:
    """Node's ``_onceWrap(target, type, listener)``: the wrapper once() adds."""
    w = _OnceWrapper()
    w.target = target
    w.event = event
    w.listener = listener
    w.fired = False
    return w


def _unwrapped(raw: Callable) -> Callable:
    # What a stored entry calls in the end: a once-wrapper's listener.
    return raw.listener if raw.__class__ is _OnceWrapper else raw


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
    #: name (``"finish" in self._events``) and initialise it empty in a constructor
    #: that skips ``__init__``.  A subclass that adds to adding extends :meth:`on`
    #: (``addListener = on`` again), as Node's ``Readable.prototype.on`` does.  The
    #: entries' layout stays this module's: other code adds through on() or :func:`install`.
    _protected = ("_events", "_maxListeners")

    def __init__(self) -> None:  # pyee's __init__ (lock, OrderedDicts) is skipped on purpose
        self._events: dict[Any, list[tuple]] = {}
        self._maxListeners: int | None = None

    # -- adding ---------------------------------------------------------------

    def on(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
           _prepend: Any = None) -> Any:
        """Node's ``emitter.on(event, listener)`` (``_addListener`` of events.js,
        in this one frame); returns the emitter.

        Without ``listener`` it is pyee's decorator: ``@ee.on('x')``.  An extra
        argument is ignored, as JavaScript ignores it (``on('x', f, False)``;
        one only: a signature without ``*args`` or keyword-only parameters is
        one CPython specialises the calls to, ~300 instructions less per add).
        Only :meth:`prependListener` passes ``_PREPEND`` there: it calls this
        body on ``EventEmitter`` itself, so a subclass's ``on`` (``Readable``'s)
        is bypassed, as Node's ``prependListener`` bypasses ``Readable.prototype.on``.
        """
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self.on(event, f)
                return f

            return decorator
        try:
            events = self._events
        except AttributeError:  # subclass forgot to call __init__
            EventEmitter.__init__(self)
            events = self._events
        if "newListener" in events:
            _check_listener(listener)
            self.emit("newListener", event, getattr(listener, "listener", listener))
        # The common cases: a sync function or bound method, or once() of one.
        target = listener
        cls = listener.__class__
        if cls is _OnceWrapper:
            target = listener.listener
            cls = target.__class__
        # (d[k] in a try: a lookup that hits costs less than d.get(k, default).)
        if cls is _MethodType:
            try:
                n = _method_arity[target.__func__]
            except (KeyError, TypeError):  # TypeError: a method of an unhashable callable
                n = _SLOW
        elif cls is _FunctionType:
            try:
                n = _plain_arity[target.__code__]
            except KeyError:
                n = _SLOW
        elif cls is _BuiltinType:
            n = _builtin_arity.get((target.__self__.__class__, target.__name__), _SLOW)
        else:
            n = _SLOW
        if n is _SLOW:
            entry = self._prepareEntry(listener)
        else:
            entry = (listener, n, listener)
        existing = events.get(event)
        if existing is None:
            events[event] = [entry]
            return self
        # Lists are replaced, never mutated, so emit can iterate without copying.
        events[event] = [entry, *existing] if _prepend is _PREPEND else [*existing, entry]
        try:
            m = self._maxListeners
        except AttributeError:  # a subclass that skipped __init__
            m = None
        if m is None:
            m = EventEmitter.defaultMaxListeners
        if len(existing) >= m and m > 0:
            self._warnLeak(event, len(existing) + 1)
        return self

    addListener = on

    @staticmethod
    def _prepareEntry(listener: Callable) -> tuple:
        # What on() stores for a listener its cached arities do not answer.
        _check_listener(listener)
        once = isinstance(listener, _OnceWrapper)
        target = listener.listener if once else listener
        n = arity(target)
        if is_coroutine_function(target):
            call = async_caller(target)
            if once:
                inner = call

                def call(*args: Any, _w: _OnceWrapper = listener, _c: Callable = inner) -> None:
                    if not _w.fired:
                        _w.target.removeListener(_w.event, _w)
                        _w.fired = True
                        _c(*args)
        else:
            call = listener
            cls = target.__class__
            if cls is _FunctionType:
                _plain_arity[target.__code__] = n
            elif cls is _MethodType:
                func = target.__func__
                if func.__class__ is _FunctionType:
                    if len(_method_arity) >= _METHOD_ARITY_MAX:  # classes made on the fly
                        _method_arity.clear()
                    _method_arity[func] = n
            elif cls is _BuiltinType:
                owner = target.__self__
                # Not a module's function or a class's: (type, name) names one method.
                if owner is not None and not isinstance(owner, (type, _ModuleType)):
                    _builtin_arity[(owner.__class__, target.__name__)] = n
        return (call, n, listener)

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

    def prependListener(self, event: Any, listener: Callable,
                        _ignored: Any = None) -> EventEmitter:
        """Add ``listener`` at the front of the list for ``event``."""
        if listener is None:
            _check_listener(listener)
        return EventEmitter.on(self, event, listener, _PREPEND)

    def once(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
             _ignored: Any = None) -> Any:
        """Node's ``emitter.once``: ``on()`` of a wrapper that removes itself,
        then calls ``listener`` once."""
        if listener is None:
            def decorator(f: Callable) -> Callable:
                self.once(event, f)
                return f

            return decorator
        if not callable(listener):
            _check_listener(listener)
        return self.on(event, _onceWrap(self, event, listener))

    def prependOnceListener(self, event: Any, listener: Callable,
                            _ignored: Any = None) -> EventEmitter:
        """:meth:`once`, added at the front."""
        _check_listener(listener)
        return self.prependListener(event, _onceWrap(self, event, listener))

    # -- removing -------------------------------------------------------------

    def removeListener(self, event: Any, listener: Callable,
                       _ignored: Any = None) -> EventEmitter:
        """Remove the most recently added instance of ``listener`` (or its once-wrapper).

        An extra argument is ignored, as JavaScript ignores it (one: a
        signature without ``*args`` is one CPython specialises the calls to).
        A listener that is not a function raises ERR_INVALID_ARG_TYPE, as in
        Node; the test runs where nothing was found (only functions are stored,
        and only a function equals one), so removing a function skips it.
        """
        try:
            events = self._events
        except AttributeError:  # a subclass that skipped __init__: nothing to remove
            events = _NO_EVENTS
        lst = events.get(event)
        if lst is None:
            if not callable(listener):
                _check_listener(listener)
            return self
        i = last = len(lst) - 1
        while i >= 0:
            raw = lst[i][2]
            # == (not is): a bound method is a new object at each access but
            # equal to the one that was added (pyee compares the same way).
            if raw is listener or raw == listener or getattr(raw, "listener", None) == listener:
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
                return self
            i -= 1
        if not callable(listener):
            _check_listener(listener)
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
                wider = padded_on_bind_error(err, n, _unwrapped(raw), args)
                if wider is None:
                    raise
                r = call(*wider)
            if r is not None and r.__class__ is _CoroutineType:
                # ``lambda req, res: handle(req, res)`` with ``async def handle``:
                # JavaScript would have run it, so start it.
                _async.start(r)
        return True

    # -- pyee's snake_case API, kept working on Node's storage ----------------

    def add_listener(self, event: str, f: Callable) -> Callable:  # type: ignore[override]
        """pyee's ``add_listener``: adds ``f`` and returns it."""
        self.on(event, f)
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
        # pyee's own on/once/add_listener call this; all are overridden above,
        # so ``k`` (pyee's removal key) is ``v`` whenever it is reached.
        self.on(event, v)

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
            call(*(padded(_unwrapped(raw), args) if n and n > nargs else args[:n]))
    if handlers is None:
        err = args[0] if args else None
        if isinstance(err, BaseException):
            from .report import note_emitted_by

            note_emitted_by(err, self)
            raise err
        raise codes.ERR_UNHANDLED_ERROR(err, context=err)
    for call, n, raw in handlers:
        r = call(*(padded(_unwrapped(raw), args) if n and n > nargs else args[:n]))
        if r is not None and r.__class__ is _CoroutineType:
            _async.start(r)
    return True


# -- the internal API other nodehttp modules use on the storage -------------------

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
    assert nargs == arity(listener), (listener, nargs)
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
