"""Argument handling shared by every fs entry point (Node's ``internal/fs/utils.js``).

Invariant kept here: each fs function validates its arguments with these
helpers *before* any I/O, so bad input raises synchronously with Node 10's
error class, ``.code`` and message, whichever form (callback, Sync, promise)
was called.
"""

from __future__ import annotations

import os
import stat as _stat
from typing import Any, Callable

from ..buffer import decode, encode, normalize_encoding
from ..errors import NodeTypeError, invalid_arg_type

__all__ = [
    "get_path", "get_options", "make_callback", "string_to_flags", "mode_num",
    "to_bytes", "decode_result", "constants",
]

#: ``fs.constants`` (Linux values, as Node 10 on Linux lists them).
constants: dict[str, int] = {
    "UV_FS_SYMLINK_DIR": 1, "UV_FS_SYMLINK_JUNCTION": 2,
    "O_RDONLY": os.O_RDONLY, "O_WRONLY": os.O_WRONLY, "O_RDWR": os.O_RDWR,
    "UV_DIRENT_UNKNOWN": 0, "UV_DIRENT_FILE": 1, "UV_DIRENT_DIR": 2, "UV_DIRENT_LINK": 3,
    "UV_DIRENT_FIFO": 4, "UV_DIRENT_SOCKET": 5, "UV_DIRENT_CHAR": 6, "UV_DIRENT_BLOCK": 7,
    "S_IFMT": _stat.S_IFMT(0o177777), "S_IFREG": _stat.S_IFREG, "S_IFDIR": _stat.S_IFDIR,
    "S_IFCHR": _stat.S_IFCHR, "S_IFBLK": _stat.S_IFBLK, "S_IFIFO": _stat.S_IFIFO,
    "S_IFLNK": _stat.S_IFLNK, "S_IFSOCK": _stat.S_IFSOCK,
    "O_CREAT": os.O_CREAT, "O_EXCL": os.O_EXCL, "O_NOCTTY": os.O_NOCTTY, "O_TRUNC": os.O_TRUNC,
    "O_APPEND": os.O_APPEND, "O_DIRECTORY": os.O_DIRECTORY, "O_NOATIME": getattr(os, "O_NOATIME", 0o1000000),
    "O_NOFOLLOW": os.O_NOFOLLOW, "O_SYNC": os.O_SYNC, "O_DSYNC": os.O_DSYNC,
    "O_DIRECT": getattr(os, "O_DIRECT", 0o40000), "O_NONBLOCK": os.O_NONBLOCK,
    "S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
    "S_IRWXG": 0o70, "S_IRGRP": 0o40, "S_IWGRP": 0o20, "S_IXGRP": 0o10,
    "S_IRWXO": 0o7, "S_IROTH": 0o4, "S_IWOTH": 0o2, "S_IXOTH": 0o1,
    "F_OK": 0, "R_OK": 4, "W_OK": 2, "X_OK": 1,
    "UV_FS_COPYFILE_EXCL": 1, "COPYFILE_EXCL": 1,
    "UV_FS_COPYFILE_FICLONE": 2, "COPYFILE_FICLONE": 2,
    "UV_FS_COPYFILE_FICLONE_FORCE": 4, "COPYFILE_FICLONE_FORCE": 4,
}


def get_path(path: Any, name: str = "path") -> str | bytes:
    """Node's ``toPathIfFileURL`` + ``validatePath``: a str/bytes path without NUL."""
    if isinstance(path, (str, bytes, bytearray)):
        p = path
    elif getattr(path, "protocol", None) == "file:" and hasattr(path, "pathname"):
        from urllib.parse import unquote

        p = unquote(path.pathname)
    else:
        raise invalid_arg_type(name, ["string", "Buffer", "URL"], path)
    if (b"\0" if isinstance(p, (bytes, bytearray)) else "\0") in p:
        shown = p.replace("\0", "\\u0000") if isinstance(p, str) else repr(bytes(p))
        raise NodeTypeError(f"The argument '{name}' must be a string or Uint8Array without "
                            f"null bytes. Received '{shown}'", "ERR_INVALID_ARG_VALUE")
    return bytes(p) if isinstance(p, bytearray) else p


def get_options(options: Any, defaults: dict) -> dict:
    """Node's ``getOptions``: None → defaults, a string is the encoding, a dict merges."""
    if options is None or callable(options):
        return dict(defaults)
    if isinstance(options, str):
        out = dict(defaults)
        out["encoding"] = options
    elif isinstance(options, dict):
        out = {**defaults, **options}
    else:
        raise invalid_arg_type("options", ["string", "Object"], options)
    enc = out.get("encoding")
    if enc is not None and enc != "buffer":
        try:
            normalize_encoding(enc)
        except TypeError:
            raise NodeTypeError(f'The value "{enc}" is invalid for option "encoding"',
                                "ERR_INVALID_OPT_VALUE_ENCODING") from None
    return out


