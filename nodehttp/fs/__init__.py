"""Node's ``fs`` module (``from nodehttp import fs`` / ``require('fs')``), Node 10 semantics.

The parts http programs use: ``createReadStream``/``createWriteStream``
(:mod:`.streams`), the callback API (:mod:`.callbacks`), the ``*Sync`` API
(:mod:`.sync`), :class:`Stats`/:class:`Dirent` (:mod:`.stats`),
``fs.constants`` and ``fs.promises`` (:mod:`.promises`).

Invariants: callback I/O runs on libuv's threadpool (:mod:`._threadpool`,
``UV_THREADPOOL_SIZE`` threads) and completes as a loop entry; every form
validates its arguments synchronously with Node's errors; system errors are
:class:`~nodehttp.errors.UVException` (an ``OSError``) with Node's ``code``,
negative ``errno``, ``syscall``, ``path``/``dest`` and message.  See docs/fs.md.
"""

from __future__ import annotations

from typing import Any

from ._utils import constants
from .callbacks import (
    access, appendFile, chmod, close, copyFile, exists, fchmod, fdatasync, fstat, fsync,
    ftruncate, lstat, mkdir, mkdtemp, open, read, readdir, readFile, readlink, realpath, rename,
    rmdir, stat, symlink, truncate, unlink, utimes, write, writeFile,
)
from .stats import Dirent, Stats
from .streams import ReadStream, WriteStream, createReadStream, createWriteStream
from .sync import (
    accessSync, appendFileSync, chmodSync, closeSync, copyFileSync, existsSync, fchmodSync,
    fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, mkdirSync, mkdtempSync,
    openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, renameSync,
    rmdirSync, statSync, symlinkSync, truncateSync, unlinkSync, utimesSync, writeFileSync,
    writeSync,
)

__all__ = [
    "access", "appendFile", "chmod", "close", "copyFile", "exists", "fchmod", "fdatasync",
    "fstat", "fsync", "ftruncate", "lstat", "mkdir", "mkdtemp", "open", "read", "readdir",
    "readFile", "readlink", "realpath", "rename", "rmdir", "stat", "symlink", "truncate",
    "unlink", "utimes", "write", "writeFile",
    "accessSync", "appendFileSync", "chmodSync", "closeSync", "copyFileSync", "existsSync",
    "fchmodSync", "fdatasyncSync", "fstatSync", "fsyncSync", "ftruncateSync", "lstatSync",
    "mkdirSync", "mkdtempSync", "openSync", "readdirSync", "readFileSync", "readlinkSync",
    "readSync", "realpathSync", "renameSync", "rmdirSync", "statSync", "symlinkSync",
    "truncateSync", "unlinkSync", "utimesSync", "writeFileSync", "writeSync",
    "createReadStream", "createWriteStream", "ReadStream", "WriteStream", "Stats", "Dirent",
    "constants", "F_OK", "R_OK", "W_OK", "X_OK", "promises",
]

#: Node's legacy top-level access modes (also in ``fs.constants``).
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
#: Node's legacy names of the stream classes.
FileReadStream = ReadStream
FileWriteStream = WriteStream

_warned = False


def __getattr__(name: str) -> Any:
    # ``fs.promises`` is a getter in Node 10 that warns once: the API is experimental.
    if name == "promises":
        global _warned
        import importlib

        promises = importlib.import_module(__name__ + ".promises")

        if not _warned:
            _warned = True
            from .._process import process

            process.emitWarning("The fs.promises API is experimental", "ExperimentalWarning")
        return promises
    raise AttributeError(f"module 'nodehttp.fs' has no attribute {name!r}")
