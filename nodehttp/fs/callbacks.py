"""fs's callback API (``fs.readFile(path, cb)``…): work on the threadpool.

Invariant kept here: a callback function validates its arguments (raising
synchronously, as Node does), submits its request to the threadpool, and
returns ``None``.  The callback is called exactly once, later, as a loop
entry: ``cb(err)`` on failure, ``cb(None, value…)`` on success — never
synchronously — with JavaScript's arity rule (a callback may declare fewer
parameters; missing values are ``None``).
"""

from __future__ import annotations

from typing import Any, Callable

from ..events import invoke
from . import _requests as r
from .._threadpool import submit
from ._utils import make_callback

__all__ = [
    "readFile", "writeFile", "appendFile", "stat", "lstat", "fstat", "access", "exists",
    "mkdir", "readdir", "unlink", "rename", "rmdir", "realpath", "open", "close", "read",
    "write", "copyFile", "ftruncate", "truncate", "chmod", "fchmod", "symlink", "readlink",
    "mkdtemp", "fsync", "fdatasync", "utimes",
]


def _call(req: r.Req, callback: Callable) -> None:
    post = req.post

    def done(err: BaseException | None, result: Any) -> None:
        if err is not None:
            # Node passes only err; a port's ``def cb(err, data)`` sees None.
            invoke(callback, err, None, None)
            return
        invoke(callback, None, *post(result))

    submit(req.work, req.args, done)


def _split(options: Any, callback: Any) -> tuple[Any, Callable]:
    """``(options, cb)`` or ``(cb)``: Node's optional-argument shuffle."""
    if callback is None and callable(options):
        return None, options
    return options, make_callback(callback)


