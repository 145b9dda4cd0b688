"""Node's ``internal/streams/end-of-stream.js``: ``finished(stream, opts, cb)``.

Invariant: ``cb`` is called once: at ``'end'``/``'finish'`` (those
requested), on ``'error'``, or with ERR_STREAM_PREMATURE_CLOSE on a
``'close'`` that comes first; the returned function removes the listeners.
"""

from __future__ import annotations

from typing import Any, Callable

from ..events import invoke
from .state import _err, _nop


def _is_request(stream: Any) -> bool:
    return bool(getattr(stream, "setHeader", None)) and callable(getattr(stream, "abort", None))


def finished(stream: Any, opts: Any = None, callback: Callable | None = None) -> Callable:
    """Node's ``stream.finished`` (end-of-stream): ``callback(err)`` once the
    stream ended/finished, errored or closed early (ERR_STREAM_PREMATURE_CLOSE).
    Returns a function removing the listeners."""
    if callable(opts):
        callback, opts = opts, None
    if not opts:
        opts = {}
    user_cb = callback or _nop
    called = False

    def cb(err: BaseException | None = None) -> None:
        nonlocal called
        if called:
            return
        called = True
        invoke(user_cb, err)

    readable = opts.get("readable") or (opts.get("readable") is not False
                                        and bool(getattr(stream, "readable", False)))
    writable = opts.get("writable") or (opts.get("writable") is not False
                                        and bool(getattr(stream, "writable", False)))
    ws = getattr(stream, "_writableState", None)
    rs = getattr(stream, "_readableState", None)
    writableEnded = ws is not None and ws.finished
    readableEnded = rs is not None and rs.endEmitted

    def onlegacyfinish() -> None:
        if not getattr(stream, "writable", False):
            onfinish()

    def onfinish() -> None:
        nonlocal writable, writableEnded
        writable = False
        writableEnded = True
        if not readable:
            cb(None)

    def onend() -> None:
        nonlocal readable, readableEnded
        readable = False
        readableEnded = True
        if not writable:
            cb(None)

    def onerror(err: BaseException) -> None:
        cb(err)

    def onclose() -> None:
        if readable and not readableEnded:
            err = None
            if rs is None or not rs.ended:
                err = _err("ERR_STREAM_PREMATURE_CLOSE", "Premature close")
            cb(err)
            return
        if writable and not writableEnded:
            err = None
            if ws is None or not ws.ended:
                err = _err("ERR_STREAM_PREMATURE_CLOSE", "Premature close")
            cb(err)

    def onrequest() -> None:
        stream.req.on("finish", onfinish)

    if _is_request(stream):
        stream.on("complete", onfinish)
        stream.on("abort", onclose)
        if getattr(stream, "req", None) is not None:
            onrequest()
        else:
            stream.on("request", onrequest)
    elif writable and ws is None:  # legacy streams
        stream.on("end", onlegacyfinish)
        stream.on("close", onlegacyfinish)
    stream.on("end", onend)
    stream.on("finish", onfinish)
    if opts.get("error") is not False:
        stream.on("error", onerror)
    stream.on("close", onclose)

    def cleanup() -> None:
        stream.removeListener("complete", onfinish)
        stream.removeListener("abort", onclose)
        stream.removeListener("request", onrequest)
        if getattr(stream, "req", None) is not None:
            stream.req.removeListener("finish", onfinish)
        stream.removeListener("end", onlegacyfinish)
        stream.removeListener("close", onlegacyfinish)
        stream.removeListener("finish", onfinish)
        stream.removeListener("end", onend)
        stream.removeListener("error", onerror)
        stream.removeListener("close", onclose)

    return cleanup
