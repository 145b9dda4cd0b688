"""Node's ``timers``: ``setTimeout``, ``setInterval``, ``setImmediate`` and friends.

Invariant kept here: :class:`Timeout` is the one timer mechanism of
nodehttp.  Socket and server inactivity timers use it too, calling
:meth:`Timeout.refresh` on activity; refresh only records the time (Node's
``_idleStart``), and a timer found refreshed when it comes due waits for the
rest, so activity on a busy socket costs no timer work.

As in Node 10, timers are kept in one list per duration (``_TimerList``)
with one loop timer each: arming a timer appends it to its list and
cancelling removes it (dict operations, no loop handle per timer).  A list
runs its due timers in the order they are due as *one* entry (Node 10's
``listOnTimeout`` under one ``MakeCallback``): nextTick callbacks queued by
them run after the list's last due timer, not after each timer (Node 11+).
Immediates are one queue, run as one entry per turn (Node 10's
``processImmediate``): nextTicks after the whole queue; an immediate set
while the queue runs waits for the next turn; one that throws is uncaught
and the rest of the queue still runs.

Units are milliseconds, as in Node.  A delay below 1 ms or above
``TIMEOUT_MAX`` becomes 1 ms, as in Node.
"""

from __future__ import annotations

from heapq import heappop, heappush
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


class _TimerList:
    """Node 10's ``TimersList``: the armed timers of one duration and one loop timer.

    ``items`` holds timers in the order they were armed, which for one
    duration is the order their first due time comes (``_armedAt`` + msecs).
    A timer found refreshed when that time comes moves to ``later``, a heap
    by its real due time.  Stale heap entries (the timer was stopped or
    re-armed since) are told by ``Timeout._seq`` and skipped.
    """

    __slots__ = ("msecs", "loop", "items", "later", "handle")

    def __init__(self, msecs: float, loop: Any) -> None:
        self.msecs = msecs
        self.loop = loop
        self.items: dict[Timeout, None] = {}
        self.later: list[tuple[float, int, Timeout]] = []
        self.handle: Any = None

    def _arm(self, when: float) -> None:
        self.handle = self.loop.call_at(when, self._run)

    def _run(self) -> None:
        # Node's listOnTimeout: every timer due now, in due order; a timer
        # refreshed since it was armed waits for the rest of its time.  The
        # list is one entry: ticks are drained once, at its end (Node 10).
        st = _loop.state
        was_scheduled = st.tick_scheduled
        st.tick_scheduled = True
        try:
            self._runDue()
        finally:
            if _loop.ticks:
                _loop.drain_ticks()
            st.tick_scheduled = was_scheduled

    def _runDue(self) -> None:
        global _seq
        self.handle = _RUNNING  # timers armed meanwhile need no loop timer
        loop = self.loop
        now = loop.time()
        limit = now + 0.0005
        ms = self.msecs / 1000.0
        items = self.items
        later = self.later
        while True:
            t = next(iter(items), None)
            due = t._armedAt + ms if t is not None else 0.0
            if later and (t is None or later[0][0] < due):
                due, seq, t = later[0]
                if due > limit:
                    break
                heappop(later)
                if t._seq != seq or t._list is not self:
                    continue  # stopped or re-armed since
            elif t is None or due > limit:
                break
            else:
                del items[t]
            real = t._idleStart + ms
            if real > limit:  # refreshed: wait for the rest
                _seq += 1
                t._seq = _seq
                heappush(later, (real, _seq, t))
                continue
            t._list = None
            if t._repeat:
                t._idleStart = t._armedAt = now
                t._seq = 0
                t._list = self
                items[t] = None
            else:
                t._active = False
                if t._refed:
                    _loop.unref()
            _loop.guarded(t._onTimeout, *t._timerArgs)
        t = next(iter(items), None)
        due = t._armedAt + ms if t is not None else None
        if later and (due is None or later[0][0] < due):
            due = later[0][0]
        if due is not None:
            self._arm(due)
        else:
            assert not items and not later  # Node: assert(L.isEmpty(list))
            self.handle = None
            if _lists.get(self.msecs) is self:
                del _lists[self.msecs]


_RUNNING = object()
_lists: dict[float, _TimerList] = {}
_seq = 0


