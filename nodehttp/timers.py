"""Node's ``timers``: ``setTimeout``, ``setInterval``, ``setImmediate`` and friends.

Invariant kept here: :class:`Timeout` is the one timer mechanism of
nodehttp.  Socket and server inactivity timers use it too, calling
:meth:`Timeout.refresh` on activity; refresh only records the time (Node's
``_idleStart``), and a timer that fires early re-arms itself for the rest, so
activity on a busy socket costs no timer-heap work.

Units are milliseconds, as in Node.  A delay below 1 ms or above
``TIMEOUT_MAX`` becomes 1 ms, as in Node.
"""

from __future__ import annotations

from typing import Any, Callable

from . import loop as _loop

__all__ = [
    "Timeout", "Immediate", "setTimeout", "clearTimeout", "setInterval", "clearInterval",
    "setImmediate", "clearImmediate", "TIMEOUT_MAX",
]

TIMEOUT_MAX = 2**31 - 1


def _coerce_ms(after: Any) -> float:
    try:
        after = float(after)
    except (TypeError, ValueError):
        return 1.0
    if not (1 <= after <= TIMEOUT_MAX):  # also catches NaN
        return 1.0
    return after


class Timeout:
    """Node's ``Timeout`` object (returned by ``setTimeout``/``setInterval``).

    ``ref()``/``unref()``/``hasRef()`` decide whether it keeps the process
    alive; ``refresh()`` restarts the countdown; ``close()`` cancels.
    """

    __slots__ = (
        "_onTimeout", "_timerArgs", "_idleTimeout", "_repeat", "_idleStart", "_handle",
        "_refed", "_destroyed", "_active", "_loop", "__weakref__",
    )

    def __init__(self, callback: Callable, after: Any, args: tuple = (), repeat: bool = False,
                 start: bool = True) -> None:
        self._onTimeout = callback
        self._timerArgs = args
        self._idleTimeout = _coerce_ms(after)
        self._repeat = repeat
        self._refed = True
        self._destroyed = False
        self._active = False
        self._handle = None
        self._loop = _loop.get_loop()
        self._idleStart = 0.0
        if start:
            self._start()

    # -- mechanism -------------------------------------------------------------

    def _start(self) -> None:
        loop = self._loop
        self._idleStart = loop.time()
        self._handle = loop.call_at(self._idleStart + self._idleTimeout / 1000.0, self._fire)
        if not self._active:
            self._active = True
            if self._refed:
                _loop.ref()

    def _stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._active:
            self._active = False
            if self._refed:
                _loop.unref()

    def _fire(self) -> None:
        self._handle = None
        loop = self._loop
        due = self._idleStart + self._idleTimeout / 1000.0
        now = loop.time()
        if now < due - 0.0005:  # refreshed since it was armed: wait for the rest
            self._handle = loop.call_at(due, self._fire)
            return
        if self._repeat:
            self._idleStart = now
            self._handle = loop.call_at(now + self._idleTimeout / 1000.0, self._fire)
        else:
            self._active = False
            if self._refed:
                _loop.unref()
        _loop.entry(self._onTimeout, *self._timerArgs)

    # -- Node API ----------------------------------------------------------------

    def refresh(self) -> Timeout:
        """Restart the countdown from now (re-arms a timer that already fired)."""
        if self._destroyed:
            return self
        # net.py inlines this branch on its data path: an active timer is
        # never destroyed (close() stops it), so keep that invariant.
        if self._active:
            self._idleStart = self._loop.time()  # cheap: _fire re-arms for the rest
        else:
            self._start()
        return self

    def ref(self) -> Timeout:
        """Make the timer keep the process alive (the default)."""
        if not self._refed:
            self._refed = True
            if self._active:
                _loop.ref()
        return self

    def unref(self) -> Timeout:
        """Let the process exit even while this timer is pending."""
        if self._refed:
            self._refed = False
            if self._active:
                _loop.unref()
        return self

    def hasRef(self) -> bool:
        """Whether the timer keeps the process alive."""
        return self._refed

    def close(self) -> Timeout:
        """Cancel the timer (``clearTimeout``)."""
        self._destroyed = True
        self._stop()
        return self

    # Internal use by sockets: change the delay (0 disables) without a new object.
    def _reschedule(self, after: float) -> None:
        self._stop()
        self._destroyed = False
        if after > 0:
            self._idleTimeout = after
            self._start()

    def __repr__(self) -> str:
        return f"<Timeout {self._idleTimeout}ms active={self._active} ref={self._refed}>"


class Immediate:
    """Node's ``Immediate`` (returned by ``setImmediate``)."""

    __slots__ = ("_onImmediate", "_argv", "_handle", "_refed", "_pending")

    def __init__(self, callback: Callable, args: tuple) -> None:
        self._onImmediate = callback
        self._argv = args
        self._refed = True
        self._pending = True
        _loop.ref()
        self._handle = _loop.get_loop().call_soon(self._run)

    def _run(self) -> None:
        self._handle = None
        if not self._pending:
            return
        self._pending = False
        if self._refed:
            _loop.unref()
        _loop.entry(self._onImmediate, *self._argv)

    def _cancel(self) -> None:
        if self._pending:
            self._pending = False
            if self._handle is not None:
                self._handle.cancel()
            if self._refed:
                _loop.unref()

    def ref(self) -> Immediate:
        """Keep the process alive until it runs (the default)."""
        if not self._refed:
            self._refed = True
            if self._pending:
                _loop.ref()
        return self

    def unref(self) -> Immediate:
        """Do not keep the process alive for it."""
        if self._refed:
            self._refed = False
            if self._pending:
                _loop.unref()
        return self

    def hasRef(self) -> bool:
        """Whether it keeps the process alive."""
        return self._refed


def setTimeout(callback: Callable, ms: Any = 1, *args: Any) -> Timeout:
    """Call ``callback(*args)`` once after ``ms`` milliseconds."""
    _check_callback(callback)
    return Timeout(callback, ms, args)


def setInterval(callback: Callable, ms: Any = 1, *args: Any) -> Timeout:
    """Call ``callback(*args)`` every ``ms`` milliseconds."""
    _check_callback(callback)
    return Timeout(callback, ms, args, repeat=True)


def setImmediate(callback: Callable, *args: Any) -> Immediate:
    """Call ``callback(*args)`` after the current I/O callbacks."""
    _check_callback(callback)
    return Immediate(callback, args)


def clearTimeout(timer: Timeout | None) -> None:
    """Cancel a ``setTimeout`` timer (``None`` is ignored, as in Node)."""
    if isinstance(timer, Timeout):
        timer.close()


clearInterval = clearTimeout


def clearImmediate(immediate: Immediate | None) -> None:
    """Cancel a ``setImmediate``."""
    if isinstance(immediate, Immediate):
        immediate._cancel()


def _check_callback(callback: Any) -> None:
    if not callable(callback):
        from .errors import NodeTypeError, js_typeof

        raise NodeTypeError(
            'The "callback" argument must be of type Function. Received type '
            + js_typeof(callback),
            "ERR_INVALID_CALLBACK",
        )
