"""The one event loop and Node's process lifetime rules.

Invariant kept here: everything asyncio calls into nodehttp is an *entry*
(Node's ``MakeCallback``): user code runs guarded, an escaping exception is
*uncaught* (``process`` ``'uncaughtException'`` or traceback + exit 1), and the
nextTick queue is drained before control returns to the loop.

Node 10's order, which Node 11 changed: an entry is one *batch*, not one
callback, for timers and immediates.  The whole immediate queue of a turn is
one entry, and so is each timers list (the due timers of one duration):
their callbacks run one after another (each :func:`guarded`; one that throws
is uncaught and the rest still run) and the nextTick queue is drained once,
after the last.  Every other entry (I/O, a socket's data) is one callback.

Liveness is libuv's rule: ``run()`` ends when no handle is both *active* and
*referenced* (and no nextTick is queued).  Each handle calls :func:`ref` when
it becomes active-and-referenced and :func:`unref` when it stops being so:

* a TCP/pipe socket (net.py ``_SocketProtocol.updateRef``) is active while
  connecting, reading (read started, no EOF yet — a paused or half-open
  socket is not), with unsent bytes in its buffer, or closing; not "from
  creation to ``'close'``";
* a server while listening;
* a timer while armed, an immediate until it runs;
* ``process.stdin`` while it reads; a task of an ``async def`` listener
  until it is done;
* signal listeners never (Node's signal wraps are unref'd).

``unref()`` on a socket, server, timer or immediate makes it never count,
``ref()`` makes it count again while active; a keep-alive agent unrefs its
free sockets.  A process that ends by a signal with no listener dies by that
signal (:func:`die_by_signal`), without ``'exit'`` and without a traceback.

The loop is uvloop's where it imports, else asyncio's.  Inside an already
running asyncio program the running loop is used and never blocked.
"""

from __future__ import annotations

import asyncio
import os
import signal as _signal
import sys
import threading
import traceback
from collections import deque
from typing import Any, Awaitable, Callable

try:  # pragma: no cover - depends on platform
    import uvloop as _uvloop
except ImportError:  # pragma: no cover
    _uvloop = None

__all__ = [
    "get_loop", "ref", "unref", "next_tick", "drain_ticks", "entry", "call_soon",
    "uncaught", "spawn", "run", "ticks", "ProcessExit", "guarded",
]

#: Pending ``process.nextTick`` callbacks: ``(fn, args)``.  Hot paths test its
#: truthiness after an entry and call :func:`drain_ticks`.
ticks: deque[tuple[Callable, tuple]] = deque()


class LoopState:
    """The process's loop state, one object (Node: the ``process`` and libuv
    loop state of one thread).  :meth:`reset` puts it back as at import.

    Fields other modules may use (the rest is this module's):

    * ``tick_scheduled``: a drain of :data:`ticks` is guaranteed before
      control returns to the asyncio loop (the ``call_soon`` safety net is
      queued, or an entry that drains on its way out is running).  An entry
      that drains before returning may set it for its duration and restore
      it (Node's ``InternalCallbackScope``: ``net``'s ``data_received``).
    * ``running``: :func:`run` drives the loop (``python -m nodehttp`` sets it
      around the script's top level, so the script's own ``run()`` is a no-op).
    * ``exiting``: the process is exiting; nothing more runs.
    * ``exit_emitted``: ``'exit'`` was emitted (Node's ``process._exiting``).
    """

    __slots__ = ("loop", "refs", "running", "idle_check", "tick_scheduled", "exiting",
                 "exit_emitted", "exit_code", "exit_signal", "idle_waiters", "loop_thread")

    def __init__(self) -> None:
        self.idle_waiters: list[asyncio.Future] = []
        self.loop_thread: int | None = None  # the thread whose loop the state belongs to
        self.reset()

    def reset(self) -> None:
        """Forget the loop and every count and flag (after :func:`run`, and
        between tests): the next :func:`get_loop` starts afresh.  The loop
        itself is closed first; a running one (an embedding program's) is kept."""
        loop = getattr(self, "loop", None)
        if loop is not None and not loop.is_running():
            if not loop.is_closed():
                loop.close()
            loop = None
        self.loop: asyncio.AbstractEventLoop | None = loop
        self.refs = 0                  # referenced active handles
        self.running = False           # run() is driving the loop and must stop when idle
        self.idle_check = False        # an idle check is already scheduled
        self.tick_scheduled = False    # a drain of the tick queue is guaranteed
        self.exiting = False
        self.exit_emitted = False      # 'exit' was emitted (process._exiting)
        self.exit_code: int | None = None
        self.exit_signal: int | None = None  # the process dies by this signal
        self.idle_waiters.clear()
        ticks.clear()


