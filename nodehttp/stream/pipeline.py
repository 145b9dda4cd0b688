"""Node's ``internal/streams/pipeline.js``: ``pipeline(...streams, cb)``.

Invariant: every stream is destroyed on the first error, and ``cb`` is
called once, with that first error (or None when the last stream finished).
"""

from __future__ import annotations

from typing import Any, Callable

from ..events import EventEmitter, invoke
from .end_of_stream import _is_request, finished
from .state import _err


def _pipeline_noop(err: BaseException | None = None) -> None:
    if err is not None:
        raise err


def pipeline(*streams: Any) -> Any:
    """Node's ``stream.pipeline(...streams, callback)``: pipe them in order,
    destroy all on error, ``callback(err)`` when the last one finished.
    Returns the last stream."""
    callback: Callable = _pipeline_noop
    lst = list(streams)
    if lst and callable(lst[-1]) and not isinstance(lst[-1], EventEmitter):
        callback = lst.pop()
    if lst and isinstance(lst[0], (list, tuple)):
        lst = list(lst[0])
    if len(lst) < 2:
        raise _err("ERR_MISSING_ARGS", 'The "streams" argument must be specified', "TypeError")
    error: list = [None]
    destroys: list[Callable] = []
    last = len(lst) - 1

    def make(i: int, stream: Any) -> Callable:
        reading = i < last
        writing = i > 0

        def done(err: BaseException | None = None) -> None:
            if error[0] is None:
                error[0] = err
            if err is not None:
                for d in destroys:
                    d()
            if reading:
                return
            for d in destroys:
                d()
            invoke(callback, error[0])

        return _destroyer(stream, reading, writing, done)

    for i, s in enumerate(lst):
        destroys.append(make(i, s))
    dest = lst[0]
    for s in lst[1:]:
        dest = dest.pipe(s)
    return dest


def _destroyer(stream: Any, reading: bool, writing: bool, callback: Callable) -> Callable:
    called = False
    closed = False
    destroyed = False

    def cb(err: BaseException | None = None) -> None:
        nonlocal called
        if called:
            return
        called = True
        callback(err)

    def onclose() -> None:
        nonlocal closed
        closed = True

    stream.on("close", onclose)

    def oneos(err: BaseException | None = None) -> None:
        nonlocal closed
        if err is not None:
            cb(err)
            return
        closed = True
        cb(None)

    finished(stream, {"readable": reading, "writable": writing}, oneos)

    def destroy(err: BaseException | None = None) -> None:
        nonlocal destroyed
        if closed or destroyed:
            return
        destroyed = True
        if _is_request(stream):
            stream.abort()
            return
        if callable(getattr(stream, "destroy", None)):
            stream.destroy()
            return
        cb(err or _err("ERR_STREAM_DESTROYED", "Cannot call pipe after a stream was destroyed"))

    return destroy
