"""``process.stdout``, ``process.stderr`` and ``process.stdin`` (Node's ``internal/process/stdio``).

``stdout``/``stderr`` are :class:`~nodehttp.stream.Writable` streams whose
writes are *synchronous* whatever fd 1/2 is — a file, a TTY or a pipe: the
bytes reach the OS before ``write()`` returns (``write()`` returns true
below the highWaterMark, the callback and ``'finish'`` follow as for any
Writable).  Node 10 on Linux does the same for files and TTYs; for pipes
Node writes asynchronously through libuv, which we do not copy: writing
through Python's own ``sys.stdout`` keeps our output in order with
``print()`` (Node has only one writer, we have two).  The stream writes
through whatever ``sys.stdout``/``sys.stderr`` is at the time, so
``contextlib.redirect_stdout`` and pytest's capture see it.

``stdin`` is a :class:`~nodehttp.stream.Readable`, paused until read
(``'data'`` listener, ``resume()``, ``pipe()``, ``read()``), as in Node.
Only while it is reading does it keep the process alive (libuv's rule: the
handle is active while reading): a script that never reads stdin exits.  A
pipe or TTY is watched with ``loop.add_reader`` (no ``O_NONBLOCK`` is set on
the descriptor the shell shares with us: one ``os.read`` per readiness); a
regular file (``< file``) is read in chunks on the next loop turns.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Any, Callable

from . import loop as _loop
from .errors import from_oserror
from .stream import Readable, Writable

__all__ = ["WriteStream", "ReadStream"]


def _fd_type(fd: int) -> str:
    """Node's ``guessHandleType``: ``'TTY'``, ``'FILE'``, ``'PIPE'`` or ``'UNKNOWN'``."""
    try:
        if os.isatty(fd):
            return "TTY"
        mode = os.fstat(fd).st_mode
    except OSError:
        return "UNKNOWN"
    if stat.S_ISREG(mode) or stat.S_ISCHR(mode):
        return "FILE"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "PIPE"
    return "UNKNOWN"


class WriteStream(Writable):
    """``process.stdout`` / ``process.stderr``: a Writable over fd 1 or 2.

    ``isTTY`` is true on a terminal (None otherwise, Node's ``undefined``),
    with ``columns``/``rows``; ``fd`` is the descriptor.  Writes are
    synchronous (see the module docstring); ``end()`` emits ``'finish'``
    but does not close the descriptor, as Node never closes stdio.
    """

    def __init__(self, fd: int, name: str) -> None:
        Writable.__init__(self)
        self.fd = fd
        self._name = name
        kind = _fd_type(fd)
        self._type = {"TTY": "tty", "FILE": "fs", "PIPE": "pipe"}.get(kind, "fs")
        self.isTTY: bool | None = True if kind == "TTY" else None
        self._isStdio = True

    @property
    def columns(self) -> int | None:
        """The terminal's width (a TTY only)."""
        return self._size(0)

    @property
    def rows(self) -> int | None:
        """The terminal's height (a TTY only)."""
        return self._size(1)

    def _size(self, i: int) -> int | None:
        if not self.isTTY:
            return None
        try:
            return os.get_terminal_size(self.fd)[i]
        except OSError:
            return None

    def getWindowSize(self) -> list[int]:
        """``[columns, rows]`` of the terminal."""
        return [self.columns or 0, self.rows or 0]

    def _write(self, chunk: Any, encoding: str, cb: Callable) -> None:
        stream = getattr(sys, self._name)
        try:
            if isinstance(chunk, str):
                stream.write(chunk)
            else:
                buf = getattr(stream, "buffer", None)
                if buf is not None:
                    stream.flush()  # what print() left in the text layer goes first
                    buf.write(chunk)
                else:  # a text-only replacement (StringIO)
                    stream.write(bytes(chunk).decode("utf-8", "replace"))
            stream.flush()
        except OSError as exc:
            cb(from_oserror(exc, "write"))
            return
        cb()

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        # Node's dummyDestroy for stdio: the descriptor stays open.
        cb(err)


class ReadStream(Readable):
    """``process.stdin``: a Readable over fd 0, paused until read.

    ``isTTY``/``fd`` as on :class:`WriteStream`; ``setRawMode`` is not
    provided.  Reading keeps the process alive; pausing (back-pressure) or
    the end of input lets it go.
    """

    def __init__(self, fd: int = 0) -> None:
        Readable.__init__(self, {"highWaterMark": 64 * 1024})
        self.fd = fd
        kind = _fd_type(fd)
        self._kind = kind
        self.isTTY: bool | None = True if kind == "TTY" else None
        self._watching: Any = None  # the loop add_reader was called on
        self._refed = False
        self._fileScheduled = False

    def _read(self, n: int) -> None:
        if self._kind == "FILE":
            if not self._fileScheduled:
                self._fileScheduled = True
                self._setRef(True)
                _loop.get_loop().call_soon(_loop.entry, self._readFile)
            return
        if self._watching is None:
            loop = _loop.get_loop()
            try:
                loop.add_reader(self.fd, self._onReadable)
            except (OSError, ValueError, NotImplementedError) as exc:
                self.destroy(from_oserror(exc, "read"))
                return
            self._watching = loop
            self._setRef(True)

    def _readFile(self) -> None:
        self._fileScheduled = False
        self._setRef(False)
        self._pushRead()

    def _onReadable(self) -> None:
        _loop.entry(self._pushRead)

    def _pushRead(self) -> None:
        try:
            data = os.read(self.fd, 64 * 1024)
        except BlockingIOError:
            return
        except OSError as exc:
            self._stopWatching()
            self.destroy(from_oserror(exc, "read"))
            return
        if not data:
            self._stopWatching()
            self.push(None)
            return
        if not self.push(data):
            self._stopWatching()  # back-pressure: _read starts again
        elif self._kind == "FILE":
            self._read(0)

    def _stopWatching(self) -> None:
        loop = self._watching
        if loop is not None:
            self._watching = None
            if not loop.is_closed():
                loop.remove_reader(self.fd)
        self._setRef(False)

    def _setRef(self, on: bool) -> None:
        if on and not self._refed:
            self._refed = True
            _loop.ref()
        elif not on and self._refed:
            self._refed = False
            _loop.unref()

    def _destroy(self, err: BaseException | None, cb: Callable) -> None:
        self._stopWatching()
        cb(err)
