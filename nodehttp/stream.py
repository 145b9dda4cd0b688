"""Node's ``stream`` module: Readable, Writable, Duplex, Transform, PassThrough.

Invariant kept here: the state machines are Node v10's
``lib/_stream_readable.js`` / ``_stream_writable.js`` / ``_stream_duplex.js`` /
``_stream_transform.js`` / ``internal/streams/*`` ported function for
function, with Node's field names on ``_readableState`` / ``_writableState``
and Node's hooks (``_read``, ``_write``, ``_writev``, ``_final``,
``_destroy``, ``_transform``, ``_flush``), so that ``net.Socket`` and
``IncomingMessage`` port Node's code directly.  Every deferred step
(``'end'``, ``'readable'``, resume, write callbacks of synchronous writes,
``'close'`` after destroy) goes through ``process.nextTick`` exactly where Node
defers it, so event order matches Node's.

Differences (Python): chunks are ``bytes`` (Node's Buffer; ``bytearray`` and
``memoryview`` are copied to ``bytes``), ``str`` after ``setEncoding``.
Hook functions given as options (``{'read': fn}``) are called without
``this``: close over the stream instead (``r = Readable({'read': lambda n:
r.push(None)})``), and may declare fewer parameters than Node passes.  User
callbacks (write/end/destroy/pipeline/finished) may too.  A Readable is an
async iterator (``async for chunk in readable``).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import codecs
from collections import deque
from functools import partial
from typing import Any, Callable

from . import loop as _loop
from .errors import NodeError, js_typeof, node_error
from .events import EventEmitter, _arity, invoke

__all__ = [
    "Stream", "Readable", "Writable", "Duplex", "Transform", "PassThrough",
    "pipeline", "finished", "ReadableState", "WritableState",
]

next_tick = _loop.next_tick
_ticks = _loop.ticks
_BUF_TYPES = (bytes, bytearray, memoryview)

# -- errors (Node's internal/errors.js codes used by streams) -------------------


def _err(code: str, message: str, kind: str = "Error") -> NodeError:
    return node_error(code, message, kind)


def _invalid_chunk(chunk: Any, types: str) -> NodeError:
    return _err("ERR_INVALID_ARG_TYPE",
                f'The "chunk" argument must be one of type {types}. '
                f"Received type {js_typeof(chunk)}", "TypeError")


# -- encodings (Node's Buffer.from(str, enc) and StringDecoder) -------------------

_ENCODINGS = {
    "utf8": "utf8", "utf-8": "utf8", "latin1": "latin1", "binary": "latin1",
    "ascii": "ascii", "hex": "hex", "base64": "base64", "ucs2": "utf16le",
    "ucs-2": "utf16le", "utf16le": "utf16le", "utf-16le": "utf16le", "buffer": "buffer",
}


def _normalize_encoding(enc: Any) -> str | None:
    """Node's ``normalizeEncoding``: canonical name, or None if unknown."""
    if enc is None:
        return "utf8"
    if not isinstance(enc, str):
        return None
    return _ENCODINGS.get(enc.lower())


def _unknown_encoding(enc: Any) -> NodeError:
    return _err("ERR_UNKNOWN_ENCODING", f"Unknown encoding: {enc}", "TypeError")


def _to_bytes(s: str, enc: str | None) -> bytes:
    """Node's ``Buffer.from(string, encoding)``; ERR_UNKNOWN_ENCODING if unknown."""
    if enc == "utf8" or not enc:
        e = "utf8"
    else:
        e = _ENCODINGS.get(enc.lower()) if isinstance(enc, str) else None
        if e is None:
            raise _unknown_encoding(enc)
    if e == "utf8" or e == "buffer":
        return s.encode("utf-8", "surrogatepass")
    if e == "latin1" or e == "ascii":
        try:
            return s.encode("latin-1")
        except UnicodeEncodeError:
            return bytes(ord(c) & 0xFF for c in s)
    if e == "utf16le":
        return s.encode("utf-16-le", "surrogatepass")
    if e == "hex":
        n = 0
        while n + 1 < len(s) and s[n] in _HEX and s[n + 1] in _HEX:
            n += 2
        return bytes.fromhex(s[:n])
    # base64 (base64url characters too), lenient like Node
    t = "".join(c for c in s.replace("-", "+").replace("_", "/") if c.isalnum() or c in "+/")
    t += "=" * (-len(t) % 4)
    try:
        return base64.b64decode(t)
    except (binascii.Error, ValueError):  # pragma: no cover - defensive
        return b""


_HEX = frozenset("0123456789abcdefABCDEF")


class _HexDecoder:
    __slots__ = ()

    def decode(self, b: bytes, final: bool = False) -> str:
        return b.hex()


