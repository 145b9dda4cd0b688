"""Node's ``zlib`` module (Node 10's ``lib/zlib.js``), over Python's ``zlib``.

Streams: ``createGzip``/``createGunzip``/``createDeflate``/``createInflate``/
``createDeflateRaw``/``createInflateRaw``/``createUnzip`` return Transform
streams (``nodehttp.stream.Transform``) that pipe into and out of http
messages.  Convenience calls: ``gzip``/``gunzip``/``deflate``/``inflate``/
``deflateRaw``/``inflateRaw``/``unzip`` with a callback ``(err, result)``,
and their ``...Sync`` forms.  ``zlib.constants`` is Node's table (a dict),
and the legacy top-level ``Z_*`` names are module constants.

Invariants (Node's):

* output is pushed in pieces that never cross a ``chunkSize`` boundary of
  Node's output buffer (default 16 KiB): a piece ends where zlib stopped
  writing or where the buffer filled, so the ``'data'`` events have Node's
  sizes;
* the last written chunk (``end(data)``) and the final flush use
  ``finishFlush`` (default ``Z_FINISH``); ``flush()`` writes an empty chunk
  with ``Z_FULL_FLUSH`` (or the kind given);
* a zlib failure emits ``'error'`` once with Node's message
  (``incorrect header check``, ``unexpected end of file``), ``errno``
  (``-3``, ``-5``) and ``code`` (``Z_DATA_ERROR``, ``Z_BUF_ERROR``), and the
  stream stops (no ``'end'``, no ``'close'``), as in Node 10;
* a gzip stream with several members decodes all of them; trailing zero
  bytes end it, other trailing bytes are a new (bad) member;
* ``bytesWritten`` counts the input bytes zlib consumed (``bytesRead`` is
  Node 10's deprecated alias).

Differences: Node hands each chunk to libuv's threadpool; here the chunk is
(de)compressed on the loop thread and its output pushed on the next loop
iteration (``call_soon``, where the threadpool's completion would run), so
callbacks and events keep Node's order after nextTicks.  ``params()`` is not
provided (Python's ``zlib`` cannot change the level of a running stream);
Brotli (``createBrotliCompress``, Node 10.16+) and dictionaries are not
ported.
"""

from __future__ import annotations

import re
import zlib as _zlib
from typing import Any, Callable

from . import loop
from .errors import NodeError, invalid_arg_type, node_error
from .events import invoke
from .stream import Transform
from .util import format_number

__all__ = [
    "constants", "codes", "Zlib", "Deflate", "Inflate", "Gzip", "Gunzip", "DeflateRaw",
    "InflateRaw", "Unzip", "createDeflate", "createInflate", "createGzip", "createGunzip",
    "createDeflateRaw", "createInflateRaw", "createUnzip", "deflate", "deflateSync", "inflate",
    "inflateSync", "gzip", "gzipSync", "gunzip", "gunzipSync", "deflateRaw", "deflateRawSync",
    "inflateRaw", "inflateRawSync", "unzip", "unzipSync",
]