#: The one loop state of the process.
state = LoopState()
_state = state  # the hot paths' name for it

#: Called with each loop nodehttp starts using (process's signal handlers).
loop_hooks: list[Callable[[asyncio.AbstractEventLoop], None]] = []


class ProcessExit(SystemExit):
    """Raised by ``process.exit(code)``: unwinds the current callback."""


def _new_loop() -> asyncio.AbstractEventLoop:
    if _uvloop is not None:
        return _uvloop.new_event_loop()
    return asyncio.new_event_loop()  # pragma: no cover


def current() -> asyncio.AbstractEventLoop | None:
    """The loop nodehttp uses now, or None before one exists (never creates one)."""
    return _state.loop


def get_loop() -> asyncio.AbstractEventLoop:
    """The running loop if there is one, else nodehttp's own (created once)."""
    st = _state
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is not None:
        if st.loop is not running:
            _check_thread(running)
            st.loop = running
            _adopted(running)
        return running
    loop = st.loop
    if loop is None or loop.is_closed():
        _check_thread(None)
        loop = st.loop = _new_loop()
        loop.set_exception_handler(_exception_handler)
        asyncio.set_event_loop(loop)
        _adopted(loop)
    return loop


def _check_thread(running: asyncio.AbstractEventLoop | None) -> None:
    """nodehttp's loop state (the nextTick queue, handle refs, timers lists)
    is one per process, as Node's is: a second thread's loop may not take it
    over while the first one still runs."""
    st = _state
    me = threading.get_ident()
    loop = st.loop
    if (loop is not None and st.loop_thread is not None and st.loop_thread != me
            and not loop.is_closed() and loop.is_running()):
        raise RuntimeError(
            "nodehttp is already running on another thread's event loop: its loop state "
            "(the nextTick queue, timers, which handles keep the process alive) is one per "
            "process, as Node's is. Use nodehttp from one thread; for parallelism use "
            "cluster (processes), or call into it with loop.call_soon_threadsafe.")
    st.loop_thread = me


def _adopted(loop: asyncio.AbstractEventLoop) -> None:
    for hook in loop_hooks:
        hook(loop)


def _exception_handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    exc = context.get("exception")
    if exc is None:  # asyncio's own diagnostics (e.g. unclosed transport)
        loop.default_exception_handler(context)
        return
    uncaught(exc)


# -- reference counting ---------------------------------------------------------

def ref() -> None:
    """One more referenced handle keeps the loop alive."""
    _state.refs += 1


def unref() -> None:
    """One referenced handle fewer; when none is left the loop may end."""
    st = _state
    st.refs -= 1
    if st.refs <= 0 and not st.idle_check:
        _schedule_idle_check()


def refs() -> int:
    """How many referenced handles are alive (for tests and diagnostics)."""
    return _state.refs


def _schedule_idle_check() -> None:
    st = _state
    loop = st.loop
    if not (st.running or st.idle_waiters) or loop is None or loop.is_closed():
        return
    st.idle_check = True
    loop.call_soon(_check_idle, 0)


def _check_idle(passes: int) -> None:
    # Two quiet passes through the ready queue: callbacks asyncio scheduled
    # (e.g. connection_lost after close) get their turn before we decide.
    st = _state
    if st.refs > 0 or ticks:
        st.idle_check = False
        return
    if passes < 2:
        st.loop.call_soon(_check_idle, passes + 1)  # type: ignore[union-attr]
        return
    st.idle_check = False
    for fut in st.idle_waiters[:]:
        if not fut.done():
            fut.set_result(None)
    st.idle_waiters.clear()
    if st.running:
        st.loop.stop()  # type: ignore[union-attr]


# -- ticks and entries --------------------------------------------------------------

