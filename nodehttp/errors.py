"""Node-style errors (the role of Node's ``internal/errors.js``).

Every error nodehttp raises or emits carries Node's ``.code`` and Node's
message, available both as ``str(err)`` and ``err.message``.  Node's
``TypeError`` maps to :class:`NodeTypeError` (a Python ``TypeError``) and
Node's ``RangeError`` to :class:`RangeError` (a Python ``ValueError``), per
PORTING.md.
"""

from __future__ import annotations

import errno as _errno
import os
from typing import Any

__all__ = [
    "NodeError",
    "NodeTypeError",
    "RangeError",
    "node_error",
    "sys_error",
    "connection_reset",
]


class NodeError(Exception):
    """Node's ``Error``: a message plus an optional ``.code``."""

    code: str | None = None

    def __init__(self, message: str = "", code: str | None = None, **props: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        for k, v in props.items():
            setattr(self, k, v)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        if self.code:
            return f"{type(self).__name__} [{self.code}]: {self.message}"
        return f"{type(self).__name__}: {self.message}"


class NodeTypeError(NodeError, TypeError):
    """Node's ``TypeError`` (is-a Python ``TypeError``)."""


class RangeError(NodeError, ValueError):
    """Node's ``RangeError`` (is-a Python ``ValueError``)."""


_KINDS = {"Error": NodeError, "TypeError": NodeTypeError, "RangeError": RangeError}


def node_error(code: str | None, message: str, kind: str = "Error", **props: Any) -> NodeError:
    """Build (not raise) an error of Node's class ``kind`` with ``.code``."""
    return _KINDS[kind](message, code, **props)


def sys_error(
    code: str,
    syscall: str,
    address: str | None = None,
    port: int | None = None,
    **props: Any,
) -> NodeError:
    """A libuv-style system error as Node builds it (``exceptionWithHostPort``).

    ``str(err)`` is e.g. ``connect ECONNREFUSED 127.0.0.1:80``; ``err.errno``
    is Node's negative errno (``-111``), ``err.syscall``, ``err.address`` and
    ``err.port`` are set as in Node.
    """
    details = ""
    if address is not None:
        details = f" {address}:{port}" if port is not None else f" {address}"
    num = getattr(_errno, code, None)
    err = NodeError(f"{syscall} {code}{details}", code, errno=-num if num else code, syscall=syscall)
    if address is not None:
        err.address = address
    if port is not None:
        err.port = port
    for k, v in props.items():
        setattr(err, k, v)
    return err


def from_oserror(exc: BaseException, syscall: str, address: str | None = None,
                 port: int | None = None) -> NodeError:
    """Translate a Python ``OSError`` into Node's system error (same code names)."""
    if isinstance(exc, NodeError):
        return exc
    num = getattr(exc, "errno", None)
    code = _errno.errorcode.get(num, "EIO") if isinstance(num, int) else None
    if code is None:
        if isinstance(exc, ConnectionResetError):
            code = "ECONNRESET"
        elif isinstance(exc, BrokenPipeError):
            code = "EPIPE"
        elif isinstance(exc, ConnectionRefusedError):
            code = "ECONNREFUSED"
        else:
            code = "EIO"
    return sys_error(code, syscall, address, port)


def connection_reset(message: str = "socket hang up") -> NodeError:
    """Node's ``connResetException``: ``socket hang up`` with code ECONNRESET."""
    return NodeError(message, "ECONNRESET")


def js_typeof(value: Any) -> str:
    """JavaScript's ``typeof`` of the Python value a port passes (``None`` is
    JavaScript's ``undefined``/``null``; Node 10's messages say ``object`` for null)."""
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if callable(value):
        return "function"
    return "object"


def invalid_arg_type(name: str, expected: str | list[str], actual: Any) -> NodeTypeError:
    """Node 10's ``ERR_INVALID_ARG_TYPE`` (``internal/errors.js`` invalidArgType).

    ``invalid_arg_type('msecs', 'number', 'x')`` → ``The "msecs" argument must
    be of type number. Received type string``; a dotted name is a
    ``property``; a list of types reads ``one of type a, b, or c``.
    """
    types = [expected] if isinstance(expected, str) else list(expected)
    if len(types) > 2:
        want = f"one of type {', '.join(types[:-1])}, or {types[-1]}"
    elif len(types) == 2:
        want = f"one of type {types[0]} or {types[1]}"
    else:
        want = f"of type {types[0]}"
    if name.endswith(" argument"):
        subject = f"The {name}"
    else:
        subject = f'The "{name}" {"property" if "." in name else "argument"}'
    return NodeTypeError(f"{subject} must be {want}. Received type {js_typeof(actual)}",
                         "ERR_INVALID_ARG_TYPE")


def strerror(code: str) -> str:
    """The C library's text for an errno name (used in a few Node messages)."""
    num = getattr(_errno, code, None)
    return os.strerror(num) if num else code


# -- libuv system errors as Node's fs raises them (uvException) -----------------

#: libuv's ``uv_strerror`` texts, which Node puts in fs messages (they differ
#: from the C library's: EISDIR is "illegal operation on a directory").
UV_MESSAGES = {
    "E2BIG": "argument list too long", "EACCES": "permission denied",
    "EADDRINUSE": "address already in use", "EAGAIN": "resource temporarily unavailable",
    "EBADF": "bad file descriptor", "EBUSY": "resource busy or locked",
    "ECANCELED": "operation canceled", "EEXIST": "file already exists",
    "EFAULT": "bad address in system call argument", "EFBIG": "file too large",
    "EINTR": "interrupted system call", "EINVAL": "invalid argument", "EIO": "i/o error",
    "EISDIR": "illegal operation on a directory", "ELOOP": "too many symbolic links encountered",
    "EMFILE": "too many open files", "EMLINK": "too many links", "ENAMETOOLONG": "name too long",
    "ENFILE": "file table overflow", "ENODEV": "no such device",
    "ENOENT": "no such file or directory", "ENOMEM": "not enough memory",
    "ENOSPC": "no space left on device", "ENOSYS": "function not implemented",
    "ENOTDIR": "not a directory", "ENOTEMPTY": "directory not empty",
    "ENOTSUP": "operation not supported on socket", "ENXIO": "no such device or address",
    "EPERM": "operation not permitted", "EPIPE": "broken pipe",
    "EROFS": "read-only file system", "ESPIPE": "invalid seek", "ETXTBSY": "text file is busy",
    "EXDEV": "cross-device link not permitted",
}


class UVException(NodeError, OSError):
    """A libuv error as Node's ``uvException`` builds it (fs calls).

    ``str(err)`` is ``ENOENT: no such file or directory, open 'x'``;
    ``err.code``, ``err.syscall``, ``err.path`` (and ``err.dest``) as in Node;
    ``err.errno`` is Node 10's *negative* number (-2).  It is an ``OSError``,
    and for codes Python names (ENOENT, EEXIST, EISDIR, ...) also that
    subclass, so ``except FileNotFoundError`` works.
    """


_SYSTEM_ERROR_CLASSES: dict[str, type] = {}


def uv_exception(err: BaseException | str, syscall: str, path: Any = None,
                 dest: Any = None) -> UVException:
    """Node's ``uvException``: ``err`` is a Python ``OSError`` or an errno name."""
    if isinstance(err, str):
        code, num = err, getattr(_errno, err, 0)
    else:
        num = getattr(err, "errno", None) or _errno.EIO
        code = _errno.errorcode.get(num, "EIO")
    message = f"{code}: {UV_MESSAGES.get(code) or strerror(code).lower()}, {syscall}"
    if path is not None:
        message += f" '{path}'"
        if dest is not None:
            message += f" -> '{dest}'"
    cls = _SYSTEM_ERROR_CLASSES.get(code)
    if cls is None:
        base = OSError(num, "")  # Python's subclass for this errno (FileNotFoundError, ...)
        cls = UVException if type(base) is OSError else type("UVException", (UVException, type(base)), {})
        _SYSTEM_ERROR_CLASSES[code] = cls
    e = cls(message, code)
    e.errno = -num if num else code  # Node 10: negative
    e.syscall = syscall
    if path is not None:
        e.path = path
    if dest is not None:
        e.dest = dest
    return e