class _Base64Decoder:
    __slots__ = ("rest",)

    def __init__(self) -> None:
        self.rest = b""

    def decode(self, b: bytes, final: bool = False) -> str:
        data = self.rest + b
        if final:
            self.rest = b""
            return base64.b64encode(data).decode("ascii")
        cut = len(data) - len(data) % 3
        self.rest = data[cut:]
        return base64.b64encode(data[:cut]).decode("ascii")


class _AsciiDecoder:
    __slots__ = ()

    def decode(self, b: bytes, final: bool = False) -> str:
        return bytes(c & 0x7F for c in b).decode("ascii")


class StringDecoder:
    """Node's ``string_decoder.StringDecoder``: never splits a character."""

    __slots__ = ("encoding", "_dec")

    def __init__(self, encoding: str | None = "utf8") -> None:
        enc = _normalize_encoding(encoding)
        if enc is None or enc == "buffer":
            raise _unknown_encoding(encoding)
        self.encoding = enc
        if enc == "utf8":
            self._dec = codecs.getincrementaldecoder("utf-8")("replace")
        elif enc == "utf16le":
            self._dec = codecs.getincrementaldecoder("utf-16-le")("replace")
        elif enc == "latin1":
            self._dec = codecs.getincrementaldecoder("latin-1")()
        elif enc == "hex":
            self._dec = _HexDecoder()
        elif enc == "base64":
            self._dec = _Base64Decoder()
        else:
            self._dec = _AsciiDecoder()

    def write(self, buf: bytes) -> str:
        """Decode ``buf``, keeping an incomplete trailing character for later."""
        return self._dec.decode(buf, False)

    def end(self, buf: bytes | None = None) -> str:
        """Flush what is left (an incomplete character becomes U+FFFD)."""
        out = self._dec.decode(buf, False) if buf else ""
        return out + self._dec.decode(b"", True)


# -- helpers ----------------------------------------------------------------------


def _nop(*_: Any) -> None:
    return None


def _hook(fn: Callable, nargs: int) -> Callable:
    """An option hook (``{'read': fn}``) that may declare fewer args than Node passes."""
    n = _arity(fn)
    if n is None or n >= nargs:
        return fn
    return lambda *a: fn(*a[:n])


def _get_hwm(options: dict | None, duplex_key: str, is_duplex: bool, object_mode: bool) -> int:
    """Node's ``getHighWaterMark`` (internal/streams/state.js)."""
    if options:
        hwm = options.get("highWaterMark")
        if hwm is None and is_duplex:
            hwm = options.get(duplex_key)
        if hwm is not None:
            if isinstance(hwm, bool) or not isinstance(hwm, (int, float)) or hwm < 0 or (
                    isinstance(hwm, float) and not hwm.is_integer()):
                name = duplex_key if is_duplex else "highWaterMark"
                raise _err("ERR_INVALID_OPT_VALUE",
                           f'The value "{hwm}" is invalid for option "{name}"', "TypeError")
            return int(hwm)
    return 16 if object_mode else 16 * 1024


def _error_or_destroy(stream: Any, err: BaseException) -> None:
    """Node's ``errorOrDestroy``: destroy if autoDestroy, else emit 'error'."""
    r = stream.__dict__.get("_readableState")
    w = stream.__dict__.get("_writableState")
    if (r is not None and r.autoDestroy) or (w is not None and w.autoDestroy):
        stream.destroy(err)
    else:
        stream.emit("error", err)


# -- Stream (legacy) --------------------------------------------------------------


class Stream(EventEmitter):
    """Node's legacy ``Stream``: an EventEmitter with the old ``pipe``.

    ``OutgoingMessage`` inherits this in Node; Readable/Writable do too.
    """

    def pipe(self, dest: Any, options: dict | None = None) -> Any:
        """Legacy pipe (internal/streams/legacy.js): 'data' → write, pause on False."""
        source = self
        did_on_end = False

        def ondata(chunk: Any) -> None:
            if getattr(dest, "writable", False) and dest.write(chunk) is False and hasattr(
                    source, "pause"):
                source.pause()

        def ondrain() -> None:
            if getattr(source, "readable", False) and hasattr(source, "resume"):
                source.resume()

        def onend() -> None:
            nonlocal did_on_end
            if did_on_end:
                return
            did_on_end = True
            dest.end()

        def onclose() -> None:
            nonlocal did_on_end
            if did_on_end:
                return
            did_on_end = True
            if callable(getattr(dest, "destroy", None)):
                dest.destroy()

        def make_onerror(emitter: Any) -> Callable:
            def onerror(er: BaseException) -> None:
                cleanup()
                if emitter.listenerCount("error") == 0:
                    raise er  # Unhandled stream error in pipe.
            return onerror

        src_onerror = make_onerror(source)
        dest_onerror = make_onerror(dest)

        def cleanup() -> None:
            source.removeListener("data", ondata)
            dest.removeListener("drain", ondrain)
            source.removeListener("end", onend)
            source.removeListener("close", onclose)
            source.removeListener("error", src_onerror)
            dest.removeListener("error", dest_onerror)
            source.removeListener("end", cleanup)
            source.removeListener("close", cleanup)
            dest.removeListener("close", cleanup)

        source.on("data", ondata)
        dest.on("drain", ondrain)
        if not options or options.get("end") is not False:
            source.on("end", onend)
            source.on("close", onclose)
        source.on("error", src_onerror)
        dest.on("error", dest_onerror)
        source.on("end", cleanup)
        source.on("close", cleanup)
        dest.on("close", cleanup)
        dest.emit("pipe", source)
        return dest


