"""Node's ``lib/_stream_readable.js``: ``Readable`` and ``ReadableState``,
function for function (``readableAddChunk``, ``howMuchToRead``, ``fromList``,
``emitReadable``, ``maybeReadMore``, ``flow``, ``endReadable``, ``pipe``).

Invariants: ``state.length`` is the bytes (objects in objectMode, characters
after setEncoding) in ``state.buffer``; ``'end'`` is emitted once, on a later
tick, only after EOF was pushed and the buffer drained; in flowing mode with
nothing buffered a pushed chunk is emitted as ``'data'`` at once (push's
fast path is exactly addChunk's branch for that case).  Every deferred step
goes through ``next_tick`` where Node defers it.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from .. import loop as _loop
from ..events import EventEmitter
from .destroy import _destroy_impl, _error_or_destroy, _undestroy_impl
from .legacy import Stream
from ..encoding import unknown_encoding as _unknown_encoding
from ..string_decoder import StringDecoder
from .state import _err, _get_hwm, _hook, _invalid_chunk, _normalize_encoding, _to_bytes

if TYPE_CHECKING:
    from .async_iterator import _ReadableAsyncIterator
    from ..types import BufferEncoding

next_tick = _loop.next_tick
# EventEmitter's methods that Readable extends, as module names (a class attribute
# is a dearer load than a global on CPython 3.11).
_on = EventEmitter.on
_removeListener = EventEmitter.removeListener
_BUF_TYPES = (bytes, bytearray, memoryview)


class ReadableState:
    """Node's ``ReadableState``: the Readable side's bookkeeping (Node's field names)."""

    __slots__ = (
        "objectMode", "highWaterMark", "buffer", "length", "pipes", "flowing", "ended",
        "endEmitted", "reading", "sync", "needReadable", "emittedReadable",
        "readableListening", "resumeScheduled", "paused", "emitClose", "autoDestroy",
        "destroyed", "defaultEncoding", "awaitDrain", "readingMore", "decoder", "encoding",
    )

    def __init__(self, options: dict | None = None, stream: Any = None,
                 isDuplex: bool | None = None) -> None:
        if isDuplex is None:
            from .duplex import Duplex  # Node: lazily required (a cycle)
            isDuplex = isinstance(stream, Duplex)
        self.buffer: deque = deque()
        self.length = 0
        self.pipes: list = []
        self.flowing: bool | None = None
        self.ended = False
        self.endEmitted = False
        self.reading = False
        self.sync = True
        self.needReadable = False
        self.emittedReadable = False
        self.readableListening = False
        self.resumeScheduled = False
        self.paused = True
        self.destroyed = False
        self.awaitDrain = 0
        self.readingMore = False
        if not options:
            self.objectMode = False
            self.highWaterMark = 16384
            self.emitClose = True
            self.autoDestroy = False
            self.defaultEncoding = "utf8"
            self.decoder = None
            self.encoding = None
            return
        om = bool(options.get("objectMode"))
        if isDuplex:
            om = om or bool(options.get("readableObjectMode"))
        self.objectMode = om
        self.highWaterMark = _get_hwm(options, "readableHighWaterMark", isDuplex, om)
        self.emitClose = options.get("emitClose") is not False
        self.autoDestroy = bool(options.get("autoDestroy"))
        self.defaultEncoding = options.get("defaultEncoding") or "utf8"
        enc = options.get("encoding")
        if enc:
            self.decoder = StringDecoder(enc)
            self.encoding = self.decoder.encoding
        else:
            self.decoder = None
            self.encoding = None

    @property
    def pipesCount(self) -> int:
        """How many destinations are piped to."""
        return len(self.pipes)


class Readable(Stream):
    """Node's ``stream.Readable``.

    Subclasses implement ``_read(size)`` and call ``push(chunk)``; ``push(None)``
    signals EOF.  Options: highWaterMark, encoding, objectMode, read, destroy,
    emitClose, autoDestroy.
    """

    #: Private names a subclass in another module may use on ``self`` (Node's
    #: net.Socket and IncomingMessage drive their own stream state); read
    #: only by tools/check_private_names.py.
    _protected = ("_readableState", "_undestroy")
    _isDuplex = False

    def __init__(self, options: dict | None = None) -> None:
        self._readableState = ReadableState(options, self, self._isDuplex)
        self.readable = True
        if options:
            fn = options.get("read")
            if callable(fn):
                self._read = _hook(fn, 1)
            fn = options.get("destroy")
            if callable(fn):
                self._destroy = _hook(fn, 2)
        EventEmitter.__init__(self)

    # -- destroy ---------------------------------------------------------------

    destroy = _destroy_impl
    _undestroy = _undestroy_impl

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        """Node's default ``_destroy``: ``cb(err)``."""
        cb(err)

    @property
    def destroyed(self) -> bool:
        """Whether ``destroy()`` was called."""
        return self._readableState.destroyed

    @destroyed.setter
    def destroyed(self, value: bool) -> None:
        self._readableState.destroyed = value

    # -- push side --------------------------------------------------------------

    def push(self, chunk: Any, encoding: str | None = None) -> bool:
        """Add ``chunk`` to the read queue (``None``: EOF); False once past highWaterMark."""
        state = self._readableState
        if (chunk.__class__ is bytes and chunk and state.flowing and not state.length
                and not (state.sync or state.ended or state.destroyed or state.objectMode)
                and state.decoder is None):
            # The common case, Node's readableAddChunk + addChunk inlined: a
            # Buffer pushed into a flowing stream with nothing buffered is
            # emitted as 'data' right away.
            state.reading = False
            state.awaitDrain = 0
            self.emit("data", chunk)
            if not state.readingMore:
                state.readingMore = True
                next_tick(_maybe_read_more_, self, state)
            return not state.ended and (state.length < state.highWaterMark or state.length == 0)
        if not state.objectMode:
            if chunk.__class__ is str:
                enc = encoding or state.defaultEncoding
                encoding = _normalize_encoding(enc)
                if encoding is None:
                    raise _unknown_encoding(enc)
                if encoding != state.encoding:
                    chunk = _to_bytes(chunk, encoding)
                    encoding = ""
                return _readable_add_chunk(self, state, chunk, encoding, False, True)
            return _readable_add_chunk(self, state, chunk, encoding, False, False)
        return _readable_add_chunk(self, state, chunk, encoding, False, True)

    def unshift(self, chunk: Any) -> bool:
        """Put ``chunk`` back at the front of the read queue."""
        return _readable_add_chunk(self, self._readableState, chunk, None, True, False)

    def isPaused(self) -> bool:
        """True after ``pause()`` (flowing is explicitly False)."""
        return self._readableState.flowing is False

    def setEncoding(self, enc: BufferEncoding) -> Readable:
        """Decode chunks to ``str`` with ``enc`` (characters never split across chunks)."""
        state = self._readableState
        decoder = StringDecoder(enc)
        state.decoder = decoder
        state.encoding = decoder.encoding
        content = "".join(decoder.write(c) for c in state.buffer)
        state.buffer.clear()
        if content:
            state.buffer.append(content)
        state.length = len(content)
        return self

    # -- read side --------------------------------------------------------------

    def read(self, n: int | None = None) -> Any:
        """Node's ``read([size])``: take data from the buffer (None if not enough)."""
        state = self._readableState
        if n is not None:
            n = int(n)
        if state.ended and not state.length:
            # At EOF with nothing buffered every branch below does just this
            # (howMuchToRead is 0 before it looks at n): end on a tick.
            if n != 0:
                state.emittedReadable = False
            _end_readable(self)
            return None
        nOrig = n
        if n != 0:
            state.emittedReadable = False
        if n == 0 and state.needReadable and (
                (state.length >= state.highWaterMark if state.highWaterMark != 0
                 else state.length > 0) or state.ended):
            if state.length == 0 and state.ended:
                _end_readable(self)
            else:
                _emit_readable(self)
            return None
        n = _how_much_to_read(n, state)
        if n == 0 and state.ended:
            if state.length == 0:
                _end_readable(self)
            return None
        doRead = state.needReadable
        if state.length == 0 or state.length - n < state.highWaterMark:
            doRead = True
        if state.ended or state.reading:
            doRead = False
        elif doRead:
            state.reading = True
            state.sync = True
            if state.length == 0:
                state.needReadable = True
            self._read(state.highWaterMark)
            state.sync = False
            if not state.reading:
                n = _how_much_to_read(nOrig, state)
        ret = _from_list(n, state) if n > 0 else None
        if ret is None:
            state.needReadable = state.length <= state.highWaterMark
            n = 0
        else:
            state.length -= n
            state.awaitDrain = 0
        if state.length == 0:
            if not state.ended:
                state.needReadable = True
            if nOrig != n and state.ended:
                _end_readable(self)
        if ret is not None:
            self.emit("data", ret)
        return ret

    def _read(self, n: int) -> None:
        """Node's default ``_read``: ERR_METHOD_NOT_IMPLEMENTED."""
        _error_or_destroy(self, _err("ERR_METHOD_NOT_IMPLEMENTED",
                                     "The _read() method is not implemented"))

    # -- flowing mode -------------------------------------------------------------

    def on(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
           _ignored: Any = None) -> Any:
        """Node's ``Readable.prototype.on``: EventEmitter's, then a ``'data'``
        listener resumes the stream unless it was paused explicitly, and a
        ``'readable'`` listener switches it to paused mode.  (``once`` comes
        through here; ``prependListener`` does not, as in Node.)"""
        if listener is None:  # the decorator form: it calls back into this
            return _on(self, event)
        _on(self, event, listener)
        if event == "data":
            state = self._readableState
            state.readableListening = "readable" in self._events
            if state.flowing is not False:
                self.resume()
        elif event == "readable":
            state = self._readableState
            if not state.endEmitted and not state.readableListening:
                state.readableListening = state.needReadable = True
                state.flowing = False
                state.emittedReadable = False
                if state.length:
                    _emit_readable(self)
                elif not state.reading:
                    next_tick(_n_reading_next_tick, self)
        return self

    addListener = on

    def removeListener(self, event: Any, listener: Callable, _ignored: Any = None) -> Readable:
        """EventEmitter's, plus Node's re-check of 'readable' listeners on the next tick."""
        _removeListener(self, event, listener)
        if event == "readable":
            next_tick(_update_readable_listening, self)
        return self

    off = removeListener

    def removeAllListeners(self, event: Any = None) -> Readable:
        """EventEmitter's, plus Node's re-check of 'readable' listeners on the next tick."""
        EventEmitter.removeAllListeners(self, event)
        if event == "readable" or event is None:
            next_tick(_update_readable_listening, self)
        return self

    def resume(self) -> Readable:
        """Switch to flowing mode: 'data' events start on the next tick."""
        state = self._readableState
        if not state.flowing:
            state.flowing = not state.readableListening
            if not state.resumeScheduled:
                state.resumeScheduled = True
                next_tick(_resume_, self, state)
        state.paused = False
        return self

    def pause(self) -> Readable:
        """Stop 'data' events; data accumulates in the buffer."""
        state = self._readableState
        if state.flowing is not False:
            state.flowing = False
            self.emit("pause")
        state.paused = True
        return self

    # -- pipe -----------------------------------------------------------------------

    def pipe(self, dest: Any, pipeOpts: dict | None = None) -> Any:
        """Write every chunk into ``dest`` honouring back-pressure; end it at 'end'
        unless ``{'end': False}``.  Returns ``dest``."""
        return _pipe_module._pipe(self, dest, pipeOpts)

    def unpipe(self, dest: Any = None) -> Readable:
        """Stop piping to ``dest`` (or to every destination)."""
        state = self._readableState
        pipes = state.pipes
        if not pipes:
            return self
        if dest is None:
            dests = pipes[:]
            pipes.clear()
            state.flowing = False
            for d in dests:
                d.emit("unpipe", self, {"hasUnpiped": False})
            return self
        try:
            pipes.remove(dest)
        except ValueError:
            return self
        if not pipes:
            state.flowing = False
        dest.emit("unpipe", self, {"hasUnpiped": False})
        return self

    def wrap(self, stream: Any) -> Readable:
        """Node's ``wrap(oldStream)``: adopt a legacy 'data'/'end' stream."""
        state = self._readableState
        paused = False

        def onend() -> None:
            if state.decoder is not None and not state.ended:
                chunk = state.decoder.end()
                if chunk:
                    self.push(chunk)
            self.push(None)

        def ondata(chunk: Any) -> None:
            nonlocal paused
            if state.decoder is not None:
                chunk = state.decoder.write(chunk)
            if state.objectMode and chunk is None:
                return
            if not state.objectMode and not chunk:
                return
            if not self.push(chunk):
                paused = True
                stream.pause()

        def _read(n: int) -> None:
            nonlocal paused
            if paused:
                paused = False
                stream.resume()

        stream.on("end", onend)
        stream.on("data", ondata)
        for ev in ("error", "close", "destroy", "pause", "resume"):
            stream.on(ev, partial(self.emit, ev))
        self._read = _read
        return self

    # -- properties -------------------------------------------------------------------

    @property
    def readableHighWaterMark(self) -> int:
        """The Readable side's highWaterMark."""
        return self._readableState.highWaterMark

    @property
    def readableLength(self) -> int:
        """Bytes (or objects) waiting in the read buffer."""
        return self._readableState.length

    @property
    def readableBuffer(self) -> deque:
        """The read buffer (a deque of chunks)."""
        return self._readableState.buffer

    @property
    def readableFlowing(self) -> bool | None:
        """None (no mechanism yet), True (flowing) or False (paused)."""
        return self._readableState.flowing

    @readableFlowing.setter
    def readableFlowing(self, value: bool | None) -> None:
        self._readableState.flowing = value

    @property
    def readableEnded(self) -> bool:
        """True once 'end' was emitted."""
        return self._readableState.endEmitted

    @property
    def readableObjectMode(self) -> bool:
        """Whether the Readable side is in objectMode."""
        return self._readableState.objectMode

    @property
    def readableEncoding(self) -> str | None:
        """The encoding set by ``setEncoding``/options, else None."""
        return self._readableState.encoding

    # -- async iteration (Python bonus) ----------------------------------------------

    def __aiter__(self) -> _ReadableAsyncIterator:
        from .async_iterator import _ReadableAsyncIterator  # Node: lazily required
        return _ReadableAsyncIterator(self)

    @classmethod
    def from_(cls, iterable: Any, opts: dict | None = None) -> Readable:
        """Node's ``Readable.from(iterable)`` (objectMode by default)."""
        o = {"objectMode": True}
        if opts:
            o.update(opts)
        it = iter(iterable)
        r: Readable

        def _read(n: int) -> None:
            for item in it:
                if not r.push(item.encode() if isinstance(item, str) and not r._readableState
                              .objectMode else item):
                    return
            r.push(None)

        o["read"] = _read
        r = cls(o)
        return r


def _readable_add_chunk(stream: Readable, state: ReadableState, chunk: Any, encoding: Any,
                        addToFront: bool, skipChunkCheck: bool) -> bool:
    if chunk is None:
        state.reading = False
        _on_eof_chunk(stream, state)
    else:
        er = None
        if not skipChunkCheck:
            cls = chunk.__class__
            if cls is bytes:
                pass
            elif cls is bytearray or cls is memoryview or isinstance(chunk, _BUF_TYPES):
                chunk = bytes(chunk)
            elif cls is not str and not state.objectMode:
                er = _invalid_chunk(chunk, "string, Buffer, or Uint8Array")
        if er is not None:
            _error_or_destroy(stream, er)
        elif state.objectMode or len(chunk) > 0:
            if addToFront:
                if state.endEmitted:
                    _error_or_destroy(stream, _err("ERR_STREAM_UNSHIFT_AFTER_END_EVENT",
                                                   "stream.unshift() after end event"))
                else:
                    _add_chunk(stream, state, chunk, True)
            elif state.ended:
                _error_or_destroy(stream, _err("ERR_STREAM_PUSH_AFTER_EOF",
                                               "stream.push() after EOF"))
            elif state.destroyed:
                return False
            else:
                state.reading = False
                if state.decoder is not None and not encoding:
                    chunk = state.decoder.write(chunk)
                    if state.objectMode or len(chunk) != 0:
                        _add_chunk(stream, state, chunk, False)
                    else:
                        _maybe_read_more(stream, state)
                else:
                    _add_chunk(stream, state, chunk, False)
        elif not addToFront:
            state.reading = False
            _maybe_read_more(stream, state)
    return not state.ended and (state.length < state.highWaterMark or state.length == 0)


def _add_chunk(stream: Readable, state: ReadableState, chunk: Any, addToFront: bool) -> None:
    if state.flowing and state.length == 0 and not state.sync:
        state.awaitDrain = 0
        stream.emit("data", chunk)
    else:
        state.length += 1 if state.objectMode else len(chunk)
        if addToFront:
            state.buffer.appendleft(chunk)
        else:
            state.buffer.append(chunk)
        if state.needReadable:
            _emit_readable(stream)
    if not state.readingMore:
        state.readingMore = True
        next_tick(_maybe_read_more_, stream, state)


_MAX_HWM = 0x40000000


def _compute_new_hwm(n: int) -> int:
    if n >= _MAX_HWM:
        return _MAX_HWM
    return 1 << (n - 1).bit_length() if n > 1 else 1


def _how_much_to_read(n: int | None, state: ReadableState) -> int:
    if (n is not None and n <= 0) or (state.length == 0 and state.ended):
        return 0
    if state.objectMode:
        return 1
    if n is None:
        if state.flowing and state.length:
            return len(state.buffer[0])
        return state.length
    if n > state.highWaterMark:
        state.highWaterMark = _compute_new_hwm(n)
    if n <= state.length:
        return n
    if not state.ended:
        state.needReadable = True
        return 0
    return state.length


def _from_list(n: int, state: ReadableState) -> Any:
    if state.length == 0:
        return None
    buf = state.buffer
    if state.objectMode:
        return buf.popleft()
    if n >= state.length:
        if len(buf) == 1:
            ret = buf[0]
        elif state.decoder is not None:
            ret = "".join(buf)
        else:
            ret = b"".join(buf)
        buf.clear()
        return ret
    # consume n bytes/characters from the front
    first = buf[0]
    if n < len(first):
        buf[0] = first[n:]
        return first[:n]
    if n == len(first):
        return buf.popleft()
    parts = []
    while n > 0:
        c = buf[0]
        if len(c) <= n:
            parts.append(buf.popleft())
            n -= len(c)
        else:
            parts.append(c[:n])
            buf[0] = c[n:]
            n = 0
    return ("" if isinstance(first, str) else b"").join(parts)


def _on_eof_chunk(stream: Readable, state: ReadableState) -> None:
    if state.ended:
        return
    if state.decoder is not None:
        chunk = state.decoder.end()
        if chunk:
            state.buffer.append(chunk)
            state.length += 1 if state.objectMode else len(chunk)
    state.ended = True
    if state.sync:
        _emit_readable(stream)
    else:
        state.needReadable = False
        if not state.emittedReadable:
            state.emittedReadable = True
            _emit_readable_(stream)


def _emit_readable(stream: Readable) -> None:
    state = stream._readableState
    state.needReadable = False
    if not state.emittedReadable:
        state.emittedReadable = True
        next_tick(_emit_readable_, stream)


def _emit_readable_(stream: Readable) -> None:
    state = stream._readableState
    if not state.destroyed and (state.length or state.ended):
        stream.emit("readable")
        state.emittedReadable = False
    state.needReadable = (not state.flowing and not state.ended
                          and state.length <= state.highWaterMark)
    _flow(stream)


def _maybe_read_more(stream: Readable, state: ReadableState) -> None:
    if not state.readingMore:
        state.readingMore = True
        next_tick(_maybe_read_more_, stream, state)


def _maybe_read_more_(stream: Readable, state: ReadableState) -> None:
    while not state.reading and not state.ended and (
            state.length < state.highWaterMark or (state.flowing and state.length == 0)):
        ln = state.length
        stream.read(0)
        if ln == state.length:
            break
    state.readingMore = False


def _update_readable_listening(self: Readable) -> None:
    state = self._readableState
    state.readableListening = self.listenerCount("readable") > 0
    if state.resumeScheduled and not state.paused:
        state.flowing = True
    elif self.listenerCount("data") > 0:
        self.resume()


def _n_reading_next_tick(self: Readable) -> None:
    self.read(0)


def _resume_(stream: Readable, state: ReadableState) -> None:
    if not state.reading:
        stream.read(0)
    state.resumeScheduled = False
    stream.emit("resume")
    _flow(stream)
    if state.flowing and not state.reading:
        stream.read(0)


def _flow(stream: Readable) -> None:
    state = stream._readableState
    read = stream.read
    while state.flowing and read() is not None:
        pass


def _end_readable(stream: Readable) -> None:
    state = stream._readableState
    if not state.endEmitted:
        state.ended = True
        next_tick(_end_readable_nt, state, stream)


def _end_readable_nt(state: ReadableState, stream: Readable) -> None:
    if not state.endEmitted and state.length == 0:
        state.endEmitted = True
        stream.readable = False
        stream.emit("end")
        if state.autoDestroy:
            w = stream.__dict__.get("_writableState")
            if w is None or (w.autoDestroy and w.finished):
                stream.destroy()


# Node's pipe() lives in its own module (size); it uses _flow above, so it is
# imported last (a module import, read when pipe() runs: either import order works).
from . import pipe as _pipe_module  # noqa: E402
