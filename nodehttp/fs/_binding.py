"""The system calls behind every fs function (the role of Node's ``fs`` binding).

Invariant kept here: each function here takes already-validated arguments,
does the blocking work (so it may run on a threadpool worker or, for the
``*Sync`` forms, on the caller's thread), and fails only with Node's
:class:`~nodehttp.errors.UVException` (``ENOENT: no such file or directory,
open 'x'``), naming the syscall Node names (``scandir`` for readdir,
``copyfile``, ``lstat`` for realpath).  Nothing here touches the loop.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from ..errors import uv_exception
from .stats import Dirent, Stats

# Node's readFile reads a file of unknown size (a pipe, /proc) in pieces of this size.
_READ_CHUNK = 64 * 1024


def open(path: Any, flags: int, mode: int) -> int:  # noqa: A001 - Node's name
    try:
        return os.open(path, flags, mode)
    except OSError as e:
        raise uv_exception(e, "open", path) from None


def close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError as e:
        raise uv_exception(e, "close") from None


def read(fd: int, length: int, position: int | None) -> bytes:
    try:
        if position is None or position < 0:
            return os.read(fd, length)
        return os.pread(fd, length, position)
    except OSError as e:
        raise uv_exception(e, "read") from None


def readinto(fd: int, buffer: Any, offset: int, length: int, position: int | None) -> int:
    data = read(fd, length, position)
    memoryview(buffer)[offset:offset + len(data)] = data
    return len(data)


def write(fd: int, data: bytes, position: int | None) -> int:
    try:
        if position is None:
            return os.write(fd, data)
        return os.pwrite(fd, data, position)
    except OSError as e:
        raise uv_exception(e, "write") from None


def write_all(fd: int, data: bytes, position: int | None) -> int:
    """Write every byte (Node's writeFile/writeAll loop)."""
    view = memoryview(data)
    done = 0
    while done < len(view):
        n = write(fd, view[done:], None if position is None else position + done)
        done += n
    return done


def stat(path: Any) -> Stats:
    try:
        return Stats._from_os(os.stat(path))
    except OSError as e:
        raise uv_exception(e, "stat", path) from None


def lstat(path: Any) -> Stats:
    try:
        return Stats._from_os(os.lstat(path))
    except OSError as e:
        raise uv_exception(e, "lstat", path) from None


def fstat(fd: int) -> Stats:
    try:
        return Stats._from_os(os.fstat(fd))
    except OSError as e:
        raise uv_exception(e, "fstat") from None


def read_file(path: Any, flags: int) -> bytes:
    """Node's readFile: open, fstat, read everything, close (EISDIR comes from read)."""
    fd = path if isinstance(path, int) else open(path, flags, 0o666)
    try:
        chunks = []
        while True:
            chunk = read(fd, _READ_CHUNK, None)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        if not isinstance(path, int):
            close(fd)


def write_file(path: Any, data: bytes, flags: int, mode: int) -> None:
    """Node's writeFile/appendFile: open, write all, close (or write to an fd)."""
    fd = path if isinstance(path, int) else open(path, flags, mode)
    try:
        write_all(fd, data, None)
    finally:
        if not isinstance(path, int):
            close(fd)


def access(path: Any, mode: int) -> None:
    try:
        ok = os.access(path, mode)
    except OSError as e:  # pragma: no cover - os.access reports by its result
        raise uv_exception(e, "access", path) from None
    if not ok:
        code = "ENOENT" if not os.path.lexists(path) else "EACCES"
        raise uv_exception(code, "access", path)


def exists(path: Any) -> bool:
    try:
        os.stat(path)
        return True
    except (OSError, ValueError):
        return False


def mkdir(path: Any, mode: int, recursive: bool) -> None:
    try:
        if not recursive:
            os.mkdir(path, mode)
            return
        _mkdirp(path, mode)
    except OSError as e:
        raise uv_exception(e, "mkdir", path) from None


def _mkdirp(path: Any, mode: int) -> None:
    # libuv-free MKDirpSync of Node 10.12: create each missing ancestor; an
    # existing directory is fine, an existing file is EEXIST (ENOTDIR below it).
    try:
        os.mkdir(path, mode)
        return
    except FileExistsError:
        if os.path.isdir(path):
            return
        raise
    except FileNotFoundError:
        parent = os.path.dirname(os.path.normpath(path))
        if parent == path or not parent:
            raise
        _mkdirp(parent, mode)
    os.mkdir(path, mode)


def readdir(path: Any, with_file_types: bool) -> list:
    try:
        if not with_file_types:
            return os.listdir(path)
        with os.scandir(path) as it:
            return [Dirent._from_entry(e.name, e) for e in it]
    except OSError as e:
        raise uv_exception(e, "scandir", path) from None


def unlink(path: Any) -> None:
    try:
        os.unlink(path)
    except OSError as e:
        raise uv_exception(e, "unlink", path) from None


def rmdir(path: Any) -> None:
    try:
        os.rmdir(path)
    except OSError as e:
        raise uv_exception(e, "rmdir", path) from None


def rename(old: Any, new: Any) -> None:
    try:
        os.rename(old, new)
    except OSError as e:
        raise uv_exception(e, "rename", old, new) from None


def copyfile(src: Any, dest: Any, flags: int) -> None:
    try:
        if flags & 1:  # COPYFILE_EXCL
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            os.close(fd)
        shutil.copyfile(src, dest)
        shutil.copymode(src, dest)
    except OSError as e:
        raise uv_exception(e, "copyfile", src, dest) from None


def realpath(path: Any) -> Any:
    """Node 10's JavaScript realpath: lstat each component (errors say ``lstat``)."""
    p = os.path.abspath(path)
    sep = b"/" if isinstance(p, bytes) else "/"
    current = sep[:0]
    for part in p.split(sep)[1:]:
        if not part:
            continue
        current = current + sep + part
        try:
            os.lstat(current)
        except OSError as e:
            raise uv_exception(e, "lstat", current) from None
    return os.path.realpath(p)


def realpath_native(path: Any) -> Any:
    """``realpath.native`` / the promise form: one ``realpath(3)`` call."""
    try:
        os.stat(path)
    except OSError as e:
        raise uv_exception(e, "realpath", path) from None
    return os.path.realpath(path)


def symlink(target: Any, path: Any) -> None:
    try:
        os.symlink(target, path)
    except OSError as e:
        raise uv_exception(e, "symlink", target, path) from None


def readlink(path: Any) -> Any:
    try:
        return os.readlink(path)
    except OSError as e:
        raise uv_exception(e, "readlink", path) from None


def chmod(path: Any, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError as e:
        raise uv_exception(e, "chmod", path) from None


def fchmod(fd: int, mode: int) -> None:
    try:
        os.fchmod(fd, mode)
    except OSError as e:
        raise uv_exception(e, "fchmod") from None


def truncate(path: Any, length: int) -> None:
    try:
        os.truncate(path, length)
    except OSError as e:
        raise uv_exception(e, "open" if isinstance(e, (FileNotFoundError, IsADirectoryError))
                           else "ftruncate", path) from None


def ftruncate(fd: int, length: int) -> None:
    try:
        os.ftruncate(fd, length)
    except OSError as e:
        raise uv_exception(e, "ftruncate") from None


def fsync(fd: int) -> None:
    try:
        os.fsync(fd)
    except OSError as e:
        raise uv_exception(e, "fsync") from None


def utimes(path: Any, atime: float, mtime: float) -> None:
    try:
        os.utime(path, (atime, mtime))
    except OSError as e:
        raise uv_exception(e, "utime", path) from None


def mkdtemp(prefix: Any) -> Any:
    try:
        return _mkdtemp(prefix)
    except OSError as e:
        raise uv_exception(e, "mkdtemp", f"{prefix}XXXXXX") from None


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _mkdtemp(prefix: Any) -> Any:
    # mkdtemp(3): six random characters replace XXXXXX; retry on collision.
    import secrets

    for _ in range(100):
        suffix = "".join(secrets.choice(_ALNUM) for _ in range(6))
        path = prefix + (suffix.encode() if isinstance(prefix, bytes) else suffix)
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(17, "File exists")