#: Node 10's ``zlib.constants`` (the zlib part; Brotli's are not ported).
constants: dict[str, Any] = {
    "Z_NO_FLUSH": 0, "Z_PARTIAL_FLUSH": 1, "Z_SYNC_FLUSH": 2, "Z_FULL_FLUSH": 3,
    "Z_FINISH": 4, "Z_BLOCK": 5, "Z_OK": 0, "Z_STREAM_END": 1, "Z_NEED_DICT": 2,
    "Z_ERRNO": -1, "Z_STREAM_ERROR": -2, "Z_DATA_ERROR": -3, "Z_MEM_ERROR": -4,
    "Z_BUF_ERROR": -5, "Z_VERSION_ERROR": -6, "Z_NO_COMPRESSION": 0, "Z_BEST_SPEED": 1,
    "Z_BEST_COMPRESSION": 9, "Z_DEFAULT_COMPRESSION": -1, "Z_FILTERED": 1,
    "Z_HUFFMAN_ONLY": 2, "Z_RLE": 3, "Z_FIXED": 4, "Z_DEFAULT_STRATEGY": 0,
    "ZLIB_VERNUM": 4784, "DEFLATE": 1, "INFLATE": 2, "GZIP": 3, "GUNZIP": 4,
    "DEFLATERAW": 5, "INFLATERAW": 6, "UNZIP": 7, "Z_MIN_WINDOWBITS": 8,
    "Z_MAX_WINDOWBITS": 15, "Z_DEFAULT_WINDOWBITS": 15, "Z_MIN_CHUNK": 64,
    "Z_MAX_CHUNK": float("inf"), "Z_DEFAULT_CHUNK": 16384, "Z_MIN_MEMLEVEL": 1,
    "Z_MAX_MEMLEVEL": 9, "Z_DEFAULT_MEMLEVEL": 8, "Z_MIN_LEVEL": -1, "Z_MAX_LEVEL": 9,
    "Z_DEFAULT_LEVEL": -1,
}

#: ``zlib.codes``: result names to numbers and numbers to names.
codes: dict[Any, Any] = {}
for _name in ("Z_OK", "Z_STREAM_END", "Z_NEED_DICT", "Z_ERRNO", "Z_STREAM_ERROR",
              "Z_DATA_ERROR", "Z_MEM_ERROR", "Z_BUF_ERROR", "Z_VERSION_ERROR"):
    codes[_name] = constants[_name]
    codes[constants[_name]] = _name

# The legacy top-level names (zlib.Z_SYNC_FLUSH, zlib.Z_BEST_COMPRESSION, ...).
globals().update(constants)

_DEFLATE, _INFLATE, _GZIP, _GUNZIP, _DEFLATERAW, _INFLATERAW, _UNZIP = range(1, 8)
_Z_NO_FLUSH, _Z_SYNC_FLUSH, _Z_FULL_FLUSH, _Z_FINISH = 0, 2, 3, 4
_ZERR = re.compile(r"Error (-?\d+) while \w+ data(?:: (.*))?$")


# -- option checks (Node 10's checkRangesOrGetDefault) --------------------------------------


def _option(opts: dict, name: str, lower: float, upper: float, default: Any) -> Any:
    value = opts.get(name)
    if value is None or (isinstance(value, float) and value != value):
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_arg_type(f"options.{name}", "number", value)
    if not lower <= value <= upper:
        rng = f">= {lower}" if upper == float("inf") else f">= {lower} and <= {upper}"
        raise node_error("ERR_OUT_OF_RANGE", f'The value of "options.{name}" is out of range. '
                         f"It must be {rng}. Received {format_number(value)}", "RangeError")
    return int(value)


def _zlib_error(message: str, errno: int) -> NodeError:
    """Node's zlib error: ``Error`` with ``errno`` and ``code`` from ``zlib.codes``."""
    return NodeError(message, codes.get(errno), errno=errno)


def _from_python(exc: _zlib.error) -> NodeError:
    m = _ZERR.match(str(exc))
    if m is None:  # pragma: no cover - Python's message format
        return _zlib_error(str(exc), -2)
    return _zlib_error(m.group(2) or "Zlib error", int(m.group(1)))


# -- the engine: one zlib stream, fed chunk by chunk ------------------------------------------


