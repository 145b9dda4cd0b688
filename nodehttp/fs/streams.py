"""``fs.ReadStream`` and ``fs.WriteStream`` (Node 10's ``internal/fs/streams.js``).

Invariants kept here, as in Node 10:

* Both are the stream module's :class:`~nodehttp.stream.Readable` /
  :class:`~nodehttp.stream.Writable`, so ``pipe`` and back-pressure are the
  ordinary ones (``fs.createReadStream(f).pipe(res)`` flows like any pipe).
* The file is opened on the threadpool at construction (unless ``fd`` was
  given); ``'open'`` (fd) then ``'ready'`` follow; reads and writes wait for
  the open.  Each ``_read``/``_write`` is one threadpool request.
* ``emitClose`` is off: ``'close'`` is emitted by the stream itself once the
  descriptor is closed (after ``'end'``/``'finish'`` with ``autoClose``), so
  an ENOENT at open gives ``'error'`` and *no* ``'close'``; a read error
  (EISDIR) gives ``'error'`` then ``'close'``.
* ReadStream chunk sizes follow Node's shared read pool (a pool of
  ``highWaterMark`` bytes that concurrent streams carve reads from), so the
  ``'data'`` sizes are Node's — e.g. 64 KiB, 64 KiB, remainder.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from ..errors import RangeError, invalid_arg_type
from ..stream import Readable, Writable
from . import _binding, callbacks
from .._threadpool import submit
from ._utils import get_options

__all__ = ["ReadStream", "WriteStream", "createReadStream", "createWriteStream"]

kMinPoolSpace = 128


class _Pool:
    """Node's read pool, as bookkeeping only: each read gets its own bytes, but
    ``toRead`` is carved from a shared pool exactly as Node does, which is
    what decides the chunk sizes."""

    __slots__ = ("length", "used")

    def __init__(self, length: int) -> None:
        self.length = length
        self.used = 0


_pool: _Pool | None = None
_pool_fragments: list[_Pool] = []


def _alloc_new_pool(size: int) -> _Pool:
    global _pool
    _pool = _pool_fragments.pop() if _pool_fragments else _Pool(size)
    _pool.used = 0
    return _pool


def _number(value: Any, name: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_arg_type(name, "number", value)
    return value


def _js_num(v: Any) -> str:
    if isinstance(v, float):
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if v.is_integer():
            return str(int(v))
    return str(v)


def _close_fs_stream(stream: Any, cb: Callable, err: BaseException | None) -> None:
    def closed(er: BaseException | None = None) -> None:
        er = er or err
        cb(er)
        stream.closed = True
        if er is None:
            stream.emit("close")

    callbacks.close(stream.fd, closed)


def _destroy_fs_stream(stream: Any, err: BaseException | None, cb: Callable) -> None:
    if not isinstance(stream.fd, int):
        stream.once("open", lambda fd=None: _close_fs_stream(stream, cb, err))
        return
    _close_fs_stream(stream, cb, err)
    stream.fd = None


class ReadStream(Readable):
    """Node's ``fs.ReadStream`` (``fs.createReadStream(path[, options])``).

    Options: ``flags`` ('r'), ``encoding``, ``fd``, ``mode`` (0o666),
    ``autoClose`` (True), ``start``, ``end`` (inclusive), ``highWaterMark``
    (64 KiB).  Properties ``path``, ``fd``, ``bytesRead``, ``pending``.
    """

    def __init__(self, path: Any, options: Any = None) -> None:
        opts = get_options(options, {})
        if opts.get("highWaterMark") is None:
            opts["highWaterMark"] = 64 * 1024
        opts["emitClose"] = False  # Node 10: 'close' comes from the fd's close
        Readable.__init__(self, opts)
        self.path = path
        self.fd: int | None = opts.get("fd")
        self.flags = "r" if opts.get("flags") is None else opts["flags"]
        self.mode = 0o666 if opts.get("mode") is None else opts["mode"]
        self.start = opts.get("start")
        self.end = opts.get("end")
        self.autoClose = True if opts.get("autoClose") is None else opts["autoClose"]
        self.pos: int | None = None
        self.bytesRead = 0
        self.closed = False
        if self.start is not None:
            _number(self.start, "start")
            if self.end is None:
                self.end = math.inf
            else:
                _number(self.end, "end")
            if self.start > self.end:
                raise RangeError(
                    'The value of "start" is out of range. It must be <= "end". Received '
                    f"{{start: {_js_num(self.start)}, end: {_js_num(self.end)}}}",
                    "ERR_OUT_OF_RANGE")
            self.pos = int(self.start)
        if self.end is None:
            self.end = math.inf
        else:
            _number(self.end, "end")
        if not isinstance(self.fd, int):
            self.open()
        self.on("end", self._autoCloseOnEnd)

    def _autoCloseOnEnd(self) -> None:
        if self.autoClose:
            self.destroy()

    def open(self) -> None:
        """Open ``path`` (threadpool); then ``'open'`` (fd), ``'ready'`` and the first read."""
        def opened(er: BaseException | None, fd: int | None = None) -> None:
            if er is not None:
                if self.autoClose:
                    self.destroy()
                self.emit("error", er)
                return
            self.fd = fd
            self.emit("open", fd)
            self.emit("ready")
            self.read()

        callbacks.open(self.path, self.flags, self.mode, opened)

    def _read(self, n: int) -> None:
        if not isinstance(self.fd, int):
            self.once("open", lambda fd=None: self._read(n))
            return
        if self.destroyed:
            return
        pool = _pool
        if pool is None or pool.length - pool.used < kMinPoolSpace:
            pool = _alloc_new_pool(self.readableHighWaterMark)
        this_pool = pool
        to_read = min(pool.length - pool.used, n)
        start = pool.used
        if self.pos is not None:
            to_read = min(self.end - self.pos + 1, to_read)
        else:
            to_read = min(self.end - self.bytesRead + 1, to_read)
        if to_read <= 0:
            self.push(None)
            return
        to_read = int(to_read)

        def done(er: BaseException | None, data: bytes | None) -> None:
            if er is not None:
                if self.autoClose:
                    self.destroy()
                self.emit("error", er)
                return
            got = len(data)  # type: ignore[arg-type]
            # Rewind the pool if we can, else keep the unused reservation.
            if start + to_read == this_pool.used and this_pool is _pool:
                this_pool.used += got - to_read
            elif to_read - got > kMinPoolSpace:
                frag = _Pool(to_read - got)
                _pool_fragments.append(frag)
            if got > 0:
                self.bytesRead += got
                self.push(data)
            else:
                self.push(None)

        submit(_binding.read, (self.fd, to_read, self.pos), done)
        if self.pos is not None:
            self.pos += to_read
        pool.used += to_read

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        _destroy_fs_stream(self, err, cb)

    def close(self, cb: Callable | None = None) -> None:
        """Node's ``readStream.close([cb])``: destroy; ``cb`` runs once the fd is closed."""
        self.destroy(None, cb)

    @property
    def pending(self) -> bool:
        """True until the file is open (``fd`` is None)."""
        return self.fd is None


