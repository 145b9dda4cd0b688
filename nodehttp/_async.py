"""Async functions and Promises: what happens to a coroutine a callback returned.

In JavaScript, calling an ``async function`` runs it and returns a Promise;
whoever ignores the Promise does not stop the function.  In Python, calling
an ``async def`` only creates a coroutine, which does nothing until someone
awaits or schedules it.  So wherever nodehttp calls user code (an emitter's
listener, a callback handed to the API) and gets a coroutine back, it
:func:`start` s it as a task on the loop — the port of "the function runs".

Invariants kept here:

* A started coroutine is a referenced task: the process stays alive while it
  runs (as Node does while the awaited I/O is pending).
* A coroutine that raises is Node 10's *unhandled rejection*: ``process``
  ``'unhandledRejection'`` (reason, promise) if anyone listens, else Node
  10's ``UnhandledPromiseRejectionWarning`` on stderr — and the process goes
  on (Node >= 15 would exit with status 1; see docs/async.md).
* A coroutine that nobody awaited or started (created in a sync function and
  dropped: the port cannot run it) is never silent: while a loop nodehttp
  made runs (``run()``, ``python -m nodehttp``) it is an uncaught error naming the coroutine (exit 1, or
  ``'uncaughtException'``), instead of a request that hangs with only
  Python's "coroutine ... was never awaited" warning as a clue.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
import warnings
from types import CoroutineType
from typing import Any, Coroutine

from . import loop as _loop
from .errors import NodeError

__all__ = ["start", "unhandled_rejection", "CoroutineType"]

_rejection_id = 0
_deprecation_warned = False


def start(coro: Coroutine) -> asyncio.Task:
    """Run ``coro`` as a referenced task (JavaScript's call of an async function).

    The body starts on the loop's next turn (Python has no eager tasks
    before 3.12); an exception is routed to :func:`unhandled_rejection`.
    """
    task = _loop.get_loop().create_task(coro)
    _loop.ref()
    task.add_done_callback(_settled)
    return task


def _settled(task: asyncio.Task) -> None:
    _loop.unref()
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        _loop.entry(unhandled_rejection, exc, task)


def unhandled_rejection(reason: BaseException, promise: Any = None) -> None:
    """Node 10's handling of a rejection nobody handled.

    ``process.on('unhandledRejection', (reason, promise) => ...)`` gets it if
    listening; otherwise the warning Node 10 prints, and the process continues.
    ``process.exit()`` inside the coroutine still exits.
    """
    global _rejection_id, _deprecation_warned
    if isinstance(reason, (SystemExit, KeyboardInterrupt)):
        raise reason
    from ._process import process

    if process.listenerCount("unhandledRejection"):
        process.emit("unhandledRejection", reason, promise)
        return
    _rejection_id += 1
    pid = process.pid
    text = "".join(traceback.format_exception(type(reason), reason, reason.__traceback__)).rstrip()
    sys.stderr.write(f"(node:{pid}) UnhandledPromiseRejectionWarning: {text}\n")
    sys.stderr.write(
        f"(node:{pid}) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error "
        "originated either by throwing inside of an async function without a catch block, or by "
        f"rejecting a promise which was not handled with .catch(). (rejection id: {_rejection_id})\n")
    if not _deprecation_warned:
        _deprecation_warned = True
        sys.stderr.write(
            f"(node:{pid}) [DEP0018] DeprecationWarning: Unhandled promise rejections are "
            "deprecated. In the future, promise rejections that are not handled will terminate "
            "the Node.js process with a non-zero exit code.\n")
    sys.stderr.flush()


# -- a coroutine dropped unawaited: loud, never a silent hang -------------------------

_UNAWAITED = r"coroutine '.*' was never awaited"
_previous_hook = sys.unraisablehook


def _unraisable(info: Any) -> None:
    exc = info.exc_value
    if isinstance(exc, RuntimeWarning) and "was never awaited" in str(exc):
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        handler = running.get_exception_handler() if running is not None else None
        # Only on a loop nodehttp made (``run()``, ``python -m nodehttp``): inside
        # someone else's asyncio program a dropped coroutine stays Python's warning.
        if handler is not None and getattr(handler, "__module__", None) == _loop.__name__:
            name = getattr(info.object, "__qualname__", None) or repr(info.object)
            err = NodeError(
                f"{exc}: {name}() is an async function whose coroutine was dropped, so its "
                "body never ran (in JavaScript it would have). Something called it without "
                "awaiting or returning the coroutine: a plain def, or a callback API that does "
                "not start coroutines (setTimeout, setImmediate, process.nextTick). Await it, "
                "return it from the listener, or start it with asyncio.ensure_future(...).",
                "ERR_COROUTINE_NEVER_AWAITED")
            running.call_soon(_loop.entry, _raise, err)
            return
    _previous_hook(info)


def _raise(exc: BaseException) -> None:
    raise exc


def install() -> None:
    """Make a dropped coroutine an error while nodehttp's loop runs (idempotent)."""
    global _previous_hook
    if sys.unraisablehook is _unraisable:
        return
    _previous_hook = sys.unraisablehook
    warnings.filterwarnings("error", message=_UNAWAITED, category=RuntimeWarning)
    sys.unraisablehook = _unraisable


install()
