"""One description per fs operation, shared by the callback, Sync and promise forms.

Invariant kept here: ``prepare_<op>(...)`` validates and normalizes the
arguments exactly as Node 10's ``fs.<op>`` does (raising synchronously on
bad input) and returns a :class:`Req`: the blocking ``work`` function of
:mod:`._binding`, its arguments, and ``post``, which turns the work's result
into the values Node hands the callback after ``err`` (a tuple).  The three
API forms differ only in *where* ``work`` runs and how the values come back.
"""

from __future__ import annotations

import math
import os
from typing import Any, Callable, NamedTuple

from ..errors import NodeTypeError, RangeError, invalid_arg_type, js_typeof
from . import _binding as b
from ._utils import (
    decode_result, get_options, get_path, mode_num, string_to_flags, to_bytes,
)


class Req(NamedTuple):
    """A prepared fs request: ``post(work(*args))`` are the callback's values."""

    work: Callable
    args: tuple
    post: Callable[[Any], tuple]


def _one(value: Any) -> tuple:
    return (value,)


def _none(_: Any) -> tuple:
    return ()


def _decoder(encoding: Any) -> Callable[[Any], tuple]:
    if encoding is None:
        return _one

    def post(value: Any) -> tuple:
        return (decode_result(value, encoding),)

    return post


def _file_arg(path: Any) -> Any:
    """A path, or an fd (readFile/writeFile accept both)."""
    if isinstance(path, int) and not isinstance(path, bool):
        return fd_arg(path)
    return get_path(path)


def js_string(value: Any) -> str:
    """JavaScript's ``String(value)`` for the values writeFile stringifies (Node 10)."""
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        if math.isnan(value):
            return "NaN"
        return repr(value)
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, (list, tuple)):
        return ",".join("" if v is None else js_string(v) for v in value)
    return str(value)


def _data(data: Any, encoding: Any) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview, str)):
        return to_bytes(data, encoding)
    return to_bytes(js_string(data), encoding)


