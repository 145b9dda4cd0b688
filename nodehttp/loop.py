"""The one event loop and Node's process lifetime rules.

Invariant kept here: everything asyncio calls into nodehttp is an *entry*
(Node's ``MakeCallback``): user code runs guarded, an escaping exception is
*uncaught* (``process`` ``'uncaughtException'`` or traceback + exit 1), and the
nextTick queue is drained before control returns to the loop.

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
    "uncaught", "spawn", "run", "ticks", "ProcessExit",
]

#: Pending ``process.nextTick`` callbacks: ``(fn, args)``.  Hot paths test its
#: truthiness after an entry and call :func:`drain_ticks`.
ticks: deque[tuple[Callable, tuple]] = deque()

_loop: asyncio.AbstractEventLoop | None = None
_refs = 0
_running = False          # run() is driving the loop and must stop when idle
_idle_check = False       # an idle check is already scheduled
_tick_scheduled = False   # a call_soon drain is already scheduled
_exiting = False
_exit_code: int | None = None
_exit_signal: int | None = None  # the process dies by this signal (SIGINT's default)
_idle_waiters: list[asyncio.Future] = []
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
    return _loop


def get_loop() -> asyncio.AbstractEventLoop:
    """The running loop if there is one, else nodehttp's own (created once)."""
    global _loop
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is not None:
        if _loop is not running:
            _check_thread(running)
            _loop = running
            _adopted(running)
        return running
    if _loop is None or _loop.is_closed():
        _check_thread(None)
        _loop = _new_loop()
        _loop.set_exception_handler(_exception_handler)
        asyncio.set_event_loop(_loop)
        _adopted(_loop)
    return _loop


_loop_thread: int | None = None  # the thread whose loop nodehttp's state belongs to


def _check_thread(running: asyncio.AbstractEventLoop | None) -> None:
    """nodehttp's loop state (the nextTick queue, handle refs, timers lists)
    is one per process, as Node's is: a second thread's loop may not take it
    over while the first one still runs."""
    global _loop_thread
    me = threading.get_ident()
    if (_loop is not None and _loop_thread is not None and _loop_thread != me
            and not _loop.is_closed() and _loop.is_running()):
        raise RuntimeError(
            "nodehttp is already running on another thread's event loop: its loop state "
            "(the nextTick queue, timers, which handles keep the process alive) is one per "
            "process, as Node's is. Use nodehttp from one thread; for parallelism use "
            "cluster (processes), or call into it with loop.call_soon_threadsafe.")
    _loop_thread = me


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
    global _refs
    _refs += 1


def unref() -> None:
    """One referenced handle fewer; when none is left the loop may end."""
    global _refs
    _refs -= 1
    if _refs <= 0 and not _idle_check:
        _schedule_idle_check()


def refs() -> int:
    """How many referenced handles are alive (for tests and diagnostics)."""
    return _refs


def _schedule_idle_check() -> None:
    global _idle_check
    if not (_running or _idle_waiters) or _loop is None or _loop.is_closed():
        return
    _idle_check = True
    _loop.call_soon(_check_idle, 0)


def _check_idle(passes: int) -> None:
    # Two quiet passes through the ready queue: callbacks asyncio scheduled
    # (e.g. connection_lost after close) get their turn before we decide.
    global _idle_check
    if _refs > 0 or ticks:
        _idle_check = False
        return
    if passes < 2:
        _loop.call_soon(_check_idle, passes + 1)  # type: ignore[union-attr]
        return
    _idle_check = False
    for fut in _idle_waiters[:]:
        if not fut.done():
            fut.set_result(None)
    _idle_waiters.clear()
    if _running:
        _loop.stop()  # type: ignore[union-attr]


# -- ticks and entries --------------------------------------------------------------

def next_tick(fn: Callable, *args: Any) -> None:
    """``process.nextTick``: run ``fn(*args)`` when the current entry ends."""
    global _tick_scheduled
    ticks.append((fn, args))
    if not _tick_scheduled:
        # Safety net for ticks queued outside an entry (top level, asyncio code).
        _tick_scheduled = True
        get_loop().call_soon(_tick_entry)


