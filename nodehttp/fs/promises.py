"""``fs.promises`` (Node 10: experimental): the fs calls as awaitables.

Invariant kept here: each function validates synchronously (like Node, whose
promise functions are ``async`` and so *reject* instead — see docs/fs.md),
submits the same request as the callback form to the threadpool, and
returns an ``asyncio.Future`` on nodehttp's loop that resolves with the
value the callback would get (``await fs.promises.readFile(p, 'utf8')``).
``open`` resolves with a :class:`FileHandle`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .. import loop as _loop
from . import _requests as r
from .._threadpool import submit

__all__ = [
    "access", "appendFile", "chmod", "copyFile", "lstat", "mkdir", "mkdtemp", "open",
    "readdir", "readFile", "readlink", "realpath", "rename", "rmdir", "stat", "symlink",
    "truncate", "unlink", "utimes", "writeFile", "FileHandle",
]


def _promise(req: r.Req, wrap: Any = None) -> asyncio.Future:
    fut = _loop.get_loop().create_future()
    post = req.post

    def done(err: BaseException | None, result: Any) -> None:
        if fut.cancelled():
            return
        if err is not None:
            fut.set_exception(err)
            return
        values = post(result)
        value = values[0] if values else None
        fut.set_result(wrap(value) if wrap is not None else value)

    submit(req.work, req.args, done)
    return fut


def _rejected(exc: BaseException) -> asyncio.Future:
    fut = _loop.get_loop().create_future()
    fut.set_exception(exc)
    return fut


def _call(prepare: Any, *args: Any, wrap: Any = None) -> asyncio.Future:
    # An async function in Node: bad arguments reject the promise.
    try:
        req = prepare(*args)
    except (TypeError, ValueError) as exc:
        return _rejected(exc)
    return _promise(req, wrap)


def access(path: Any, mode: Any = None) -> asyncio.Future:
    """``fsPromises.access(path[, mode])``."""
    return _call(r.prepare_access, path, mode)


def appendFile(path: Any, data: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.appendFile(path, data[, options])``."""
    if isinstance(path, FileHandle):
        path = path.fd
    return _call(r.prepare_appendFile, path, data, options)


def chmod(path: Any, mode: Any) -> asyncio.Future:
    """``fsPromises.chmod(path, mode)``."""
    return _call(r.prepare_chmod, path, mode)


def copyFile(src: Any, dest: Any, flags: Any = None) -> asyncio.Future:
    """``fsPromises.copyFile(src, dest[, flags])``."""
    return _call(r.prepare_copyFile, src, dest, flags)


def lstat(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.lstat(path)``: a Stats."""
    return _call(r.prepare_lstat, path)


def stat(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.stat(path)``: a Stats."""
    return _call(r.prepare_stat, path)


def mkdir(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.mkdir(path[, options])`` (``{'recursive': True}``)."""
    return _call(r.prepare_mkdir, path, options)


def mkdtemp(prefix: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.mkdtemp(prefix[, options])``."""
    return _call(r.prepare_mkdtemp, prefix, options)


def open(path: Any, flags: Any = None, mode: Any = None) -> asyncio.Future:  # noqa: A001
    """``fsPromises.open(path, flags[, mode])``: a :class:`FileHandle`."""
    return _call(r.prepare_open, path, flags, mode, wrap=FileHandle)


def readdir(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.readdir(path[, options])``."""
    return _call(r.prepare_readdir, path, options)


def readFile(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.readFile(path[, options])``: bytes, or str with an encoding."""
    if isinstance(path, FileHandle):
        path = path.fd
    return _call(r.prepare_readFile, path, options)


def readlink(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.readlink(path[, options])``."""
    return _call(r.prepare_readlink, path, options)


def realpath(path: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.realpath(path[, options])`` (one realpath(3) call, as Node's)."""
    return _call(r.prepare_realpath, path, options, True)


def rename(oldPath: Any, newPath: Any) -> asyncio.Future:
    """``fsPromises.rename(oldPath, newPath)``."""
    return _call(r.prepare_rename, oldPath, newPath)


def rmdir(path: Any) -> asyncio.Future:
    """``fsPromises.rmdir(path)``."""
    return _call(r.prepare_rmdir, path)


def symlink(target: Any, path: Any, type: Any = None) -> asyncio.Future:  # noqa: A002
    """``fsPromises.symlink(target, path[, type])``."""
    return _call(r.prepare_symlink, target, path)


def truncate(path: Any, len: Any = None) -> asyncio.Future:  # noqa: A002
    """``fsPromises.truncate(path[, len])``."""
    return _call(r.prepare_truncate, path, len)


def unlink(path: Any) -> asyncio.Future:
    """``fsPromises.unlink(path)``."""
    return _call(r.prepare_unlink, path)


def utimes(path: Any, atime: Any, mtime: Any) -> asyncio.Future:
    """``fsPromises.utimes(path, atime, mtime)``."""
    return _call(r.prepare_utimes, path, atime, mtime)


def writeFile(file: Any, data: Any, options: Any = None) -> asyncio.Future:
    """``fsPromises.writeFile(file, data[, options])``."""
    if isinstance(file, FileHandle):
        file = file.fd
    return _call(r.prepare_writeFile, file, data, options)


class FileHandle:
    """Node's ``FileHandle`` (``await fsPromises.open(...)``): methods return awaitables."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> asyncio.Future:
        """Close the descriptor."""
        return _call(r.prepare_close, self.fd)

    def stat(self, options: Any = None) -> asyncio.Future:
        """``filehandle.stat()``."""
        return _call(r.prepare_fstat, self.fd)

    def read(self, buffer: Any, offset: Any = None, length: Any = None,
             position: Any = None) -> asyncio.Future:
        """``filehandle.read(buffer, offset, length, position)``: ``{'bytesRead', 'buffer'}``."""
        try:
            req = r.prepare_read(self.fd, buffer, offset, length, position)
        except (TypeError, ValueError) as exc:
            return _rejected(exc)
        return _promise(req._replace(post=lambda n: ({"bytesRead": n, "buffer": buffer},)))

    def write(self, buffer: Any, *args: Any) -> asyncio.Future:
        """``filehandle.write(...)``, both forms: ``{'bytesWritten', 'buffer'}``."""
        try:
            req = r.prepare_write(self.fd, buffer, *args)
        except (TypeError, ValueError) as exc:
            return _rejected(exc)
        return _promise(req._replace(post=lambda n: ({"bytesWritten": n, "buffer": buffer},)))

    def readFile(self, options: Any = None) -> asyncio.Future:
        """``filehandle.readFile([options])``."""
        return readFile(self.fd, options)

    def writeFile(self, data: Any, options: Any = None) -> asyncio.Future:
        """``filehandle.writeFile(data[, options])``."""
        return writeFile(self.fd, data, options)

    def appendFile(self, data: Any, options: Any = None) -> asyncio.Future:
        """``filehandle.appendFile(data[, options])``."""
        return appendFile(self.fd, data, options)

    def truncate(self, len: Any = None) -> asyncio.Future:  # noqa: A002
        """``filehandle.truncate([len])``."""
        return _call(r.prepare_ftruncate, self.fd, len)

    def sync(self) -> asyncio.Future:
        """``filehandle.sync()``."""
        return _call(r.prepare_fsync, self.fd)

    datasync = sync

    def chmod(self, mode: Any) -> asyncio.Future:
        """``filehandle.chmod(mode)``."""
        return _call(r.prepare_fchmod, self.fd, mode)

    def __repr__(self) -> str:
        return f"FileHandle {{ fd: {self.fd} }}"

