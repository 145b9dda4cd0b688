"""Node's ``internal/streams/destroy.js``: ``destroy``/``_undestroy`` shared by
Readable, Writable and Duplex, and ``errorOrDestroy``.

Invariants: ``destroy()`` marks both sides' states destroyed at once, calls
``_destroy(err, cb)`` once, and emits ``'error'`` (once: errorEmitted) and
then ``'close'`` (if emitClose) on a later tick, as Node 10 does.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import loop as _loop
from ..events import invoke

next_tick = _loop.next_tick


def _error_or_destroy(stream: Any, err: BaseException) -> None:
    """Node's ``errorOrDestroy``: destroy if autoDestroy, else emit 'error'."""
    r = stream.__dict__.get("_readableState")
    w = stream.__dict__.get("_writableState")
    if (r is not None and r.autoDestroy) or (w is not None and w.autoDestroy):
        stream.destroy(err)
    else:
        stream.emit("error", err)


def _destroy_impl(self: Any, err: BaseException | None = None,
                  cb: Callable | None = None) -> Any:
    """Node's ``destroy([err])``: mark destroyed, run ``_destroy``, then
    'error' (if err) and 'close' on the next tick.  Returns the stream."""
    r = getattr(self, "_readableState", None)
    w = getattr(self, "_writableState", None)
    if (r is not None and r.destroyed) or (w is not None and w.destroyed):
        if cb is not None:
            invoke(cb, err)
        elif err is not None:
            if w is None:
                next_tick(_emit_error_nt, self, err)
            elif not w.errorEmitted:
                w.errorEmitted = True
                next_tick(_emit_error_nt, self, err)
        return self
    if r is not None:
        r.destroyed = True
    if w is not None:
        w.destroyed = True

    def ondestroy(err2: BaseException | None = None) -> None:
        if cb is None and err2 is not None:
            if w is None:
                next_tick(_emit_error_and_close_nt, self, err2)
            elif not w.errorEmitted:
                w.errorEmitted = True
                next_tick(_emit_error_and_close_nt, self, err2)
            else:
                next_tick(_emit_close_nt, self)
        else:
            # 'close' on the next tick, unless emitClose is off (net.Socket
            # emits its own once the handle has closed): no tick to queue.
            if (w is None or w.emitClose) and (r is None or r.emitClose):
                next_tick(_emit_close_nt, self)
            if cb is not None:
                invoke(cb, err2)

    self._destroy(err, ondestroy)
    return self


def _emit_error_and_close_nt(self: Any, err: BaseException) -> None:
    _emit_error_nt(self, err)
    _emit_close_nt(self)


def _emit_close_nt(self: Any) -> None:
    w = getattr(self, "_writableState", None)
    if w is not None and not w.emitClose:
        return
    r = getattr(self, "_readableState", None)
    if r is not None and not r.emitClose:
        return
    self.emit("close")


def _emit_error_nt(self: Any, err: BaseException) -> None:
    self.emit("error", err)


def _undestroy_impl(self: Any) -> None:
    r = self.__dict__.get("_readableState")
    if r is not None:
        r.destroyed = False
        r.reading = False
        r.ended = False
        r.endEmitted = False
    w = self.__dict__.get("_writableState")
    if w is not None:
        w.destroyed = False
        w.ended = False
        w.ending = False
        w.finalCalled = False
        w.prefinished = False
        w.finished = False
        w.errorEmitted = False