def make_callback(cb: Any) -> Callable:
    """Node 10's ``makeCallback``: a function, else ERR_INVALID_CALLBACK."""
    if not callable(cb):
        raise NodeTypeError("Callback must be a function", "ERR_INVALID_CALLBACK")
    return cb


_FLAGS = {
    "r": os.O_RDONLY, "rs": os.O_RDONLY | os.O_SYNC, "sr": os.O_RDONLY | os.O_SYNC,
    "r+": os.O_RDWR, "rs+": os.O_RDWR | os.O_SYNC, "sr+": os.O_RDWR | os.O_SYNC,
    "w": os.O_TRUNC | os.O_CREAT | os.O_WRONLY,
    "wx": os.O_TRUNC | os.O_CREAT | os.O_WRONLY | os.O_EXCL,
    "xw": os.O_TRUNC | os.O_CREAT | os.O_WRONLY | os.O_EXCL,
    "w+": os.O_TRUNC | os.O_CREAT | os.O_RDWR,
    "wx+": os.O_TRUNC | os.O_CREAT | os.O_RDWR | os.O_EXCL,
    "xw+": os.O_TRUNC | os.O_CREAT | os.O_RDWR | os.O_EXCL,
    "a": os.O_APPEND | os.O_CREAT | os.O_WRONLY,
    "ax": os.O_APPEND | os.O_CREAT | os.O_WRONLY | os.O_EXCL,
    "xa": os.O_APPEND | os.O_CREAT | os.O_WRONLY | os.O_EXCL,
    "as": os.O_APPEND | os.O_CREAT | os.O_WRONLY | os.O_SYNC,
    "sa": os.O_APPEND | os.O_CREAT | os.O_WRONLY | os.O_SYNC,
    "a+": os.O_APPEND | os.O_CREAT | os.O_RDWR,
    "ax+": os.O_APPEND | os.O_CREAT | os.O_RDWR | os.O_EXCL,
    "xa+": os.O_APPEND | os.O_CREAT | os.O_RDWR | os.O_EXCL,
    "as+": os.O_APPEND | os.O_CREAT | os.O_RDWR | os.O_SYNC,
    "sa+": os.O_APPEND | os.O_CREAT | os.O_RDWR | os.O_SYNC,
}


def string_to_flags(flags: Any) -> int:
    """Node's ``stringToFlags``: ``'r'``, ``'w+'``, ``'ax'``… or a number."""
    if isinstance(flags, int) and not isinstance(flags, bool):
        return flags
    if flags is None:
        return os.O_RDONLY
    f = _FLAGS.get(flags) if isinstance(flags, str) else None
    if f is None:
        raise NodeTypeError(f'The value "{flags}" is invalid for option "flags"',
                            "ERR_INVALID_OPT_VALUE")
    return f | os.O_CLOEXEC


def mode_num(mode: Any, default: int | None) -> int:
    """Node's ``validateMode``: an int, an octal string, or the default (None: required)."""
    if mode is None and default is not None:
        return default
    if isinstance(mode, int) and not isinstance(mode, bool):
        return mode
    if isinstance(mode, str):
        try:
            return int(mode, 8)
        except ValueError:
            pass
    shown = "undefined" if mode is None else f"'{mode}'" if isinstance(mode, str) else repr(mode)
    raise NodeTypeError("The argument 'mode' must be a 32-bit unsigned integer or an octal "
                        f"string. Received {shown}", "ERR_INVALID_ARG_VALUE")




def to_bytes(data: Any, encoding: str | None = "utf8", name: str = "data") -> bytes:
    """What Node writes for ``data``: bytes as they are, a string in ``encoding``."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return encode(data, encoding or "utf8")
    # Node 10 writes String(data) for other values (writeFile's legacy path).
    if isinstance(data, bool):
        return b"true" if data else b"false"
    if isinstance(data, (int, float)):
        return str(data).encode()
    raise invalid_arg_type(name, ["string", "Buffer", "TypedArray", "DataView"], data)


def decode_result(value: Any, encoding: str | None) -> Any:
    """A path or buffer result in the caller's ``encoding`` (``'buffer'``: bytes)."""
    if encoding == "buffer":
        return value if isinstance(value, bytes) else os.fsencode(value)
    if isinstance(value, bytes):
        if encoding is None:
            return value
        return decode(value, encoding)
    return value
