"""``fs.Stats`` and ``fs.Dirent`` (Node's ``internal/fs/utils.js``).

Invariant kept here: a :class:`Stats` carries exactly Node 10's fields, in
Node's order (dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
atimeMs…birthtimeMs, atime…birthtime).  ``*Ms`` fields are floats computed as
Node does (``sec * 1e3 + nsec / 1e6``); the date fields are timezone-aware
UTC ``datetime`` objects at millisecond precision (JavaScript's ``Date``);
``birthtime`` is the epoch where the platform does not report it (Linux, as
in Node 10).
"""

from __future__ import annotations

import os
import stat as _stat
from datetime import datetime, timedelta, timezone
from typing import Any

__all__ = ["Stats", "Dirent"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_FIELDS = ("dev", "mode", "nlink", "uid", "gid", "rdev", "blksize", "ino", "size", "blocks",
           "atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs", "atime", "mtime", "ctime", "birthtime")


def _ms(ns: int) -> float:
    sec, nsec = divmod(ns, 1_000_000_000)
    return sec * 1e3 + nsec / 1e6


def _date(ms: float) -> datetime:
    """JavaScript's ``new Date(ms)``: millisecond precision, UTC."""
    return _EPOCH + timedelta(milliseconds=round(ms))


class Stats:
    """Node's ``fs.Stats``: what ``stat``/``lstat``/``fstat`` return.

    ``st.isFile()``, ``st.isDirectory()``, ``st.isSymbolicLink()``… and the
    fields ``st.size``, ``st.mode``, ``st.mtimeMs``, ``st.mtime``…
    """

    __slots__ = _FIELDS

    def __init__(self, dev: int, mode: int, nlink: int, uid: int, gid: int, rdev: int,
                 blksize: int, ino: int, size: int, blocks: int, atimeMs: float, mtimeMs: float,
                 ctimeMs: float, birthtimeMs: float) -> None:
        self.dev = dev
        self.mode = mode
        self.nlink = nlink
        self.uid = uid
        self.gid = gid
        self.rdev = rdev
        self.blksize = blksize
        self.ino = ino
        self.size = size
        self.blocks = blocks
        self.atimeMs = atimeMs
        self.mtimeMs = mtimeMs
        self.ctimeMs = ctimeMs
        self.birthtimeMs = birthtimeMs
        self.atime = _date(atimeMs)
        self.mtime = _date(mtimeMs)
        self.ctime = _date(ctimeMs)
        self.birthtime = _date(birthtimeMs)

    @classmethod
    def _from_os(cls, st: os.stat_result) -> Stats:
        birth = getattr(st, "st_birthtime_ns", None)
        return cls(st.st_dev, st.st_mode, st.st_nlink, st.st_uid, st.st_gid, st.st_rdev,
                   st.st_blksize, st.st_ino, st.st_size, st.st_blocks, _ms(st.st_atime_ns),
                   _ms(st.st_mtime_ns), _ms(st.st_ctime_ns), _ms(birth) if birth else 0)

    def _checkModeProperty(self, kind: int) -> bool:
        return (self.mode & _stat.S_IFMT(0o177777)) == kind

    def isDirectory(self) -> bool:
        """Whether this is a directory."""
        return self._checkModeProperty(_stat.S_IFDIR)

    def isFile(self) -> bool:
        """Whether this is a regular file."""
        return self._checkModeProperty(_stat.S_IFREG)

    def isBlockDevice(self) -> bool:
        """Whether this is a block device."""
        return self._checkModeProperty(_stat.S_IFBLK)

    def isCharacterDevice(self) -> bool:
        """Whether this is a character device."""
        return self._checkModeProperty(_stat.S_IFCHR)

    def isSymbolicLink(self) -> bool:
        """Whether this is a symbolic link (only ``lstat`` can say so)."""
        return self._checkModeProperty(_stat.S_IFLNK)

    def isFIFO(self) -> bool:
        """Whether this is a FIFO."""
        return self._checkModeProperty(_stat.S_IFIFO)

    def isSocket(self) -> bool:
        """Whether this is a socket."""
        return self._checkModeProperty(_stat.S_IFSOCK)

    def toJSON(self) -> dict[str, Any]:
        """What ``JSON.stringify(stats)`` shows: the fields, dates as ISO strings."""
        out: dict[str, Any] = {}
        for k in _FIELDS:
            v = getattr(self, k)
            out[k] = _iso(v) if isinstance(v, datetime) else v
        return out

    def __repr__(self) -> str:
        body = ", ".join(f"{k}: {_iso(v) if isinstance(v, datetime) else v!r}"
                         for k, v in ((k, getattr(self, k)) for k in _FIELDS))
        return f"Stats {{ {body} }}"


def _iso(d: datetime) -> str:
    """JavaScript's ``Date.prototype.toISOString``."""
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


#: Python's ``DirEntry`` types → libuv's ``UV_DIRENT_*``.
UV_DIRENT_UNKNOWN, UV_DIRENT_FILE, UV_DIRENT_DIR, UV_DIRENT_LINK = 0, 1, 2, 3
UV_DIRENT_FIFO, UV_DIRENT_SOCKET, UV_DIRENT_CHAR, UV_DIRENT_BLOCK = 4, 5, 6, 7
_IFMT_TO_DIRENT = {
    _stat.S_IFREG: UV_DIRENT_FILE, _stat.S_IFDIR: UV_DIRENT_DIR, _stat.S_IFLNK: UV_DIRENT_LINK,
    _stat.S_IFIFO: UV_DIRENT_FIFO, _stat.S_IFSOCK: UV_DIRENT_SOCKET,
    _stat.S_IFCHR: UV_DIRENT_CHAR, _stat.S_IFBLK: UV_DIRENT_BLOCK,
}


class Dirent:
    """Node's ``fs.Dirent`` (``readdir(path, {withFileTypes: true})``, Node 10.10+)."""

    __slots__ = ("name", "_type")

    def __init__(self, name: str | bytes, type: int) -> None:
        self.name = name
        self._type = type

    @classmethod
    def _from_entry(cls, name: Any, entry: os.DirEntry) -> Dirent:
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
            kind = _IFMT_TO_DIRENT.get(_stat.S_IFMT(mode), UV_DIRENT_UNKNOWN)
        except OSError:
            kind = UV_DIRENT_UNKNOWN
        return cls(name, kind)

    def isDirectory(self) -> bool:
        """Whether the entry is a directory."""
        return self._type == UV_DIRENT_DIR

    def isFile(self) -> bool:
        """Whether the entry is a regular file."""
        return self._type == UV_DIRENT_FILE

    def isBlockDevice(self) -> bool:
        """Whether the entry is a block device."""
        return self._type == UV_DIRENT_BLOCK

    def isCharacterDevice(self) -> bool:
        """Whether the entry is a character device."""
        return self._type == UV_DIRENT_CHAR

    def isSymbolicLink(self) -> bool:
        """Whether the entry is a symbolic link."""
        return self._type == UV_DIRENT_LINK

    def isFIFO(self) -> bool:
        """Whether the entry is a FIFO."""
        return self._type == UV_DIRENT_FIFO

    def isSocket(self) -> bool:
        """Whether the entry is a socket."""
        return self._type == UV_DIRENT_SOCKET

    def toJSON(self) -> dict[str, Any]:
        """``JSON.stringify(dirent)``: ``{"name": ...}`` (the type is a symbol in Node)."""
        return {"name": self.name}

    def __repr__(self) -> str:
        return f"Dirent {{ name: {self.name!r}, [Symbol(type)]: {self._type} }}"