class WriteStream(Writable):
    """Node's ``fs.WriteStream`` (``fs.createWriteStream(path[, options])``).

    Options: ``flags`` ('w'), ``encoding`` (default encoding for strings),
    ``fd``, ``mode`` (0o666), ``autoClose`` (True), ``start``.  Properties
    ``path``, ``fd``, ``bytesWritten``, ``pending``.
    """

    def __init__(self, path: Any, options: Any = None) -> None:
        opts = get_options(options, {})
        opts["decodeStrings"] = True
        opts["emitClose"] = False
        Writable.__init__(self, opts)
        self.path = path
        self.fd: int | None = opts.get("fd")
        self.flags = "w" if opts.get("flags") is None else opts["flags"]
        self.mode = 0o666 if opts.get("mode") is None else opts["mode"]
        self.start = opts.get("start")
        self.autoClose = True if opts.get("autoClose") is None else bool(opts["autoClose"])
        self.pos: int | None = None
        self.bytesWritten = 0
        self.closed = False
        if self.start is not None:
            _number(self.start, "start")
            if self.start < 0:
                raise RangeError('The value of "start" is out of range. It must be >= 0. '
                                 f"Received {{start: {_js_num(self.start)}}}", "ERR_OUT_OF_RANGE")
            self.pos = int(self.start)
        if opts.get("encoding"):
            self.setDefaultEncoding(opts["encoding"])
        if not isinstance(self.fd, int):
            self.open()
        self.once("finish", self._autoCloseOnFinish)

    def _autoCloseOnFinish(self) -> None:
        if self.autoClose:
            self.destroy()

    def open(self) -> None:
        """Open ``path`` (threadpool); then ``'open'`` (fd) and ``'ready'``."""
        def opened(er: BaseException | None, fd: int | None = None) -> None:
            if er is not None:
                if self.autoClose:
                    self.destroy()
                self.emit("error", er)
                return
            self.fd = fd
            self.emit("open", fd)
            self.emit("ready")

        callbacks.open(self.path, self.flags, self.mode, opened)

    def _write(self, data: Any, encoding: str, cb: Callable) -> None:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            self.emit("error", invalid_arg_type("data", "Buffer", data))
            return
        if not isinstance(self.fd, int):
            self.once("open", lambda fd=None: self._write(data, encoding, cb))
            return

        def done(er: BaseException | None, written: int | None) -> None:
            if er is not None:
                if self.autoClose:
                    self.destroy()
                cb(er)
                return
            self.bytesWritten += written  # type: ignore[operator]
            cb()

        submit(_binding.write_all, (self.fd, bytes(data), self.pos), done)
        if self.pos is not None:
            self.pos += len(data)

    def _writev(self, data: list, cb: Callable) -> None:  # type: ignore[override]
        if not isinstance(self.fd, int):
            self.once("open", lambda fd=None: self._writev(data, cb))
            return
        chunk = b"".join(bytes(r.chunk) for r in data)

        def done(er: BaseException | None, written: int | None) -> None:
            if er is not None:
                self.destroy()
                cb(er)
                return
            self.bytesWritten += written  # type: ignore[operator]
            cb()

        submit(_binding.write_all, (self.fd, chunk, self.pos), done)
        if self.pos is not None:
            self.pos += len(chunk)

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        _destroy_fs_stream(self, err, cb)

    def close(self, cb: Callable | None = None) -> None:
        """Node's ``writeStream.close([cb])``: end the stream; ``cb`` on ``'close'``."""
        if cb is not None:
            if self.closed:
                from .. import loop

                loop.next_tick(cb)
                return
            self.on("close", cb)
        if not self.autoClose:
            self.on("finish", lambda: self.destroy())
        self.end()

    #: Node: there is no shutdown() for files.
    def destroySoon(self, *args: Any) -> Any:
        """Alias of ``end``."""
        return self.end(*args)

    @property
    def pending(self) -> bool:
        """True until the file is open (``fd`` is None)."""
        return self.fd is None


def createReadStream(path: Any, options: Any = None) -> ReadStream:
    """Node's ``fs.createReadStream(path[, options])``."""
    return ReadStream(path, options)


def createWriteStream(path: Any, options: Any = None) -> WriteStream:
    """Node's ``fs.createWriteStream(path[, options])``."""
    return WriteStream(path, options)
