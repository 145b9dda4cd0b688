"""libuv's ``uv_queue_work``: run a blocking function off the loop thread.

Node runs ``crypto.randomBytes(n, cb)``, ``crypto.pbkdf2`` and the zlib
convenience calls (``zlib.gzip(buf, cb)``) on libuv's threadpool: the work
runs on one of ``UV_THREADPOOL_SIZE`` threads (default 4) and the callback
runs later on the loop thread, as an entry (ticks drained after it).

Invariant: while work is queued or running it holds one loop ref (an
in-flight request keeps the process alive, as a libuv ``uv_work_t`` does),
released just before ``after`` runs.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from . import loop

__all__ = ["queue_work"]

_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        try:
            size = int(os.environ.get("UV_THREADPOOL_SIZE", "4"))
        except ValueError:
            size = 4
        _pool = ThreadPoolExecutor(max(1, min(size, 1024)), thread_name_prefix="uv-work")
    return _pool


def queue_work(work: Callable[[], Any], after: Callable[[BaseException | None, Any], Any]) -> None:
    """Run ``work()`` on the threadpool, then ``after(err, result)`` on the loop
    as an entry: ``err`` is the exception ``work`` raised (else None)."""
    ev = loop.get_loop()
    fut = ev.run_in_executor(_executor(), work)
    loop.ref()

    def done(f: Any) -> None:
        loop.unref()
        if f.cancelled():  # pragma: no cover - the loop was torn down
            return
        exc = f.exception()
        if exc is not None:
            loop.entry(after, exc, None)
        else:
            loop.entry(after, None, f.result())

    fut.add_done_callback(done)
