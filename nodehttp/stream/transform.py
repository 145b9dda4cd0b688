"""Node's ``lib/_stream_transform.js``: ``Transform`` (a Duplex whose
``_write`` calls ``_transform`` and whose ``_read`` pulls the next one).

Invariants: at most one ``_transform`` in progress; its callback may be
called once (ERR_MULTIPLE_CALLBACK); ``_flush`` runs at prefinish, before
``'finish'``, and the readable side ends after it.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from .duplex import Duplex
from .readable import Readable
from .state import _err, _hook


class _TransformState:
    __slots__ = ("afterTransform", "needTransform", "transforming", "writecb", "writechunk",
                 "writeencoding")

    def __init__(self, after: Callable) -> None:
        self.afterTransform = after
        self.needTransform = False
        self.transforming = False
        self.writecb: Callable | None = None
        self.writechunk: Any = None
        self.writeencoding: str | None = None


class Transform(Duplex):
    """Node's ``stream.Transform``: implement ``_transform(chunk, encoding, cb)``
    (``cb(err, data)`` pushes ``data``) and optionally ``_flush(cb)``.
    Options ``transform``/``flush`` as in Node."""

    _flush: Callable | None = None

    def __init__(self, options: dict | None = None) -> None:
        Duplex.__init__(self, options)
        self._transformState = _TransformState(self._afterTransform)
        self._readableState.needReadable = True
        self._readableState.sync = False
        if options:
            fn = options.get("transform")
            if callable(fn):
                self._transform = _hook(fn, 3)
            fn = options.get("flush")
            if callable(fn):
                self._flush = _hook(fn, 1)
        self.on("prefinish", self._onPrefinish)

    def _afterTransform(self, er: BaseException | None = None, data: Any = None) -> None:
        ts = self._transformState
        ts.transforming = False
        cb = ts.writecb
        if cb is None:
            self.emit("error", _err("ERR_MULTIPLE_CALLBACK", "Callback called multiple times"))
            return
        ts.writechunk = None
        ts.writecb = None
        if data is not None:
            self.push(data)
        cb(er)
        rs = self._readableState
        rs.reading = False
        if rs.needReadable or rs.length < rs.highWaterMark:
            self._read(rs.highWaterMark)

    def _onPrefinish(self) -> None:
        if self._flush is not None and not self._readableState.destroyed:
            self._flush(partial(_transform_done, self))
        else:
            _transform_done(self, None, None)

    def push(self, chunk: Any, encoding: str | None = None) -> bool:
        """Readable's push (clears Node's needTransform flag)."""
        self._transformState.needTransform = False
        return Readable.push(self, chunk, encoding)

    def _transform(self, chunk: Any, encoding: str, cb: Callable) -> None:
        """Node's default: ERR_METHOD_NOT_IMPLEMENTED."""
        cb(_err("ERR_METHOD_NOT_IMPLEMENTED", "The _transform() method is not implemented"))

    def _write(self, chunk: Any, encoding: str, cb: Callable) -> None:
        ts = self._transformState
        ts.writecb = cb
        ts.writechunk = chunk
        ts.writeencoding = encoding
        if not ts.transforming:
            rs = self._readableState
            if ts.needTransform or rs.needReadable or rs.length < rs.highWaterMark:
                self._read(rs.highWaterMark)

    def _read(self, n: int) -> None:
        ts = self._transformState
        if ts.writechunk is not None and not ts.transforming:
            ts.transforming = True
            self._transform(ts.writechunk, ts.writeencoding, ts.afterTransform)
        else:
            ts.needTransform = True


def _transform_done(stream: Transform, er: BaseException | None = None, data: Any = None) -> Any:
    if er is not None:
        return stream.emit("error", er)
    if data is not None:
        stream.push(data)
    if stream._writableState.length:
        raise _err("ERR_TRANSFORM_WITH_LENGTH_0",
                   "Calling transform done when writableState.length != 0")
    if stream._transformState.transforming:
        raise _err("ERR_TRANSFORM_ALREADY_TRANSFORMING",
                   "Calling transform done when still transforming")
    return stream.push(None)