class _Engine:
    """A Python zlib object in Node's mode; ``write(data, flush)`` returns the
    output bytes and whether the input ended the stream early."""

    def __init__(self, mode: int, level: int, window_bits: int, mem_level: int,
                 strategy: int) -> None:
        self.mode = mode
        self.window_bits = window_bits
        self.finished = False
        self.member_start = True
        if mode in (_DEFLATE, _GZIP, _DEFLATERAW):
            wbits = {_DEFLATE: window_bits, _GZIP: 16 + window_bits,
                     _DEFLATERAW: -window_bits}[mode]
            self.obj: Any = _zlib.compressobj(level, _zlib.DEFLATED, wbits, mem_level, strategy)
        else:
            self.obj = self._decompressor()

    def _decompressor(self) -> Any:
        wbits = {_INFLATE: self.window_bits, _GUNZIP: 16 + self.window_bits,
                 _INFLATERAW: -self.window_bits, _UNZIP: 32 + self.window_bits}[self.mode]
        return _zlib.decompressobj(wbits)

    def write(self, data: bytes, flush: int) -> tuple[bytes, bool]:
        if self.mode in (_DEFLATE, _GZIP, _DEFLATERAW):
            return self._deflate(data, flush), False
        return self._inflate(data, flush)

    def _deflate(self, data: bytes, flush: int) -> bytes:
        if self.finished:
            return b""
        try:
            out = self.obj.compress(data) if data else b""
            if flush != _Z_NO_FLUSH:
                out += self.obj.flush(flush)
                if flush == _Z_FINISH:
                    self.finished = True
        except _zlib.error as exc:
            raise _from_python(exc) from None
        return out

    def _inflate(self, data: bytes, flush: int) -> tuple[bytes, bool]:
        out = []
        d = self.obj
        try:
            if data and not d.eof:
                if self.mode == _UNZIP and self.member_start and data[:1] == b"\x1f":
                    self.mode = _GUNZIP  # Node's Unzip becomes Gunzip on gzip's magic
                self.member_start = False
                out.append(d.decompress(data))
            # More gzip members after this one (Node: not after trailing zero bytes).
            while d.eof and d.unused_data and self.mode == _GUNZIP and d.unused_data[0] != 0:
                rest = d.unused_data
                d = self.obj = self._decompressor()
                out.append(d.decompress(rest))
        except _zlib.error as exc:
            raise _from_python(exc) from None
        if flush == _Z_FINISH and not d.eof:
            raise _zlib_error("unexpected end of file", -5)
        return b"".join(out), bool(d.eof and d.unused_data)


# -- the stream -----------------------------------------------------------------------------