def next_tick(fn: Callable, *args: Any) -> None:
    """``process.nextTick``: run ``fn(*args)`` when the current entry ends."""
    ticks.append((fn, args))
    if not _state.tick_scheduled:
        # Safety net for ticks queued outside an entry (top level, asyncio code).
        _state.tick_scheduled = True
        get_loop().call_soon(_tick_entry)


def _tick_entry() -> None:
    _state.tick_scheduled = False
    drain_ticks()


def drain_ticks() -> None:
    """Run queued nextTick callbacks (and those they queue) until none is left.

    Once the process is exiting nothing more runs (a nextTick queued in an
    ``'exit'`` listener is dropped, as in Node).
    """
    st = _state
    if st.exiting:
        ticks.clear()
        return
    popleft = ticks.popleft
    while ticks:
        fn, args = popleft()
        try:
            fn(*args)
        except BaseException as exc:  # noqa: BLE001 - Node: uncaught
            uncaught(exc)
            if st.exiting:
                ticks.clear()
                return


def entry(fn: Callable, *args: Any) -> Any:
    """Call ``fn(*args)`` as a Node entry point: guarded, then ticks drained."""
    if _state.exiting:
        return None
    try:
        result = fn(*args)
    except BaseException as exc:  # noqa: BLE001 - Node: uncaught
        uncaught(exc)
        result = None
    if ticks:
        drain_ticks()
    return result


def guarded(fn: Callable, *args: Any) -> Any:
    """Call ``fn(*args)`` as one callback of a batch entry (Node 10's timers
    list or immediate queue): an exception is uncaught (and the batch goes
    on), the nextTick queue is left for the batch's end, which drains it.
    Nothing runs once the process is exiting."""
    if _state.exiting:
        return None
    try:
        return fn(*args)
    except BaseException as exc:  # noqa: BLE001 - Node: uncaught
        uncaught(exc)
        return None


def call_soon(fn: Callable, *args: Any) -> asyncio.Handle:
    """Schedule ``fn(*args)`` as an entry on the next loop iteration."""
    return get_loop().call_soon(entry, fn, *args)


def spawn(awaitable: Awaitable) -> asyncio.Future:
    """Run a coroutine (e.g. an ``async def`` listener) as a referenced task."""
    task = asyncio.ensure_future(awaitable, loop=get_loop())
    ref()

    def done(t: asyncio.Future) -> None:
        unref()
        if not t.cancelled() and t.exception() is not None:
            entry(_raise, t.exception())

    task.add_done_callback(done)
    return task


def _raise(exc: BaseException) -> None:
    raise exc


# -- uncaught exceptions and exit ------------------------------------------------