# -- destroy (internal/streams/destroy.js) ------------------------------------------


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


# -- Readable -----------------------------------------------------------------------


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

    def setEncoding(self, enc: str) -> Readable:
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

    def _addListener(self, event: Any, listener: Callable, prepend: bool, raw: Callable) -> None:
        EventEmitter._addListener(self, event, listener, prepend, raw)
        if prepend:  # Node's prependListener bypasses Readable.prototype.on
            return
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

    def removeListener(self, event: Any, listener: Callable) -> Readable:
        """EventEmitter's, plus Node's re-check of 'readable' listeners on the next tick."""
        EventEmitter.removeListener(self, event, listener)
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
        return _pipe(self, dest, pipeOpts)

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


def _pipe(src: Readable, dest: Any, pipeOpts: dict | None) -> Any:
    """Node's ``Readable.prototype.pipe``."""
    state = src._readableState
    state.pipes.append(dest)
    doEnd = not pipeOpts or pipeOpts.get("end") is not False
    cleanedUp = False

    def onunpipe(readable: Any, unpipeInfo: Any = None) -> None:
        if readable is src:
            if unpipeInfo is not None and unpipeInfo.get("hasUnpiped") is False:
                unpipeInfo["hasUnpiped"] = True
                cleanup()

    def onend() -> None:
        dest.end()

    def unpipe() -> None:
        src.unpipe(dest)

    endFn = onend if doEnd else unpipe
    if state.endEmitted:
        next_tick(endFn)
    else:
        src.once("end", endFn)
    dest.on("unpipe", onunpipe)

    def ondrain() -> None:
        if state.awaitDrain:
            state.awaitDrain -= 1
        if state.awaitDrain == 0 and src.listenerCount("data"):
            state.flowing = True
            _flow(src)

    dest.on("drain", ondrain)

    def cleanup() -> None:
        nonlocal cleanedUp
        dest.removeListener("close", onclose)
        dest.removeListener("finish", onfinish)
        dest.removeListener("drain", ondrain)
        dest.removeListener("error", onerror)
        dest.removeListener("unpipe", onunpipe)
        src.removeListener("end", onend)
        src.removeListener("end", unpipe)
        src.removeListener("data", ondata)
        cleanedUp = True
        ws = getattr(dest, "_writableState", None)
        if state.awaitDrain and (ws is None or ws.needDrain):
            ondrain()

    def ondata(chunk: Any) -> None:
        ret = dest.write(chunk)
        if ret is False:
            if dest in state.pipes and not cleanedUp:
                state.awaitDrain += 1
            src.pause()

    src.on("data", ondata)

    def onerror(er: BaseException) -> None:
        unpipe()
        dest.removeListener("error", onerror)
        if dest.listenerCount("error") == 0:
            _error_or_destroy(dest, er)

    dest.prependListener("error", onerror)

    def onclose() -> None:
        dest.removeListener("finish", onfinish)
        unpipe()

    dest.once("close", onclose)

    def onfinish() -> None:
        dest.removeListener("close", onclose)
        unpipe()

    dest.once("finish", onfinish)
    dest.emit("pipe", src)
    if not state.flowing:
        src.resume()
    return dest


# -- Writable -----------------------------------------------------------------------


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
        if _loop._tick_scheduled:  # next_tick() inlined: the safety net is already queued
            _ticks.append((_after_write, (stream, state, finished, cb)))
        else:
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


# -- Duplex, Transform, PassThrough --------------------------------------------------