def readFile(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.readFile(path[, options], callback)``: ``cb(err, data)``.

    ``data`` is bytes, or str when ``options`` names an encoding
    (``'utf8'`` or ``{'encoding': 'utf8', 'flag': 'r'}``).
    """
    options, callback = _split(options, callback)
    _call(r.prepare_readFile(path, options), callback)


def writeFile(file: Any, data: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.writeFile(file, data[, options], callback)``: ``cb(err)``."""
    options, callback = _split(options, callback)
    _call(r.prepare_writeFile(file, data, options), callback)


def appendFile(path: Any, data: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.appendFile(path, data[, options], callback)``: ``cb(err)``."""
    options, callback = _split(options, callback)
    _call(r.prepare_appendFile(path, data, options), callback)


def stat(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.stat(path[, options], callback)``: ``cb(err, stats)`` (a :class:`Stats`)."""
    _, callback = _split(options, callback)
    _call(r.prepare_stat(path), callback)


def lstat(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.lstat``: like :func:`stat`, about a symbolic link itself."""
    _, callback = _split(options, callback)
    _call(r.prepare_lstat(path), callback)


def fstat(fd: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.fstat(fd[, options], callback)``."""
    _, callback = _split(options, callback)
    _call(r.prepare_fstat(fd), callback)


def access(path: Any, mode: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.access(path[, mode], callback)``: ``cb(err)`` (``F_OK`` by default)."""
    mode, callback = _split(mode, callback)
    _call(r.prepare_access(path, mode), callback)


def exists(path: Any, callback: Callable | None = None) -> None:
    """Node's deprecated ``fs.exists(path, callback)``: ``cb(bool)`` — no ``err`` first.

    An invalid path calls back ``False`` synchronously, as Node 10 does.
    """
    callback = make_callback(callback)
    try:
        req = r.prepare_exists(path)
    except (TypeError, ValueError):
        invoke(callback, False)
        return

    def done(err: BaseException | None, result: Any) -> None:
        invoke(callback, bool(result) and err is None)

    submit(req.work, req.args, done)


def mkdir(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.mkdir(path[, options], callback)``; ``{'recursive': True}`` (10.12+)."""
    options, callback = _split(options, callback)
    _call(r.prepare_mkdir(path, options), callback)


def readdir(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.readdir(path[, options], callback)``: ``cb(err, names)``.

    ``{'withFileTypes': True}`` (10.10+) gives :class:`~.stats.Dirent` objects.
    """
    options, callback = _split(options, callback)
    _call(r.prepare_readdir(path, options), callback)


def unlink(path: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.unlink(path, callback)``."""
    _call(r.prepare_unlink(path), make_callback(callback))


def rename(oldPath: Any, newPath: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.rename(oldPath, newPath, callback)``."""
    _call(r.prepare_rename(oldPath, newPath), make_callback(callback))


def rmdir(path: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.rmdir(path, callback)``."""
    _call(r.prepare_rmdir(path), make_callback(callback))


def realpath(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.realpath(path[, options], callback)`` (Node 10's JavaScript walk:
    a missing component fails with syscall ``lstat``)."""
    options, callback = _split(options, callback)
    _call(r.prepare_realpath(path, options), callback)


def _realpath_native(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    options, callback = _split(options, callback)
    _call(r.prepare_realpath(path, options, native=True), callback)


realpath.native = _realpath_native  # type: ignore[attr-defined]


def open(path: Any, flags: Any = None, mode: Any = None,  # noqa: A001 - Node's name
         callback: Callable | None = None) -> None:
    """Node's ``fs.open(path[, flags[, mode]], callback)``: ``cb(err, fd)``."""
    if callback is None:
        if callable(mode):
            callback, mode = mode, None
        elif callable(flags):
            callback, flags = flags, None
    _call(r.prepare_open(path, flags, mode), make_callback(callback))


def close(fd: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.close(fd, callback)``."""
    _call(r.prepare_close(fd), make_callback(callback))


def read(fd: Any, buffer: Any, offset: Any, length: Any, position: Any,
         callback: Callable | None = None) -> None:
    """Node's ``fs.read(fd, buffer, offset, length, position, callback)``:
    ``cb(err, bytesRead, buffer)``.  ``buffer`` must be a ``bytearray`` (or
    writable memoryview): it is filled in place, like Node's Buffer."""
    callback = make_callback(callback)
    _call(r.prepare_read(fd, buffer, offset, length, position), callback)


def write(fd: Any, buffer: Any, *args: Any) -> None:
    """Node's ``fs.write``, both forms: ``write(fd, buffer[, offset[, length[, position]]], cb)``
    and ``write(fd, string[, position[, encoding]], cb)``; ``cb(err, written, buffer|string)``."""
    args = list(args)
    callback = args.pop() if args and callable(args[-1]) else None
    callback = make_callback(callback)
    _call(r.prepare_write(fd, buffer, *args), callback)


def copyFile(src: Any, dest: Any, flags: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.copyFile(src, dest[, flags], callback)`` (``COPYFILE_EXCL``)."""
    flags, callback = _split(flags, callback)
    _call(r.prepare_copyFile(src, dest, flags), callback)


def ftruncate(fd: Any, len: Any = None, callback: Callable | None = None) -> None:  # noqa: A002
    """Node's ``fs.ftruncate(fd[, len], callback)``."""
    len, callback = _split(len, callback)
    _call(r.prepare_ftruncate(fd, len), callback)


def truncate(path: Any, len: Any = None, callback: Callable | None = None) -> None:  # noqa: A002
    """Node's ``fs.truncate(path[, len], callback)``."""
    len, callback = _split(len, callback)
    _call(r.prepare_truncate(path, len), callback)


def chmod(path: Any, mode: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.chmod(path, mode, callback)``."""
    callback = make_callback(callback)
    _call(r.prepare_chmod(path, mode), callback)


def fchmod(fd: Any, mode: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.fchmod(fd, mode, callback)``."""
    callback = make_callback(callback)
    _call(r.prepare_fchmod(fd, mode), callback)


def symlink(target: Any, path: Any, type: Any = None,  # noqa: A002
            callback: Callable | None = None) -> None:
    """Node's ``fs.symlink(target, path[, type], callback)``."""
    _, callback = _split(type, callback)
    _call(r.prepare_symlink(target, path), callback)


def readlink(path: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.readlink(path[, options], callback)``: ``cb(err, linkString)``."""
    options, callback = _split(options, callback)
    _call(r.prepare_readlink(path, options), callback)


def mkdtemp(prefix: Any, options: Any = None, callback: Callable | None = None) -> None:
    """Node's ``fs.mkdtemp(prefix[, options], callback)``: ``cb(err, folder)``."""
    options, callback = _split(options, callback)
    _call(r.prepare_mkdtemp(prefix, options), callback)


def fsync(fd: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.fsync(fd, callback)``."""
    _call(r.prepare_fsync(fd), make_callback(callback))


fdatasync = fsync


def utimes(path: Any, atime: Any, mtime: Any, callback: Callable | None = None) -> None:
    """Node's ``fs.utimes(path, atime, mtime, callback)`` (seconds or datetimes)."""
    _call(r.prepare_utimes(path, atime, mtime), make_callback(callback))