def _uint32(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_arg_type(name, "number", value)
    if not float(value).is_integer():
        raise RangeError(f'The value of "{name}" is out of range. It must be an integer. '
                         f"Received {value}", "ERR_OUT_OF_RANGE")
    if not 0 <= value < 4294967296:
        raise RangeError(f'The value of "{name}" is out of range. It must be >= 0 && < 4294967296. '
                         f"Received {value}", "ERR_OUT_OF_RANGE")
    return int(value)


def fd_arg(fd: Any) -> int:
    """Node 10's ``validateUint32(fd, 'fd')``."""
    return _uint32(fd, "fd")


# -- whole files --------------------------------------------------------------------


def prepare_readFile(path: Any, options: Any) -> Req:
    opts = get_options(options, {"flag": "r"})
    target = _file_arg(path)
    return Req(b.read_file, (target, string_to_flags(opts.get("flag") or "r")),
               _decoder(opts.get("encoding")))


def prepare_writeFile(path: Any, data: Any, options: Any, flag: str = "w") -> Req:
    opts = get_options(options, {"encoding": "utf8", "mode": 0o666, "flag": flag})
    target = _file_arg(path)
    payload = _data(data, opts.get("encoding"))
    return Req(b.write_file, (target, payload, string_to_flags(opts.get("flag") or flag),
                              mode_num(opts.get("mode"), 0o666)), _none)


def prepare_appendFile(path: Any, data: Any, options: Any) -> Req:
    opts = get_options(options, {"encoding": "utf8", "mode": 0o666, "flag": "a"})
    if not opts.get("flag") or isinstance(path, int):
        opts["flag"] = "a"
    return prepare_writeFile(path, data, opts, "a")


# -- metadata -------------------------------------------------------------------------


def prepare_stat(path: Any) -> Req:
    return Req(b.stat, (get_path(path),), _one)


def prepare_lstat(path: Any) -> Req:
    return Req(b.lstat, (get_path(path),), _one)


def prepare_fstat(fd: Any) -> Req:
    return Req(b.fstat, (fd_arg(fd),), _one)


def prepare_access(path: Any, mode: Any) -> Req:
    p = get_path(path)
    m = 0 if mode is None else (int(mode) if isinstance(mode, (int, float)) else 0)
    return Req(b.access, (p, m), _none)


def prepare_exists(path: Any) -> Req:
    return Req(b.exists, (get_path(path),), _one)


def prepare_chmod(path: Any, mode: Any) -> Req:
    p = get_path(path)
    return Req(b.chmod, (p, _mode_required(mode)), _none)


def prepare_fchmod(fd: Any, mode: Any) -> Req:
    return Req(b.fchmod, (fd_arg(fd), _mode_required(mode)), _none)


def _mode_required(mode: Any) -> int:
    return mode_num(mode, None)


def prepare_utimes(path: Any, atime: Any, mtime: Any) -> Req:
    def secs(t: Any) -> float:
        if hasattr(t, "timestamp"):
            return t.timestamp()
        return float(t)

    return Req(b.utimes, (get_path(path), secs(atime), secs(mtime)), _none)


# -- directories --------------------------------------------------------------------


def prepare_mkdir(path: Any, options: Any) -> Req:
    p = get_path(path)
    recursive = False
    mode: Any = 0o777
    if isinstance(options, (int, str)) and not isinstance(options, bool):
        mode = options
    elif isinstance(options, dict):
        recursive = bool(options.get("recursive", False))
        if options.get("mode") is not None:
            mode = options["mode"]
        if not isinstance(options.get("recursive", False), bool):
            raise invalid_arg_type("recursive", "boolean", options.get("recursive"))
    return Req(b.mkdir, (p, mode_num(mode, 0o777), recursive), _none)


def prepare_readdir(path: Any, options: Any) -> Req:
    opts = get_options(options, {})
    p = get_path(path)
    enc = opts.get("encoding")
    with_types = bool(opts.get("withFileTypes"))
    if isinstance(p, bytes) and enc is None:
        enc = "utf8"

    def post(names: list) -> tuple:
        if with_types:
            for d in names:
                d.name = _name(d.name, enc)
            return (names,)
        return ([_name(n, enc) for n in names],)

    return Req(b.readdir, (p, with_types), post)


def _name(name: Any, enc: Any) -> Any:
    if enc == "buffer":
        return os.fsencode(name)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    return name


def prepare_rmdir(path: Any) -> Req:
    return Req(b.rmdir, (get_path(path),), _none)


def prepare_mkdtemp(prefix: Any, options: Any) -> Req:
    opts = get_options(options, {})
    if not prefix or not isinstance(prefix, str):
        # Node 10's message says "Received type string" for ''.
        raise NodeTypeError('The "prefix" argument must be of type string. '
                            f"Received type {js_typeof(prefix)}", "ERR_INVALID_ARG_TYPE")
    get_path(prefix, "prefix")
    return Req(b.mkdtemp, (prefix,), _decoder(opts.get("encoding")))


# -- names --------------------------------------------------------------------------


def prepare_unlink(path: Any) -> Req:
    return Req(b.unlink, (get_path(path),), _none)


def prepare_rename(old: Any, new: Any) -> Req:
    return Req(b.rename, (get_path(old, "oldPath"), get_path(new, "newPath")), _none)


def prepare_copyFile(src: Any, dest: Any, flags: Any) -> Req:
    s = get_path(src, "src")
    d = get_path(dest, "dest")
    return Req(b.copyfile, (s, d, int(flags or 0)), _none)


def prepare_realpath(path: Any, options: Any, native: bool = False) -> Req:
    opts = get_options(options, {})
    return Req(b.realpath_native if native else b.realpath, (get_path(path),),
               _decoder(opts.get("encoding")))


def prepare_symlink(target: Any, path: Any) -> Req:
    return Req(b.symlink, (get_path(target, "target"), get_path(path)), _none)


def prepare_readlink(path: Any, options: Any) -> Req:
    opts = get_options(options, {})
    return Req(b.readlink, (get_path(path, "oldPath"),), _decoder(opts.get("encoding")))


def prepare_truncate(path: Any, length: Any) -> Req:
    n = 0 if length is None else _length(length)
    if isinstance(path, int) and not isinstance(path, bool):
        return Req(b.ftruncate, (fd_arg(path), n), _none)
    return Req(b.truncate, (get_path(path), n), _none)


def prepare_ftruncate(fd: Any, length: Any) -> Req:
    return Req(b.ftruncate, (fd_arg(fd), 0 if length is None else _length(length)), _none)


def _length(length: Any) -> int:
    if isinstance(length, bool) or not isinstance(length, (int, float)):
        raise invalid_arg_type("len", "number", length)
    return max(int(length), 0)


# -- descriptors --------------------------------------------------------------------


def prepare_open(path: Any, flags: Any, mode: Any) -> Req:
    p = get_path(path)
    return Req(b.open, (p, string_to_flags("r" if flags is None else flags), mode_num(mode, 0o666)),
               _one)


def prepare_close(fd: Any) -> Req:
    return Req(b.close, (fd_arg(fd),), _none)


def prepare_fsync(fd: Any) -> Req:
    return Req(b.fsync, (fd_arg(fd),), _none)


def prepare_read(fd: Any, buffer: Any, offset: Any, length: Any, position: Any) -> Req:
    fd = fd_arg(fd)
    if not isinstance(buffer, (bytearray, memoryview)):
        if isinstance(buffer, bytes):
            raise NodeTypeError("fs.read needs a mutable buffer: pass a bytearray (Python bytes "
                                "cannot be filled in place)", "ERR_INVALID_ARG_TYPE")
        raise invalid_arg_type("buffer", ["Buffer", "TypedArray", "DataView"], buffer)
    offset = 0 if offset is None else int(offset)
    length = len(buffer) - offset if length is None else int(length)
    if offset < 0 or offset > len(buffer):
        raise RangeError(f'The value of "offset" is out of range. It must be >= 0 && <= '
                         f"{len(buffer)}. Received {offset}", "ERR_OUT_OF_RANGE")
    if length < 0 or offset + length > len(buffer):
        raise RangeError(f'The value of "length" is out of range. It must be >= 0 && <= '
                         f"{len(buffer) - offset}. Received {length}", "ERR_OUT_OF_RANGE")
    pos = position if isinstance(position, int) and not isinstance(position, bool) else None

    def post(n: int) -> tuple:
        return (n, buffer)

    return Req(b.readinto, (fd, buffer, offset, length, pos), post)


def prepare_write(fd: Any, buffer: Any, offset: Any = None, length: Any = None,
                  position: Any = None) -> Req:
    """Both of Node's forms: ``(fd, buffer, offset, length, position)`` and
    ``(fd, string, position, encoding)`` (``offset``/``length`` are then
    position/encoding)."""
    fd = fd_arg(fd)
    if isinstance(buffer, (bytes, bytearray, memoryview)):
        data = bytes(buffer)
        off = 0 if offset is None else int(offset)
        ln = len(data) - off if length is None else int(length)
        if off < 0 or off > len(data):
            raise RangeError(f'The value of "offset" is out of range. It must be >= 0 && <= '
                             f"{len(data)}. Received {off}", "ERR_OUT_OF_RANGE")
        if ln < 0 or off + ln > len(data):
            raise RangeError(f'The value of "length" is out of range. It must be >= 0 && <= '
                             f"{len(data) - off}. Received {ln}", "ERR_OUT_OF_RANGE")
        chunk = data[off:off + ln]
        pos = position if isinstance(position, int) and not isinstance(position, bool) else None

        def post(n: int) -> tuple:
            return (n, buffer)

        return Req(b.write, (fd, chunk, pos), post)
    # the string form: write(fd, string[, position[, encoding]])
    string = buffer if isinstance(buffer, str) else js_string(buffer)
    pos = offset if isinstance(offset, int) and not isinstance(offset, bool) else None
    enc = length if isinstance(length, str) else "utf8"

    def post_s(n: int) -> tuple:
        return (n, buffer)

    return Req(b.write, (fd, to_bytes(string, enc), pos), post_s)