class Duplex(Readable, Writable):
    """Node's ``stream.Duplex``: a Readable and a Writable in one object.

    ``allowHalfOpen`` (default True): when False the writable side is ended
    once the readable side ends.  Options ``readable``/``writable`` False start
    that side closed.
    """

    _isDuplex = True
    allowHalfOpen = True

    def __init__(self, options: dict | None = None) -> None:
        self._readableState = ReadableState(options, self, True)
        self._writableState = WritableState(options, self, True)
        self.readable = True
        self.writable = True
        EventEmitter.__init__(self)
        if options:
            fn = options.get("read")
            if callable(fn):
                self._read = _hook(fn, 1)
            _writable_options(self, options)
            if options.get("readable") is False:
                self.readable = False
            if options.get("writable") is False:
                self.writable = False
            if options.get("allowHalfOpen") is False:
                self.allowHalfOpen = False
                self.once("end", self._onHalfOpenEnd)

    def _onHalfOpenEnd(self) -> None:
        if self._writableState.ended:
            return
        next_tick(self.end)

    destroy = _destroy_impl
    write = Writable.write
    end = Writable.end

    @property
    def destroyed(self) -> bool:  # type: ignore[override]
        """True when both sides are destroyed."""
        return self._readableState.destroyed and self._writableState.destroyed

    @destroyed.setter
    def destroyed(self, value: bool) -> None:
        self._readableState.destroyed = value
        self._writableState.destroyed = value


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


class PassThrough(Transform):
    """Node's ``stream.PassThrough``: a Transform that passes chunks through."""

    def _transform(self, chunk: Any, encoding: str, cb: Callable) -> None:
        cb(None, chunk)


# -- finished / pipeline ------------------------------------------------------------


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


# -- async iteration ----------------------------------------------------------------

_DONE = object()


class _ReadableAsyncIterator:
    """``async for chunk in readable`` (Node's ReadableStreamAsyncIterator).

    Reads in paused mode through 'readable'; ends at 'end' (or an early
    close); raises the stream's error.  ``aclose()`` destroys the stream.
    """

    __slots__ = ("stream", "error", "ended", "waiter")

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.error: BaseException | None = None
        self.ended = False
        self.waiter: asyncio.Future | None = None
        stream.on("readable", self._onreadable)
        stream.on("end", self._onend)
        stream.on("error", self._onerror)
        finished(stream, self._onfinished)

    def __aiter__(self) -> _ReadableAsyncIterator:
        return self

    def _wake(self, value: Any) -> None:
        w = self.waiter
        if w is not None:
            self.waiter = None
            if not w.done():
                if isinstance(value, BaseException):
                    w.set_exception(value)
                else:
                    w.set_result(value)

    def _onreadable(self) -> None:
        if self.waiter is not None:
            chunk = self.stream.read()
            if chunk is not None:
                self._wake(chunk)

    def _onend(self) -> None:
        self.ended = True
        self._wake(_DONE)

    def _onerror(self, err: BaseException) -> None:
        self.error = err
        self._wake(err)

    def _onfinished(self, err: BaseException | None = None) -> None:
        if err is not None and getattr(err, "code", None) != "ERR_STREAM_PREMATURE_CLOSE":
            self.error = err
            self._wake(err)
            return
        self.ended = True
        self._wake(_DONE)

    async def __anext__(self) -> Any:
        if self.error is not None:
            raise self.error
        if self.ended:
            raise StopAsyncIteration
        stream = self.stream
        if stream._readableState.endEmitted:
            raise StopAsyncIteration
        if stream.destroyed:
            # Node: settle on the next tick, after a pending 'error' of destroy(err).
            fut = asyncio.get_running_loop().create_future()
            self.waiter = fut
            next_tick(self._wake, _DONE)
            value = await fut
            if value is _DONE:
                raise StopAsyncIteration
            return value
        chunk = stream.read()
        if chunk is not None:
            return chunk
        if self.error is not None:  # read() may have errored synchronously
            raise self.error
        if self.ended:
            raise StopAsyncIteration
        fut = asyncio.get_running_loop().create_future()
        self.waiter = fut
        value = await fut
        if value is _DONE:
            raise StopAsyncIteration
        return value

    async def aclose(self) -> None:
        """Stop iterating: destroy the stream (Node's ``iterator.return()``)."""
        if not self.stream.destroyed:
            self.stream.destroy()
        self.ended = True


# Node's ``require('stream')`` is Stream itself with the classes on it.
Stream.Stream = Stream  # type: ignore[attr-defined]
Stream.Readable = Readable  # type: ignore[attr-defined]
Stream.Writable = Writable  # type: ignore[attr-defined]
Stream.Duplex = Duplex  # type: ignore[attr-defined]
Stream.Transform = Transform  # type: ignore[attr-defined]
Stream.PassThrough = PassThrough  # type: ignore[attr-defined]
Stream.pipeline = staticmethod(pipeline)  # type: ignore[attr-defined]
Stream.finished = staticmethod(finished)  # type: ignore[attr-defined]
setattr(Readable, "from", Readable.from_)  # Node's ``Readable.from`` (``from`` is a keyword)