def uncaught(exc: BaseException) -> None:
    """Node's uncaught-exception path.

    ``process.exit()`` (a :class:`ProcessExit`/``SystemExit``) stops the
    loop with its code.  Otherwise ``process`` ``'uncaughtException'``
    listeners get the error; with none, the traceback is printed to stderr
    and the process exits with status 1.
    """
    if isinstance(exc, SystemExit):
        _request_exit(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
        return
    if isinstance(exc, KeyboardInterrupt):
        # SIGINT with no 'SIGINT' listener: Node dies by the signal.
        _request_exit(128 + _signal.SIGINT, _signal.SIGINT)
        return
    from ._process import process

    if process.listenerCount("uncaughtException"):
        try:
            process.emit("uncaughtException", exc)
            return
        except BaseException as exc2:  # noqa: BLE001
            exc = exc2
            if isinstance(exc, SystemExit):
                _request_exit(exc.code if isinstance(exc.code, int) else 1)
                return
    from .report import print_uncaught

    print_uncaught(exc)
    if _state.exiting:  # already exiting (an 'exit' listener raised): keep that code
        return
    process.exitCode = 1
    _request_exit(emit_exit(1))


def emit_exit(code: int) -> int:
    """Node's ``EmitExit``: ``'exit'`` once, then ``process.exitCode`` (listeners may set it).

    Nothing queued meanwhile runs afterwards (``state.exiting`` drops nextTicks).
    """
    st = _state
    from ._process import process

    if st.exit_emitted:
        return code
    st.exit_emitted = st.exiting = True
    try:
        process.emit("exit", code)
    except SystemExit as exc:  # process.exit(n) inside an 'exit' listener
        return exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # noqa: BLE001 - Node: uncaught, printed
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        return 7  # Node: an exception in an 'exit' handler
    ticks.clear()
    return process.exitCode or code


def _request_exit(code: int, sig: int | None = None) -> None:
    st = _state
    st.exiting = True
    st.exit_code = code
    if sig is not None:
        st.exit_signal = sig
    for fut in st.idle_waiters[:]:
        if not fut.done():
            fut.set_exception(KeyboardInterrupt() if sig is not None else SystemExit(code))
    st.idle_waiters.clear()
    loop = st.loop
    if loop is not None and st.running and not loop.is_closed():
        loop.stop()
    elif not st.running and not st.idle_waiters:
        # Not inside run(): nothing drives the loop for us, so unwind now.
        if sig is not None:
            raise KeyboardInterrupt
        raise SystemExit(code)


def die_by_signal(sig: int) -> None:
    """End the process by ``sig`` with its default action, as Node does when a
    signal has no listener: no traceback, the parent sees "killed by signal"
    (a shell reports 128 + sig).  Falls back to ``SystemExit(128 + sig)``."""
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except (OSError, ValueError):
            pass
    try:
        _signal.signal(sig, _signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    except (OSError, ValueError):  # not the main thread, or no such signal here
        pass
    raise SystemExit(128 + sig)


def run(main: Callable[[], Any] | None = None) -> Any:
    """Run the loop until nothing referenced is left (Node's process lifetime).

    ``nodehttp.run()`` at the end of a script, or ``nodehttp.run(main)``.
    Exits like Node: returns normally with exit code 0, raises
    ``SystemExit(code)`` otherwise (uncaught exception: 1; ``process.exit(n)``: n;
    ``process.exitCode``).  Inside an already running asyncio loop it does not
    block: it returns an awaitable that resolves when nothing is left.
    """
    try:
        asyncio.get_running_loop()
        embedded = True
    except RuntimeError:
        embedded = False
    if embedded:
        return _run_embedded(main)
    st = _state
    if st.running:
        # Called from inside a running nodehttp.run (e.g. `python -m nodehttp`
        # on a script that also ends with nodehttp.run()): nothing to do.
        if main is not None:
            entry(_call_main, main)
        return None
    from ._process import process

    loop = get_loop()
    st.running = True
    code: int | None = None
    sig: int | None = None
    try:
        try:
            if main is not None:
                entry(_call_main, main)
            elif ticks:
                drain_ticks()
            while True:
                if not st.exiting:
                    if st.refs <= 0 and not st.idle_check:
                        _schedule_idle_check()
                    loop.run_forever()
                if st.exiting:
                    break
                # Idle: Node's 'beforeExit' may schedule more work.
                entry(process.emit, "beforeExit", process.exitCode or 0)
                if st.exiting or (st.refs <= 0 and not ticks):
                    break
            if not st.exiting:
                code = emit_exit(process.exitCode or 0)
            if st.exit_code is not None:
                code = st.exit_code
            sig = st.exit_signal
        except KeyboardInterrupt:  # SIGINT outside any entry (inside the loop itself)
            sig = _signal.SIGINT
    finally:
        st.running = False
        try:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for t in pending:
                t.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        except Exception:  # noqa: BLE001
            pass
        loop.close()
        reset()
        asyncio.set_event_loop(None)
    if sig is not None:
        die_by_signal(sig)
    if code:
        raise SystemExit(code)
    return None


def reset() -> None:
    """Node's process state afresh: the loop state (:meth:`LoopState.reset`)
    and ``process.exitCode``.  After :func:`run`; the test fixture calls it
    between tests."""
    from ._process import process

    _state.reset()
    process.exitCode = None


def _call_main(main: Callable[[], Any]) -> None:
    result = main()
    if asyncio.iscoroutine(result):
        spawn(result)


async def _run_embedded(main: Callable[[], Any] | None) -> None:
    """``await nodehttp.run(main)`` inside a running asyncio program."""
    get_loop()
    if main is not None:
        entry(_call_main, main)
    elif ticks:
        drain_ticks()
    st = _state
    fut = asyncio.get_running_loop().create_future()
    st.idle_waiters.append(fut)
    if st.refs <= 0 and not st.idle_check:
        _schedule_idle_check()
    await fut