class Timeout:
    """Node's ``Timeout`` object (returned by ``setTimeout``/``setInterval``).

    ``ref()``/``unref()``/``hasRef()`` decide whether it keeps the process
    alive; ``refresh()`` restarts the countdown; ``close()`` cancels.
    """

    __slots__ = (
        "_onTimeout", "_timerArgs", "_idleTimeout", "_repeat", "_idleStart", "_armedAt",
        "_list", "_seq", "_refed", "_destroyed", "_active", "_loop", "__weakref__",
    )

    def __init__(self, callback: Callable, after: Any, args: tuple = (), repeat: bool = False,
                 start: bool = True, refed: bool = True) -> None:
        # refed=False: Node's setUnrefTimeout (a socket's or server's
        # inactivity timer), unref'd from the start: no ref() + unref().
        self._onTimeout = callback
        self._timerArgs = args
        self._idleTimeout = _coerce_ms(after)
        self._repeat = repeat
        self._refed = refed
        self._destroyed = False
        self._active = False
        self._list: _TimerList | None = None
        self._seq = 0
        self._loop = _loop.get_loop()
        self._idleStart = self._armedAt = 0.0
        if start:
            self._start()

    # -- mechanism -------------------------------------------------------------

    def _start(self) -> None:
        # Append to the list of this duration (Node's timers.insert).
        loop = self._loop
        self._idleStart = self._armedAt = now = loop.time()
        ms = self._idleTimeout
        lst = _lists.get(ms)
        if lst is None or lst.loop is not loop:
            lst = _lists[ms] = _TimerList(ms, loop)
        self._list = lst
        self._seq = 0
        lst.items[self] = None
        assert lst.items  # Node's insert: assert(!L.isEmpty(list))
        if lst.handle is None:
            lst._arm(now + ms / 1000.0)
        if not self._active:
            self._active = True
            if self._refed:
                _loop.ref()

    def _stop(self) -> None:
        lst = self._list
        if lst is not None:
            self._list = None
            if not self._seq:
                del lst.items[self]
            # else: in the list's heap, skipped there (no _list)
        if self._active:
            self._active = False
            if self._refed:
                _loop.unref()

    # -- Node API ----------------------------------------------------------------

    def refresh(self) -> Timeout:
        """Restart the countdown from now (re-arms a timer that already fired)."""
        if self._active:  # armed (never destroyed): only the time moves (net's read
            self._idleStart = self._loop.time()  # and write paths); _runDue re-arms for the rest
        elif not self._destroyed:
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

    def __repr__(self) -> str:
        return f"<Timeout {self._idleTimeout}ms active={self._active} ref={self._refed}>"


# -- the internal API of sockets' and servers' inactivity timers -------------------

def reschedule(timer: Timeout, msecs: float) -> None:
    """Give ``timer`` a new delay and start it again (``msecs`` 0: stop it),
    keeping the object: Node's ``clearTimeout`` + ``setUnrefTimeout`` of a
    socket's inactivity timer (``net.Socket.setTimeout``, the server's
    keep-alive timer).  An active timer is never destroyed, as in Node."""
    timer._stop()
    timer._destroyed = False
    if msecs > 0:
        timer._idleTimeout = msecs
        timer._start()
    assert not (timer._active and timer._destroyed)


class Immediate:
    """Node's ``Immediate`` (returned by ``setImmediate``)."""

    __slots__ = ("_onImmediate", "_argv", "_refed", "_pending")

    def __init__(self, callback: Callable, args: tuple) -> None:
        self._onImmediate = callback
        self._argv = args
        self._refed = True
        self._pending = True
        _loop.ref()
        q = _immediateQueue
        loop = _loop.get_loop()
        if not q.items or q.loop is not loop:
            q.items = []
            q.loop = loop
            loop.call_soon(_processImmediate)
        q.items.append(self)

    def _cancel(self) -> None:
        # Node's clearImmediate; the queue skips it.
        if self._pending:
            self._pending = False
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


class _ImmediateQueue:
    """Node's ``immediateQueue``: the immediates set since the queue last ran,
    in order, and the loop its one :func:`_processImmediate` is queued on."""

    __slots__ = ("items", "loop")

    def __init__(self) -> None:
        self.items: list[Immediate] = []
        self.loop: Any = None


_immediateQueue = _ImmediateQueue()


def _processImmediate() -> None:
    """Node 10's ``processImmediate``: the queue as one entry.  Immediates set
    meanwhile go to a fresh queue (the next turn); one that throws is
    uncaught and the rest still run; ticks are drained after the last."""
    q = _immediateQueue
    items = q.items
    q.items = []
    st = _loop.state
    was_scheduled = st.tick_scheduled
    st.tick_scheduled = True
    try:
        guarded = _loop.guarded
        for imm in items:
            if imm._pending:
                imm._pending = False
                if imm._refed:
                    _loop.unref()
                guarded(imm._onImmediate, *imm._argv)
    finally:
        if _loop.ticks:
            _loop.drain_ticks()
        st.tick_scheduled = was_scheduled


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
        from .errors import codes

        raise codes.ERR_INVALID_CALLBACK()