def _tick_entry() -> None:
    global _tick_scheduled
    _tick_scheduled = False
    drain_ticks()


def drain_ticks() -> None:
    """Run queued nextTick callbacks (and those they queue) until none is left.

    Once the process is exiting nothing more runs (a nextTick queued in an
    ``'exit'`` listener is dropped, as in Node).
    """
    if _exiting:
        ticks.clear()
        return
    popleft = ticks.popleft
    while ticks:
        fn, args = popleft()
        try:
            fn(*args)
        except BaseException as exc:  # noqa: BLE001 - Node: uncaught
            uncaught(exc)
            if _exiting:
                ticks.clear()
                return


def entry(fn: Callable, *args: Any) -> Any:
    """Call ``fn(*args)`` as a Node entry point: guarded, then ticks drained."""
    if _exiting:
        return None
    try:
        result = fn(*args)
    except BaseException as exc:  # noqa: BLE001 - Node: uncaught
        uncaught(exc)
        result = None
    if ticks:
        drain_ticks()
    return result


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
    if _exiting:  # already exiting (an 'exit' listener raised): keep that code
        return
    process.exitCode = 1
    _request_exit(emit_exit(1))


def emit_exit(code: int) -> int:
    """Node's ``EmitExit``: ``'exit'`` once, then ``process.exitCode`` (listeners may set it).

    Nothing queued meanwhile runs afterwards (``_exiting`` drops nextTicks).
    """
    global _exiting
    from ._process import process

    if process._exiting:
        return code
    process._exiting = True
    _exiting = True
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
    global _exiting, _exit_code, _exit_signal
    _exiting = True
    _exit_code = code
    if sig is not None:
        _exit_signal = sig
    for fut in _idle_waiters[:]:
        if not fut.done():
            fut.set_exception(KeyboardInterrupt() if sig is not None else SystemExit(code))
    _idle_waiters.clear()
    if _loop is not None and _running and not _loop.is_closed():
        _loop.stop()
    elif not _running and not _idle_waiters:
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
    global _running, _refs, _loop, _idle_check, _tick_scheduled
    if _running:
        # Called from inside a running nodehttp.run (e.g. `python -m nodehttp`
        # on a script that also ends with nodehttp.run()): nothing to do.
        if main is not None:
            entry(_call_main, main)
        return None
    from ._process import process

    loop = get_loop()
    _running = True
    code: int | None = None
    sig: int | None = None
    try:
        try:
            if main is not None:
                entry(_call_main, main)
            elif ticks:
                drain_ticks()
            while True:
                if not _exiting:
                    if _refs <= 0 and not _idle_check:
                        _schedule_idle_check()
                    loop.run_forever()
                if _exiting:
                    break
                # Idle: Node's 'beforeExit' may schedule more work.
                entry(process.emit, "beforeExit", process.exitCode or 0)
                if _exiting or (_refs <= 0 and not ticks):
                    break
            if not _exiting:
                code = emit_exit(process.exitCode or 0)
            if _exit_code is not None:
                code = _exit_code
            sig = _exit_signal
        except KeyboardInterrupt:  # SIGINT outside any entry (inside the loop itself)
            sig = _signal.SIGINT
    finally:
        _running = False
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
        _loop = None
        _refs = 0
        _reset_exit_state()
        _idle_check = False
        _tick_scheduled = False
        ticks.clear()
        asyncio.set_event_loop(None)
    if sig is not None:
        die_by_signal(sig)
    if code:
        raise SystemExit(code)
    return None


def _reset_exit_state() -> None:
    global _exiting, _exit_code, _exit_signal
    from ._process import process

    _exiting = False
    _exit_code = None
    _exit_signal = None
    process.exitCode = None
    process._exiting = False


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
    fut = asyncio.get_running_loop().create_future()
    _idle_waiters.append(fut)
    if _refs <= 0 and not _idle_check:
        _schedule_idle_check()
    await fut