class Zlib(Transform):
    """Node's ``Zlib`` base: the Transform every zlib stream class extends.

    Options: ``flush``, ``finishFlush``, ``chunkSize``, ``windowBits``,
    ``level``, ``memLevel``, ``strategy`` (checked as Node 10 checks them).
    """

    _mode = _DEFLATE

    def __init__(self, opts: dict | None = None) -> None:
        opts = dict(opts or {})
        self._chunkSize = _option(opts, "chunkSize", 64, float("inf"), 16384)
        self._flushFlag = _option(opts, "flush", 0, 5, _Z_NO_FLUSH)
        self._origFlushFlag = self._flushFlag
        self._finishFlushFlag = _option(opts, "finishFlush", 0, 5, _Z_FINISH)
        window_bits = _option(opts, "windowBits", 8, 15, 15)
        level = _option(opts, "level", -1, 9, -1)
        mem_level = _option(opts, "memLevel", 1, 9, 8)
        strategy = _option(opts, "strategy", 0, 4, 0)
        if self._mode in (_DEFLATE, _GZIP, _DEFLATERAW) and window_bits == 8:
            window_bits = 9  # zlib >= 1.2.9 does the same for a deflate stream
        self._engine = _Engine(self._mode, level, window_bits, mem_level, strategy)
        self._outOffset = 0
        self._zlibFailed = False
        self._closed = False
        self.bytesWritten = 0
        Transform.__init__(self, opts)
        self.once("end", self.close)

    @property
    def bytesRead(self) -> int:
        """Node 10's deprecated alias of ``bytesWritten``."""
        return self.bytesWritten

    def _pieces(self, out: bytes) -> list[bytes]:
        """Cut ``out`` where Node's ``chunkSize`` output buffer would have filled."""
        pieces = []
        size = self._chunkSize
        pos = 0
        while pos < len(out):
            n = min(size - self._outOffset, len(out) - pos)
            pieces.append(out[pos:pos + n])
            pos += n
            self._outOffset += n
            if self._outOffset >= size:
                self._outOffset = 0
        return pieces

    def _process(self, chunk: bytes, flush: int) -> tuple[list[bytes], bool]:
        out, ended_early = self._engine.write(chunk, flush)
        self.bytesWritten += len(chunk)
        return self._pieces(out), ended_early

    def _transform(self, chunk: Any, encoding: str, cb: Callable) -> None:
        ws = self._writableState
        if (ws.ending or ws.ended) and ws.length == len(chunk):
            flush = self._finishFlushFlag
        else:
            flush = self._flushFlag
            if len(chunk) >= ws.length:
                self._flushFlag = self._origFlushFlag
        if self._closed:
            cb(node_error("ERR_ZLIB_BINDING_CLOSED", "zlib binding closed"))
            return
        # The chunk is in flight until the next loop iteration: it keeps the
        # process alive, as Node's threadpool request does.
        loop.ref()
        try:
            pieces, ended_early = self._process(bytes(chunk), flush)
        except NodeError as err:
            loop.call_soon(self._onerror, err)
            return
        loop.get_loop().call_soon(loop.entry, self._after, pieces, ended_early, cb)

    def _after(self, pieces: list[bytes], ended_early: bool, cb: Callable) -> None:
        loop.unref()
        if self._zlibFailed or self.destroyed:
            return
        for piece in pieces:
            self.push(piece)
        if ended_early:
            self.push(None)
        cb()

    def _onerror(self, err: NodeError) -> None:
        loop.unref()
        if self._zlibFailed or self.destroyed:
            return
        self._closed = True
        self._zlibFailed = True
        self.emit("error", err)

    def _flush(self, callback: Callable) -> None:
        self._transform(b"", "", callback)

    def flush(self, kind: Any = None, callback: Callable | None = None) -> None:
        """``zlib.flush([kind, ]callback)``: flush pending output (``Z_FULL_FLUSH``)."""
        ws = self._writableState
        if callable(kind) or (kind is None and callback is None):
            callback, kind = kind, _Z_FULL_FLUSH
        if kind is None:
            kind = _Z_FULL_FLUSH
        if ws.ended:
            if callback is not None:
                loop.next_tick(callback)
        elif ws.ending:
            if callback is not None:
                self.once("end", callback)
        elif ws.needDrain:
            if callback is not None:
                self.once("drain", lambda: self.flush(kind, callback))
        else:
            self._flushFlag = kind
            self.write(b"", "", callback)

    def close(self, callback: Callable | None = None) -> None:
        """``zlib.close([callback])``: free the engine; ``'close'`` follows on nextTick."""
        if callback is not None:
            loop.next_tick(callback)
        if self._closed:
            return
        self._closed = True
        loop.next_tick(self.emit, "close")

    def _process_sync(self, data: bytes) -> bytes:
        """Node's ``processChunkSync``: the whole input with ``finishFlush``."""
        pieces, _ = self._process(data, self._finishFlushFlag)
        self._closed = True
        return b"".join(pieces)


class Deflate(Zlib):
    """``zlib.Deflate``: compress with the zlib wrapper."""
    _mode = _DEFLATE


class Inflate(Zlib):
    """``zlib.Inflate``: decompress a zlib-wrapped stream."""
    _mode = _INFLATE


class Gzip(Zlib):
    """``zlib.Gzip``: compress with the gzip wrapper."""
    _mode = _GZIP


class Gunzip(Zlib):
    """``zlib.Gunzip``: decompress gzip (all members)."""
    _mode = _GUNZIP


class DeflateRaw(Zlib):
    """``zlib.DeflateRaw``: compress with no wrapper."""
    _mode = _DEFLATERAW


