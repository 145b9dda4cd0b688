"""libuv's threadpool: where fs requests and crypto's blocking calls (randomBytes,
pbkdf2) run, off the loop thread (the one pool, as libuv has one).

Invariants kept here:

* ``UV_THREADPOOL_SIZE`` threads (4 by default, 1..128 as libuv clamps it),
  started lazily on the first request, daemon threads fed by one FIFO queue:
  requests start in submission order, as in libuv.
* A pending request keeps the loop alive (:func:`nodehttp.loop.ref` at
  submission, :func:`~nodehttp.loop.unref` at completion), like a libuv
  ``uv_fs_t``.
* The completion callback runs on the loop thread as an *entry* (Node's
  ``MakeCallback``): guarded, an escaping exception is uncaught, and the
  nextTick queue is drained after it.
* ``ref``/``unref`` and user code are only ever touched on the loop thread;
  a worker only runs the request's work function and hands the outcome back
  with ``call_soon_threadsafe``.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import Any, Callable

from . import loop as _loop

__all__ = ["submit", "size"]

_queue: queue.SimpleQueue = queue.SimpleQueue()
_threads: list[threading.Thread] = []
_lock = threading.Lock()


def size() -> int:
    """The pool size: ``UV_THREADPOOL_SIZE`` clamped to 1..128, default 4 (libuv)."""
    try:
        n = int(os.environ.get("UV_THREADPOOL_SIZE", "4"))
    except ValueError:
        n = 4
    return max(1, min(n, 128))


def _worker() -> None:
    get = _queue.get
    while True:
        work, args, done, loop = get()
        try:
            result = work(*args)
            err = None
        except BaseException as exc:  # noqa: BLE001 - handed to the callback
            result = None
            err = exc
        try:
            loop.call_soon_threadsafe(_complete, done, err, result)
        except RuntimeError:  # the loop was closed meanwhile: nobody is waiting
            pass


def _after_fork_in_child() -> None:
    # Threads do not survive fork(): a child starts with an empty pool.
    global _queue, _lock
    _queue = queue.SimpleQueue()
    _lock = threading.Lock()
    _threads.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _complete(done: Callable, err: BaseException | None, result: Any) -> None:
    _loop.unref()
    _loop.entry(done, err, result)


def submit(work: Callable, args: tuple, done: Callable[[BaseException | None, Any], Any]) -> None:
    """Run ``work(*args)`` on the pool; then ``done(err, result)`` as a loop entry."""
    if len(_threads) < size():
        with _lock:
            if len(_threads) < size():
                t = threading.Thread(target=_worker, name=f"nodehttp-uv-{len(_threads)}", daemon=True)
                t.start()
                _threads.append(t)
    loop = _loop.get_loop()
    _loop.ref()
    _queue.put((work, args, done, loop))
