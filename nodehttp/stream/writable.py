"""Node's ``lib/_stream_writable.js``: ``Writable`` and ``WritableState``,
function for function (``writeOrBuffer``, ``doWrite``, ``onwrite``,
``afterWrite``, ``clearBuffer``, ``prefinish``, ``finishMaybe``, ``endWritable``).

Invariants: one ``_write`` in flight at a time (``state.writing``); the
others wait in ``bufferedRequests`` (cork/uncork flush them, through
``_writev`` if defined); ``state.length`` counts the bytes not yet completed;
``pendingcb`` counts callbacks owed, and ``'finish'`` comes only when it is 0
after ``end()`` (after ``_final``, if any); the callback of a synchronous
write runs on the next tick (``afterWrite``).
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import Any, Callable

from .. import loop as _loop
from ..events import EventEmitter, invoke
from .destroy import _destroy_impl, _error_or_destroy, _undestroy_impl
from .legacy import Stream
from ..encoding import unknown_encoding as _unknown_encoding
from .state import _err, _get_hwm, _hook, _invalid_chunk, _nop, _normalize_encoding, _to_bytes

next_tick = _loop.next_tick
_BUF_TYPES = (bytes, bytearray, memoryview)


class _WriteReq:
    """One buffered write (Node's WriteReq); ``_writev`` receives a list of them."""

    __slots__ = ("chunk", "encoding", "isBuf", "callback")

    def __init__(self, chunk: Any, encoding: str, isBuf: bool, callback: Callable) -> None:
        self.chunk = chunk
        self.encoding = encoding
        self.isBuf = isBuf
        self.callback = callback


class _WriteBatch(list):
    """The list handed to ``_writev``; ``allBuffers`` as in Node."""

    allBuffers = True


class WritableState:
    """Node's ``WritableState``: the Writable side's bookkeeping (Node's field names).

    ``bufferedRequests`` (a deque of write requests) replaces Node's linked list
    ``bufferedRequest``/``lastBufferedRequest``; ``bufferedRequest`` and
    ``bufferedRequestCount`` are read-only views of it.
    """

    __slots__ = (
        "objectMode", "highWaterMark", "finalCalled", "needDrain", "ending", "ended",
        "finished", "destroyed", "decodeStrings", "defaultEncoding", "length", "writing",
        "corked", "sync", "bufferProcessing", "onwrite", "writecb", "writelen",
        "bufferedRequests", "pendingcb", "prefinished", "errorEmitted", "emitClose",
        "autoDestroy",
    )

    def __init__(self, options: dict | None = None, stream: Any = None,
                 isDuplex: bool | None = None) -> None:
        if isDuplex is None:
            from .duplex import Duplex  # Node: lazily required (a cycle)
            isDuplex = isinstance(stream, Duplex)
        self.finalCalled = False
        self.needDrain = False
        self.ending = False
        self.ended = False
        self.finished = False
        self.destroyed = False
        self.length = 0
        self.writing = False
        self.corked = 0
        self.sync = True
        self.bufferProcessing = False
        self.onwrite: Callable | None = None  # created at the first write
        self.writecb: Callable | None = None
        self.writelen = 0
        self.bufferedRequests: deque = deque()
        self.pendingcb = 0
        self.prefinished = False
        self.errorEmitted = False
        if not options:
            self.objectMode = False
            self.highWaterMark = 16384
            self.decodeStrings = True
            self.defaultEncoding = "utf8"
            self.emitClose = True
            self.autoDestroy = False
            return
        om = bool(options.get("objectMode"))
        if isDuplex:
            om = om or bool(options.get("writableObjectMode"))
        self.objectMode = om
        self.highWaterMark = _get_hwm(options, "writableHighWaterMark", isDuplex, om)
        self.decodeStrings = options.get("decodeStrings") is not False
        self.defaultEncoding = options.get("defaultEncoding") or "utf8"
        self.emitClose = options.get("emitClose") is not False
        self.autoDestroy = bool(options.get("autoDestroy"))

    @property
    def bufferedRequest(self) -> _WriteReq | None:
        """The first buffered write request, or None."""
        return self.bufferedRequests[0] if self.bufferedRequests else None

    @property
    def bufferedRequestCount(self) -> int:
        """How many writes are buffered (waiting for the current one, or corked)."""
        return len(self.bufferedRequests)

    def getBuffer(self) -> list:
        """The buffered write requests, as a list."""
        return list(self.bufferedRequests)


class Writable(Stream):
    """Node's ``stream.Writable``.

    Subclasses implement ``_write(chunk, encoding, callback)`` (and optionally
    ``_writev(chunks, callback)``, ``_final(callback)``, ``_destroy(err, cb)``).
    Options: highWaterMark, objectMode, decodeStrings, defaultEncoding, write,
    writev, final, destroy, emitClose, autoDestroy.
    """

    #: Private names a subclass in another module may use on ``self`` (Node's
    #: net.Socket drives its own stream state); read only by
    #: tools/check_private_names.py.
    _protected = ("_writableState", "_undestroy")
    _isDuplex = False
    #: Node's ``Writable.prototype._writev = null``: set to batch corked writes.
    _writev: Callable | None = None
    #: Node checks ``typeof stream._final === 'function'``.
    _final: Callable | None = None

    def __init__(self, options: dict | None = None) -> None:
        self._writableState = WritableState(options, self, self._isDuplex)
        self.writable = True
        if options:
            _writable_options(self, options)
        EventEmitter.__init__(self)

    destroy = _destroy_impl
    _undestroy = _undestroy_impl

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        """Node's default ``_destroy``: ``cb(err)``."""
        cb(err)

    @property
    def destroyed(self) -> bool:
        """Whether ``destroy()`` was called."""
        return self._writableState.destroyed

    @destroyed.setter
    def destroyed(self, value: bool) -> None:
        self._writableState.destroyed = value

    def pipe(self, *args: Any) -> None:  # type: ignore[override]
        """A Writable cannot be piped from: ERR_STREAM_CANNOT_PIPE."""
        _error_or_destroy(self, _err("ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"))

    def write(self, chunk: Any, encoding: Any = None, cb: Callable | None = None) -> bool:
        """Write ``chunk``; False once the buffer reaches highWaterMark ('drain' follows).

        ``cb(err)`` runs once the chunk is handled (after the stream's
        ``_write`` called back; on the next tick if that was synchronous).
        """
        state = self._writableState
        if (chunk.__class__ is bytes and (encoding is None or encoding.__class__ is str)
                and not (state.writing or state.corked or state.ending or state.destroyed
                         or state.objectMode)):
            # The common case, Node's writeOrBuffer + doWrite inlined: a Buffer
            # written to an idle, uncorked, live stream goes straight to _write.
            state.pendingcb += 1
            ln = len(chunk)
            state.length += ln
            ret = state.length < state.highWaterMark
            if not ret:
                state.needDrain = True
            state.writelen = ln
            state.writecb = _nop if cb is None else cb
            state.writing = True
            state.sync = True
            onwrite = state.onwrite
            if onwrite is None:
                onwrite = state.onwrite = partial(_onwrite, self)
            self._write(chunk, "buffer", onwrite)
            state.sync = False
            return ret
        return _write_impl(self, state, chunk, encoding, cb)

    def cork(self) -> None:
        """Buffer writes until ``uncork()`` (then one ``_writev`` if defined)."""
        self._writableState.corked += 1

    def uncork(self) -> None:
        """Undo one ``cork()``; the last one flushes the buffered writes."""
        state = self._writableState
        if state.corked:
            state.corked -= 1
            if (not state.writing and not state.corked and not state.bufferProcessing
                    and state.bufferedRequests):
                _clear_buffer(self, state)

    def setDefaultEncoding(self, encoding: str) -> Writable:
        """Encoding used for ``str`` chunks written without one."""
        if isinstance(encoding, str):
            encoding = encoding.lower()
        if _normalize_encoding(encoding) is None:
            raise _unknown_encoding(encoding)
        self._writableState.defaultEncoding = encoding
        return self

    def _write(self, chunk: Any, encoding: str, cb: Callable) -> None:
        """Node's default ``_write`` (or ``_writev`` if defined)."""
        if self._writev is not None:
            self._writev([_WriteReq(chunk, encoding, False, _nop)], cb)
        else:
            cb(_err("ERR_METHOD_NOT_IMPLEMENTED", "The _write() method is not implemented"))

    def end(self, chunk: Any = None, encoding: Any = None, cb: Callable | None = None) -> Any:
        """Write the optional last ``chunk`` and finish; ``cb`` runs at 'finish'."""
        return _end(self, self._writableState, chunk, encoding, cb)

    @property
    def writableHighWaterMark(self) -> int:
        """The Writable side's highWaterMark."""
        return self._writableState.highWaterMark

    @property
    def writableNeedDrain(self) -> bool:
        """True when a write returned false and ``'drain'`` is still to come
        (Node 15.2's ``writable.writableNeedDrain``)."""
        return self._writableState.needDrain

    @property
    def writableLength(self) -> int:
        """Bytes (or objects) written but not yet handled by ``_write``."""
        return self._writableState.length

    @property
    def writableBuffer(self) -> list:
        """The buffered write requests."""
        return self._writableState.getBuffer()

    @property
    def writableEnded(self) -> bool:
        """True once ``end()`` was called."""
        return self._writableState.ending

    @property
    def writableFinished(self) -> bool:
        """True once 'finish' was emitted."""
        return self._writableState.finished

    @property
    def writableObjectMode(self) -> bool:
        """Whether the Writable side is in objectMode."""
        return self._writableState.objectMode

    @property
    def writableCorked(self) -> int:
        """How many ``uncork()`` calls are needed to flush."""
        return self._writableState.corked


def _writable_options(self: Any, options: dict) -> None:
    fn = options.get("write")
    if callable(fn):
        self._write = _hook(fn, 3)
    fn = options.get("writev")
    if callable(fn):
        self._writev = _hook(fn, 2)
    fn = options.get("destroy")
    if callable(fn):
        self._destroy = _hook(fn, 2)
    fn = options.get("final")
    if callable(fn):
        self._final = _hook(fn, 1)


def _write_impl(stream: Any, state: WritableState, chunk: Any, encoding: Any,
           cb: Callable | None) -> bool:
    cls = chunk.__class__
    if state.objectMode:
        isBuf = False
    elif cls is bytes:
        isBuf = True
    elif cls is bytearray or cls is memoryview or isinstance(chunk, _BUF_TYPES):
        chunk = bytes(chunk)
        isBuf = True
    else:
        isBuf = False
    if callable(encoding):
        cb = encoding
        encoding = None
    if isBuf:
        encoding = "buffer"
    elif not encoding:
        encoding = state.defaultEncoding
    if cb is None:
        cb = _nop
    if state.ending:
        er = _err("ERR_STREAM_WRITE_AFTER_END", "write after end")
        _error_or_destroy(stream, er)
        next_tick(invoke, cb, er)
        return False
    if not isBuf:
        er = None
        if chunk is None:
            er = _err("ERR_STREAM_NULL_VALUES", "May not write null values to stream",
                      "TypeError")
        elif cls is not str and not state.objectMode:
            er = _invalid_chunk(chunk, "string or Buffer")
        if er is not None:
            _error_or_destroy(stream, er)
            next_tick(invoke, cb, er)
            return False
        if not state.objectMode and state.decodeStrings:
            chunk = _to_bytes(chunk, encoding)
            isBuf = True
            encoding = "buffer"
    state.pendingcb += 1
    # writeOrBuffer
    ln = 1 if state.objectMode else len(chunk)
    state.length += ln
    ret = state.length < state.highWaterMark
    if not ret:
        state.needDrain = True
    if state.writing or state.corked:
        state.bufferedRequests.append(_WriteReq(chunk, encoding, isBuf, cb))
    else:
        _do_write(stream, state, False, ln, chunk, encoding, cb)
    return ret


def _do_write(stream: Any, state: WritableState, writev: bool, ln: int, chunk: Any,
              encoding: str, cb: Callable) -> None:
    state.writelen = ln
    state.writecb = cb
    state.writing = True
    state.sync = True
    onwrite = state.onwrite
    if onwrite is None:
        onwrite = state.onwrite = partial(_onwrite, stream)
    if state.destroyed:
        onwrite(_err("ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed"))
    elif writev:
        stream._writev(chunk, onwrite)
    else:
        stream._write(chunk, encoding, onwrite)
    state.sync = False


def _write_in_flight(stream: Any, state: WritableState, ln: int) -> Callable:
    """Writable state for a Buffer of ``ln`` bytes already handed to
    ``_write`` with no callback and not completed yet: what Writable.write's
    fast branch sets up before calling ``_write``.  Returns the onwrite
    callback that completes it.  (net.Socket.write: the transport paused
    during a write it made directly.)"""
    state.pendingcb += 1
    state.length += ln
    state.writelen = ln
    state.writecb = _nop
    state.writing = True
    onwrite = state.onwrite
    if onwrite is None:
        onwrite = state.onwrite = partial(_onwrite, stream)
    return onwrite


def _onwrite(stream: Any, er: BaseException | None = None) -> None:
    state = stream._writableState
    sync = state.sync
    cb = state.writecb
    if cb is None:
        raise _err("ERR_MULTIPLE_CALLBACK", "Callback called multiple times")
    state.writing = False
    state.writecb = None
    state.length -= state.writelen
    state.writelen = 0
    if er is not None:
        state.pendingcb -= 1
        if sync:
            next_tick(_call_cb, cb, er)
            next_tick(_finish_maybe, stream, state)
            state.errorEmitted = True
            _error_or_destroy(stream, er)
        else:
            _call_cb(cb, er)
            state.errorEmitted = True
            _error_or_destroy(stream, er)
            _finish_maybe(stream, state)
        return
    # needFinish(state) || stream.destroyed, cheapest test first (a stream is
    # destroyed only if its writable state is).
    finished = (state.ending and state.length == 0 and not state.bufferedRequests
                and not state.finished) or (state.destroyed and stream.destroyed)
    if not finished and state.bufferedRequests and not state.corked and \
            not state.bufferProcessing:
        _clear_buffer(stream, state)
    if sync:
        if cb is _nop and not state.needDrain and not state.ending and stream._final is not None:
            # afterWrite would only count the write done: no 'drain' is due,
            # no callback waits, and no 'finish' can depend on its timing (a
            # stream with _final always has its final callback pending when
            # end() checks pendingcb).  Count it now, without the tick.
            state.pendingcb -= 1
            return
        next_tick(_after_write, stream, state, finished, cb)
    else:
        _after_write(stream, state, finished, cb)


def _call_cb(cb: Callable, er: BaseException | None) -> None:
    if cb is not _nop:
        invoke(cb, er)


def _after_write(stream: Any, state: WritableState, finished: bool, cb: Callable) -> None:
    if state.needDrain and not finished and state.length == 0:
        state.needDrain = False
        stream.emit("drain")
    state.pendingcb -= 1
    if cb is not _nop:
        invoke(cb, None)
    if state.ending:  # finishMaybe: needFinish() is false until end()
        _finish_maybe(stream, state)


def _clear_buffer(stream: Any, state: WritableState) -> None:
    state.bufferProcessing = True
    reqs = state.bufferedRequests
    if stream._writev is not None and len(reqs) > 1:
        batch = _WriteBatch(reqs)
        reqs.clear()
        for r in batch:
            if not r.isBuf:
                batch.allBuffers = False
                break

        def finish(err: BaseException | None = None) -> None:
            for r in batch:
                state.pendingcb -= 1
                _call_cb(r.callback, err)

        _do_write(stream, state, True, state.length, batch, "", finish)
        state.pendingcb += 1
    else:
        while reqs:
            r = reqs.popleft()
            _do_write(stream, state, False, 1 if state.objectMode else len(r.chunk),
                      r.chunk, r.encoding, r.callback)
            if state.writing:
                break
    state.bufferProcessing = False


def _need_finish(state: WritableState) -> bool:
    return (state.ending and state.length == 0 and not state.bufferedRequests
            and not state.finished and not state.writing)


def _call_final(stream: Any, state: WritableState) -> None:
    def done(err: BaseException | None = None) -> None:
        state.pendingcb -= 1
        if err is not None:
            _error_or_destroy(stream, err)
        state.prefinished = True
        stream.emit("prefinish")
        _finish_maybe(stream, state)

    stream._final(done)


def _prefinish(stream: Any, state: WritableState) -> None:
    if not state.prefinished and not state.finalCalled:
        if stream._final is not None and not state.destroyed:
            state.pendingcb += 1
            state.finalCalled = True
            next_tick(_call_final, stream, state)
        else:
            state.prefinished = True
            stream.emit("prefinish")


def _finish_maybe(stream: Any, state: WritableState) -> bool:
    need = _need_finish(state)
    if need:
        _prefinish(stream, state)
        if state.pendingcb == 0:
            state.finished = True
            stream.emit("finish")
            if state.autoDestroy:
                r = stream.__dict__.get("_readableState")
                if r is None or (r.autoDestroy and r.endEmitted):
                    stream.destroy()
    return need


def _end(stream: Any, state: WritableState, chunk: Any, encoding: Any,
         cb: Callable | None) -> Any:
    if callable(chunk):
        cb = chunk
        chunk = None
        encoding = None
    elif callable(encoding):
        cb = encoding
        encoding = None
    if chunk is not None:
        stream.write(chunk, encoding)
    if state.corked:
        state.corked = 1
        stream.uncork()
    if not state.ending:
        # endWritable
        state.ending = True
        _finish_maybe(stream, state)
        if cb is not None:
            if state.finished:
                next_tick(invoke, cb, None)
            else:
                stream.once("finish", partial(invoke, cb, None))
        state.ended = True
        stream.writable = False
    return stream
