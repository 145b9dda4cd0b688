"""fs's ``*Sync`` API: the same requests as :mod:`.callbacks`, run on the caller's thread.

Invariant kept here: a Sync function validates exactly as its callback twin
(the shared :mod:`._requests`), blocks, and returns the first value Node
would pass the callback (``readFileSync`` → data, ``openSync`` → fd,
``writeSync`` → bytes written) or raises the same
:class:`~nodehttp.errors.UVException`.
"""

from __future__ import annotations

from typing import Any

from . import _requests as r
from ._binding import exists as _exists

__all__ = [
    "readFileSync", "writeFileSync", "appendFileSync", "statSync", "lstatSync", "fstatSync",
    "accessSync", "existsSync", "mkdirSync", "readdirSync", "unlinkSync", "renameSync",
    "rmdirSync", "realpathSync", "openSync", "closeSync", "readSync", "writeSync",
    "copyFileSync", "ftruncateSync", "truncateSync", "chmodSync", "fchmodSync", "symlinkSync",
    "readlinkSync", "mkdtempSync", "fsyncSync", "fdatasyncSync", "utimesSync",
]


def _run(req: r.Req) -> Any:
    values = req.post(req.work(*req.args))
    return values[0] if values else None


def readFileSync(path: Any, options: Any = None) -> Any:
    """Node's ``fs.readFileSync(path[, options])``: bytes, or str with an encoding."""
    return _run(r.prepare_readFile(path, options))


def writeFileSync(file: Any, data: Any, options: Any = None) -> None:
    """Node's ``fs.writeFileSync(file, data[, options])``."""
    _run(r.prepare_writeFile(file, data, options))


def appendFileSync(path: Any, data: Any, options: Any = None) -> None:
    """Node's ``fs.appendFileSync(path, data[, options])``."""
    _run(r.prepare_appendFile(path, data, options))


def statSync(path: Any, options: Any = None) -> Any:
    """Node's ``fs.statSync(path)``: a :class:`~.stats.Stats`."""
    return _run(r.prepare_stat(path))


def lstatSync(path: Any, options: Any = None) -> Any:
    """Node's ``fs.lstatSync(path)``."""
    return _run(r.prepare_lstat(path))


def fstatSync(fd: Any, options: Any = None) -> Any:
    """Node's ``fs.fstatSync(fd)``."""
    return _run(r.prepare_fstat(fd))


def accessSync(path: Any, mode: Any = None) -> None:
    """Node's ``fs.accessSync(path[, mode])``: raises when access is refused."""
    _run(r.prepare_access(path, mode))


def existsSync(path: Any) -> bool:
    """Node's ``fs.existsSync(path)``: False for a missing file *or* an invalid path."""
    try:
        req = r.prepare_exists(path)
    except (TypeError, ValueError):
        return False
    return _exists(*req.args)


def mkdirSync(path: Any, options: Any = None) -> None:
    """Node's ``fs.mkdirSync(path[, options])`` (``{'recursive': True}``)."""
    _run(r.prepare_mkdir(path, options))


def readdirSync(path: Any, options: Any = None) -> list:
    """Node's ``fs.readdirSync(path[, options])`` (``withFileTypes``)."""
    return _run(r.prepare_readdir(path, options))


def unlinkSync(path: Any) -> None:
    """Node's ``fs.unlinkSync(path)``."""
    _run(r.prepare_unlink(path))


def renameSync(oldPath: Any, newPath: Any) -> None:
    """Node's ``fs.renameSync(oldPath, newPath)``."""
    _run(r.prepare_rename(oldPath, newPath))


def rmdirSync(path: Any) -> None:
    """Node's ``fs.rmdirSync(path)``."""
    _run(r.prepare_rmdir(path))


def realpathSync(path: Any, options: Any = None) -> Any:
    """Node's ``fs.realpathSync(path[, options])``."""
    return _run(r.prepare_realpath(path, options))


def _realpath_sync_native(path: Any, options: Any = None) -> Any:
    return _run(r.prepare_realpath(path, options, native=True))


realpathSync.native = _realpath_sync_native  # type: ignore[attr-defined]


def openSync(path: Any, flags: Any = None, mode: Any = None) -> int:
    """Node's ``fs.openSync(path[, flags[, mode]])``: the fd."""
    return _run(r.prepare_open(path, flags, mode))


def closeSync(fd: Any) -> None:
    """Node's ``fs.closeSync(fd)``."""
    _run(r.prepare_close(fd))


def readSync(fd: Any, buffer: Any, offset: Any = None, length: Any = None,
             position: Any = None) -> int:
    """Node's ``fs.readSync(fd, buffer, offset, length, position)``: bytes read into
    ``buffer`` (a ``bytearray``)."""
    return _run(r.prepare_read(fd, buffer, offset, length, position))


def writeSync(fd: Any, buffer: Any, *args: Any) -> int:
    """Node's ``fs.writeSync``, both forms (buffer/offset/length/position or
    string/position/encoding): bytes written."""
    return _run(r.prepare_write(fd, buffer, *args))


def copyFileSync(src: Any, dest: Any, flags: Any = None) -> None:
    """Node's ``fs.copyFileSync(src, dest[, flags])``."""
    _run(r.prepare_copyFile(src, dest, flags))


def ftruncateSync(fd: Any, len: Any = None) -> None:  # noqa: A002
    """Node's ``fs.ftruncateSync(fd[, len])``."""
    _run(r.prepare_ftruncate(fd, len))


def truncateSync(path: Any, len: Any = None) -> None:  # noqa: A002
    """Node's ``fs.truncateSync(path[, len])``."""
    _run(r.prepare_truncate(path, len))


def chmodSync(path: Any, mode: Any) -> None:
    """Node's ``fs.chmodSync(path, mode)``."""
    _run(r.prepare_chmod(path, mode))


def fchmodSync(fd: Any, mode: Any) -> None:
    """Node's ``fs.fchmodSync(fd, mode)``."""
    _run(r.prepare_fchmod(fd, mode))


def symlinkSync(target: Any, path: Any, type: Any = None) -> None:  # noqa: A002
    """Node's ``fs.symlinkSync(target, path[, type])``."""
    _run(r.prepare_symlink(target, path))


def readlinkSync(path: Any, options: Any = None) -> Any:
    """Node's ``fs.readlinkSync(path[, options])``."""
    return _run(r.prepare_readlink(path, options))


def mkdtempSync(prefix: Any, options: Any = None) -> Any:
    """Node's ``fs.mkdtempSync(prefix[, options])``: the new directory's path."""
    return _run(r.prepare_mkdtemp(prefix, options))


def fsyncSync(fd: Any) -> None:
    """Node's ``fs.fsyncSync(fd)``."""
    _run(r.prepare_fsync(fd))


fdatasyncSync = fsyncSync


def utimesSync(path: Any, atime: Any, mtime: Any) -> None:
    """Node's ``fs.utimesSync(path, atime, mtime)``."""
    _run(r.prepare_utimes(path, atime, mtime))