class InflateRaw(Zlib):
    """``zlib.InflateRaw``: decompress a raw deflate stream."""
    _mode = _INFLATERAW


class Unzip(Zlib):
    """``zlib.Unzip``: decompress gzip or zlib, detected from the header."""
    _mode = _UNZIP


def createDeflate(options: dict | None = None) -> Deflate:
    """``zlib.createDeflate([options])``."""
    return Deflate(options)


def createInflate(options: dict | None = None) -> Inflate:
    """``zlib.createInflate([options])``."""
    return Inflate(options)


def createGzip(options: dict | None = None) -> Gzip:
    """``zlib.createGzip([options])``."""
    return Gzip(options)


def createGunzip(options: dict | None = None) -> Gunzip:
    """``zlib.createGunzip([options])``."""
    return Gunzip(options)


def createDeflateRaw(options: dict | None = None) -> DeflateRaw:
    """``zlib.createDeflateRaw([options])``."""
    return DeflateRaw(options)


def createInflateRaw(options: dict | None = None) -> InflateRaw:
    """``zlib.createInflateRaw([options])``."""
    return InflateRaw(options)


def createUnzip(options: dict | None = None) -> Unzip:
    """``zlib.createUnzip([options])``."""
    return Unzip(options)


# -- convenience calls ----------------------------------------------------------------------


def _input(buffer: Any) -> bytes:
    if isinstance(buffer, str):
        return buffer.encode("utf-8", "surrogatepass")
    if isinstance(buffer, (bytes, bytearray, memoryview)):
        return bytes(buffer)
    raise invalid_arg_type("buffer", ["string", "Buffer", "TypedArray", "DataView",
                                      "ArrayBuffer"], buffer)


def _zlib_buffer(engine: Zlib, buffer: Any, callback: Callable) -> None:
    """Node's ``zlibBuffer``: run ``buffer`` through the stream ``engine`` and
    call back ``(err, result)`` once it ends (or fails)."""
    data = _input(buffer)
    buffers: list[bytes] = []

    def onerror(err: BaseException) -> None:
        engine.removeListener("end", onend)
        engine.removeListener("readable", flow)
        invoke(callback, err, None)

    def flow() -> None:
        while True:
            chunk = engine.read()
            if chunk is None:
                return
            buffers.append(chunk)

    def onend() -> None:
        invoke(callback, None, b"".join(buffers))
        engine.close()

    engine.on("error", onerror)
    engine.on("end", onend)
    engine.on("readable", flow)
    engine.end(data)


def _make(cls: type, name: str) -> tuple[Callable, Callable]:
    def convenience(buffer: Any, opts: Any = None, callback: Callable | None = None) -> None:
        if callable(opts):
            opts, callback = None, opts
        if not callable(callback):
            raise node_error("ERR_INVALID_CALLBACK", "Callback must be a function", "TypeError")
        _zlib_buffer(cls(opts), buffer, callback)

    def sync(buffer: Any, opts: dict | None = None) -> bytes:
        data = _input(buffer)
        return cls(opts)._process_sync(data)

    convenience.__name__, sync.__name__ = name, name + "Sync"
    convenience.__doc__ = f"``zlib.{name}(buffer[, options], callback)``: ``callback(err, result)``."
    sync.__doc__ = f"``zlib.{name}Sync(buffer[, options])``: the result, or raises Node's error."
    return convenience, sync


deflate, deflateSync = _make(Deflate, "deflate")
inflate, inflateSync = _make(Inflate, "inflate")
gzip, gzipSync = _make(Gzip, "gzip")
gunzip, gunzipSync = _make(Gunzip, "gunzip")
deflateRaw, deflateRawSync = _make(DeflateRaw, "deflateRaw")
inflateRaw, inflateRawSync = _make(InflateRaw, "inflateRaw")
unzip, unzipSync = _make(Unzip, "unzip")
