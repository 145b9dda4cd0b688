"""Node's error registry (the role of Node's ``internal/errors.js``).

Invariants:

- Every coded error nodehttp raises or emits is built here, from one
  registration ``E(code, template, cls)`` holding Node 10's message template,
  so a code has one message everywhere: ``codes.ERR_HTTP_HEADERS_SENT('set')``
  is ``Cannot set headers after they are sent to the client``.
- A message that shows a JavaScript value renders it with :func:`js_string`
  (JavaScript's ``String(value)``: ``NaN``, ``Infinity``, ``true``,
  ``[object Object]``, ``undefined`` for ``None``) or, where Node uses
  ``util.inspect``, :func:`js_inspect` (``'str'``, ``{ a: 1 }``).
- Node's ``TypeError`` is :class:`NodeTypeError` (a Python ``TypeError``),
  ``RangeError`` is :class:`RangeError` (a Python ``ValueError``), per
  docs/porting.md; ``err.code`` and ``err.message`` are Node's, ``str(err)`` is the
  message.
- A system error (``ECONNREFUSED``, ``EADDRINUSE``, ``ENOTFOUND``...) is one
  translation, :func:`from_oserror`, and is an ``OSError``: ``except OSError``
  (and ``except ConnectionRefusedError`` etc.) catch it.  ``.code`` is Node's
  string, ``.errno`` the number (Python's positive errno -- Node 10 puts the
  code string there, Node 13+ a negative number), ``.syscall``, and
  ``.address``/``.port``/``.hostname`` where Node sets them.
"""

from __future__ import annotations

import errno as _errno
import math
import os
import socket as _socket
from typing import Any, Callable

from .report import created_stack, node_header

__all__ = [
    "NodeError",
    "NodeTypeError",
    "RangeError",
    "NodeSystemError",
    "E",
    "codes",
    "js_string",
    "js_inspect",
    "js_typeof",
    "js_number",
    "js_int32",
    "node_error",
    "sys_error",
    "from_oserror",
    "errno_code",
    "connection_reset",
    "invalid_arg_type",
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
        # Node's stack is where the error was created; Python's traceback is
        # where it was raised (later, for an error emitted on another tick).
        self._frames = created_stack()

    def __str__(self) -> str:
        return self.message

    @property
    def stack(self) -> str:
        """Node's ``err.stack``: ``Name [CODE]: message`` and the user's frames
        where the error was created (innermost first, as Node lists them)."""
        head = node_header(self) or f"Error: {self.message}"
        frames = self._frames or []
        return head + "".join(f"\n    at {f.name} ({f.filename}:{f.lineno})"
                              for f in reversed(frames))

    def __repr__(self) -> str:
        if self.code:
            return f"{type(self).__name__} [{self.code}]: {self.message}"
        return f"{type(self).__name__}: {self.message}"


def creation_frames(exc: BaseException) -> Any:
    """The user's frames where a Node error was created (None for others)."""
    return getattr(exc, "_frames", None) if isinstance(exc, NodeError) else None


class AbortError(NodeError):
    """Node's ``AbortError`` (Node 15+): ``code`` ``'ABORT_ERR'``, ``name``
    ``'AbortError'``, the abort ``reason`` as ``cause``."""

    name = "AbortError"

    def __init__(self, message: str = "The operation was aborted", cause: Any = None) -> None:
        super().__init__(message, "ABORT_ERR")
        if cause is not None:
            self.cause = cause


class NodeTypeError(NodeError, TypeError):
    """Node's ``TypeError`` (is-a Python ``TypeError``)."""


class RangeError(NodeError, ValueError):
    """Node's ``RangeError`` (is-a Python ``ValueError``)."""


class NodeURIError(NodeError, ValueError):
    """JavaScript's ``URIError`` (is-a Python ``ValueError``)."""


class NodeSystemError(NodeError, OSError):
    """A libuv/system error as Node reports it; an ``OSError`` for Python code.

    ``.errno`` is the OS number (so ``err.errno == errno.ECONNREFUSED``), and
    ``str(err)`` is Node's message (``connect ECONNREFUSED 127.0.0.1:80``).
    """


_KINDS = {"Error": NodeError, "TypeError": NodeTypeError, "RangeError": RangeError,
          "URIError": NodeURIError}

# Node's system errors that have a narrower Python OSError subclass.
_OS_SUBCLASSES: dict[str, type] = {
    "ECONNREFUSED": ConnectionRefusedError,
    "ECONNRESET": ConnectionResetError,
    "ECONNABORTED": ConnectionAbortedError,
    "EPIPE": BrokenPipeError,
    "ETIMEDOUT": TimeoutError,
    "ENOENT": FileNotFoundError,
    "EEXIST": FileExistsError,
    "EACCES": PermissionError,
    "EPERM": PermissionError,
    "EISDIR": IsADirectoryError,
    "ENOTDIR": NotADirectoryError,
}
_system_classes: dict[str, type] = {}


def _system_class(code: str) -> type:
    cls = _system_classes.get(code)
    if cls is None:
        extra = _OS_SUBCLASSES.get(code)
        cls = NodeSystemError if extra is None else type(
            f"NodeSystemError_{code}", (NodeSystemError, extra),
            {"__doc__": f"Node's {code} (also a Python {extra.__name__})."})
        _system_classes[code] = cls
    return cls


# -- rendering JavaScript values in messages --------------------------------------

def _js_number(x: float) -> str:
    """JavaScript's ``Number.prototype.toString()`` for a Python number."""
    if x.__class__ is int:
        return str(x) if abs(x) < 10 ** 21 else _js_number(float(x))
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    if "e" in r:  # 1e+21, 1e-07 -> JavaScript's 1e+21, 1e-7
        mant, exp = r.split("e")
        sign = "-" if exp.startswith("-") else "+"
        digits = exp.lstrip("+-").lstrip("0") or "0"
        if sign == "-" and int(digits) <= 6:  # JavaScript writes 1e-6 as 0.000001
            return format(x, "f").rstrip("0")
        return f"{mant.removesuffix('.0')}e{sign}{digits}"
    return r


def js_string(value: Any) -> str:
    """JavaScript's ``String(value)`` for the Python value a port passes.

    The one renderer of values in Node's messages (``${value}`` in a
    template): ``None`` → ``undefined`` (an omitted argument), booleans →
    ``true``/``false``, numbers as JavaScript prints them (``NaN``,
    ``Infinity``, ``1e+21``, ``200`` for ``200.0``), a dict →
    ``[object Object]``, a list → its items joined by ``,``, bytes (a Buffer)
    → their UTF-8 text.
    """
    cls = value.__class__
    if cls is str:
        return value
    if value is None:
        return "undefined"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if cls is int or cls is float:
        return _js_number(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, BaseException):
        name = _js_error_name(value)
        msg = getattr(value, "message", None)
        msg = str(value) if msg is None else msg
        return f"{name}: {msg}" if msg else name
    if isinstance(value, (int, float)):  # bool handled; subclasses of numbers
        return _js_number(float(value) if isinstance(value, float) else int(value))
    return str(value)


def js_number(value: Any) -> float:
    """JavaScript's ``Number(value)`` (ToNumber) for the Python value a port passes."""
    cls = value.__class__
    if cls is int or cls is float:
        return value
    if value is None:
        return math.nan  # undefined
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple, bytes, bytearray, memoryview)):
        value = js_string(value)  # [200] -> '200'; a Buffer -> its text
    if isinstance(value, str):
        t = value.strip(" \t\n\r\v\f\u00a0\ufeff")
        if not t:
            return 0
        if t in ("Infinity", "+Infinity", "-Infinity"):
            return -math.inf if t[0] == "-" else math.inf
        try:
            if t[:2] in ("0x", "0X", "0o", "0O", "0b", "0B"):
                return int(t, 0)
            if "_" in t or t.lower() in ("inf", "+inf", "-inf", "nan", "infinity"):
                return math.nan
            return float(t)
        except ValueError:
            return math.nan
    return math.nan


def js_int32(value: Any) -> int:
    """JavaScript's ``value | 0`` (ToInt32): ``200.7`` → 200, ``NaN``/``Infinity`` → 0."""
    n = js_number(value)
    if n.__class__ is not int:
        if n != n or n in (math.inf, -math.inf):
            return 0
        n = int(n)
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n >= 0x80000000 else n


def _js_error_name(err: BaseException) -> str:
    if isinstance(err, RangeError):
        return "RangeError"
    if isinstance(err, TypeError):
        return "TypeError"
    return "Error"


def js_inspect(value: Any) -> str:
    """Node 10's ``util.inspect(value)`` for the values its messages show
    (``ERR_INVALID_ARG_VALUE``, ``ERR_UNHANDLED_ERROR``): strings quoted with
    ``'``, ``{ a: 1 }``, ``[ 1, 2 ]``, ``undefined``."""
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ", ".join(f"{_inspect_key(k)}: {js_inspect(v)}" for k, v in value.items())
        return "{ " + items + " }"
    if isinstance(value, (list, tuple)):
        return "[ " + ", ".join(js_inspect(v) for v in value) + " ]" if value else "[]"
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        shown = " ".join(f"{b:02x}" for b in data[:50])
        more = f" ... {len(data) - 50} more bytes" if len(data) > 50 else ""
        return f"<Buffer {shown}{more}>" if data else "<Buffer >"
    if callable(value) and not isinstance(value, BaseException):
        name = getattr(value, "__name__", "")
        return f"[Function: {name}]" if name and name != "<lambda>" else "[Function]"
    return js_string(value)


def _inspect_key(k: Any) -> str:
    if isinstance(k, str) and k.isidentifier():
        return k
    return js_inspect(k) if isinstance(k, str) else js_string(k)


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


# -- the registry -------------------------------------------------------------------

class _Code:
    """One registered code: call it with the template's arguments to build the error."""

    __slots__ = ("code", "template", "cls")

    def __init__(self, code: str, template: str | Callable[..., str], cls: type) -> None:
        self.code = code
        self.template = template
        self.cls = cls

    def message(self, *args: Any) -> str:
        t = self.template
        if callable(t):
            return t(*args)
        if not args:
            return t
        parts = t.split("%s")
        out = parts[0]
        for i, part in enumerate(parts[1:]):
            out += (js_string(args[i]) if i < len(args) else "%s") + part
        return out

    def __call__(self, *args: Any, **props: Any) -> NodeError:
        return self.cls(self.message(*args), self.code, **props)

    def of(self, cls: type) -> Callable[..., NodeError]:
        """The same code and message as another class (Node's ``ERR_X.RangeError``)."""
        return lambda *args, **props: cls(self.message(*args), self.code, **props)


class _Codes:
    """``codes.ERR_X(*args)`` builds Node's ``ERR_X`` (as ``new ERR_X(...args)``)."""

    def __getattr__(self, name: str) -> _Code:
        try:
            return _REGISTRY[name]
        except KeyError:
            raise AttributeError(f"no Node error code {name!r} registered") from None


_REGISTRY: dict[str, _Code] = {}
codes = _Codes()


def E(code: str, template: str | Callable[..., str], cls: type = NodeError) -> _Code:
    """Register Node's error ``code``: its message template (``%s`` takes an
    argument, rendered by :func:`js_string`; or a function of the arguments)
    and its class.  As ``E()`` in Node's ``internal/errors.js``."""
    entry = _Code(code, template, cls)
    _REGISTRY[code] = entry
    return entry


def _invalid_arg_type_message(name: str, expected: str | list[str], actual: Any) -> str:
    types = [expected] if isinstance(expected, str) else list(expected)
    determiner = "must be"
    if types and types[0].startswith("not "):
        determiner = "must not be"
        types[0] = types[0][4:]
    if len(types) > 2:
        want = f"one of type {', '.join(types[:-1])}, or {types[-1]}"
    elif len(types) == 2:
        want = f"one of type {types[0]} or {types[1]}"
    else:
        want = types[0] if types[0].startswith(("of type", "one of")) else f"of type {types[0]}"
    if name.endswith(" argument"):
        subject = f"The {name}"
    else:
        subject = f'The "{name}" {"property" if "." in name else "argument"}'
    return f"{subject} {determiner} {want}. Received type {js_typeof(actual)}"


def _invalid_arg_value_message(name: str, value: Any, reason: str = "is invalid") -> str:
    inspected = js_inspect(value)
    if len(inspected) > 128:
        inspected = inspected[:128] + "..."
    kind = "property" if "." in name else "argument"
    return f"The {kind} '{name}' {reason}. Received {inspected}"


def _out_of_range_message(name: str, range_: str | None, value: Any) -> str:
    msg = f'The value of "{name}" is out of range.'
    if range_ is not None:
        msg += f" It must be {range_}."
    return msg + f" Received {js_string(value)}"


def _invalid_char_message(name: str, field: Any = None) -> str:
    if field is None:
        return f"Invalid character in {name}"
    return f'Invalid character in {name} ["{js_string(field)}"]'


def _unhandled_message(err: Any = None, *rest: Any) -> str:
    return f"Unhandled error. ({js_inspect(err)})"


# Node 10.24's templates (lib/internal/errors.js), the codes nodehttp uses.
E("ERR_HTTP_HEADERS_SENT", "Cannot %s headers after they are sent to the client")
E("ERR_HTTP_INVALID_HEADER_VALUE", 'Invalid value "%s" for header "%s"', NodeTypeError)
E("ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: %s", RangeError)
E("ERR_HTTP_TRAILER_INVALID", "Trailers are invalid with this transfer encoding")
E("ERR_HTTP_REQUEST_TIMEOUT", "Request timeout")  # Node 18's server.requestTimeout
E("ERR_INVALID_ARG_TYPE", _invalid_arg_type_message, NodeTypeError)
E("ERR_INVALID_ARG_VALUE", _invalid_arg_value_message, NodeTypeError)
E("ERR_INVALID_CALLBACK", "Callback must be a function", NodeTypeError)
E("ERR_INVALID_CHAR", _invalid_char_message, NodeTypeError)
E("ERR_INVALID_DOMAIN_NAME", "Unable to determine the domain name", NodeTypeError)
E("ERR_INVALID_HTTP_TOKEN", '%s must be a valid HTTP token ["%s"]', NodeTypeError)
E("ERR_INVALID_IP_ADDRESS", "Invalid IP address: %s", NodeTypeError)
E("ERR_INVALID_OPT_VALUE",
  lambda name, value: f'The value "{js_string(value)}" is invalid for option "{name}"',
  NodeTypeError)
E("ERR_INVALID_PROTOCOL", 'Protocol "%s" not supported. Expected "%s"', NodeTypeError)
E("ERR_INVALID_URI", "URI malformed", NodeURIError)
E("ERR_INVALID_URL", "Invalid URL: %s", NodeTypeError)
E("ERR_METHOD_NOT_IMPLEMENTED", "The %s method is not implemented")
E("ERR_OUT_OF_RANGE", _out_of_range_message, RangeError)
E("ERR_SERVER_ALREADY_LISTEN",
  "Listen method has been called more than once without closing.")
E("ERR_SERVER_NOT_RUNNING", "Server is not running.")
E("ERR_SOCKET_BAD_PORT", "Port should be >= 0 and < 65536. Received %s.", RangeError)
E("ERR_SOCKET_CLOSED", "Socket is closed")
E("ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable")
E("ERR_STREAM_WRITE_AFTER_END", "write after end")
E("ERR_UNESCAPED_CHARACTERS", "%s contains unescaped characters", NodeTypeError)
E("ERR_UNHANDLED_ERROR", _unhandled_message)
E("ERR_UNKNOWN_ENCODING", "Unknown encoding: %s", NodeTypeError)


def node_error(code: str | None, message: str, kind: str = "Error", **props: Any) -> NodeError:
    """Build (not raise) an error of Node's class ``kind`` with ``.code`` and a
    ready message (for codes whose message is computed elsewhere, e.g. the
    parser's ``HPE_*``); prefer ``codes.ERR_X(...)`` for registered codes."""
    return _KINDS[kind](message, code, **props)


def invalid_arg_type(name: str, expected: str | list[str], actual: Any) -> NodeTypeError:
    """Node 10's ``ERR_INVALID_ARG_TYPE`` (``internal/errors.js`` invalidArgType).

    ``invalid_arg_type('msecs', 'number', 'x')`` → ``The "msecs" argument must
    be of type number. Received type string``; a dotted name is a
    ``property``; a list of types reads ``one of type a, b, or c``.
    """
    return codes.ERR_INVALID_ARG_TYPE(name, expected, actual)  # type: ignore[return-value]


# -- system errors: the one OS-error translation ------------------------------------

# libuv's uv_strerror texts where they differ from the C library's.
_UV_MESSAGES = {
    "EADDRINUSE": "address already in use",
    "EACCES": "permission denied",
    "EADDRNOTAVAIL": "address not available",
    "EINVAL": "invalid argument",
    "ENOENT": "no such file or directory",
    "ENOTDIR": "not a directory",
    "EAFNOSUPPORT": "address family not supported",
}


def errno_code(exc: BaseException) -> str:
    """Node's code name (``ECONNREFUSED``) for a Python ``OSError``."""
    num = getattr(exc, "errno", None)
    if isinstance(num, int) and num in _errno.errorcode:
        return _errno.errorcode[num]
    if isinstance(exc, ConnectionResetError):
        return "ECONNRESET"
    if isinstance(exc, BrokenPipeError):
        return "EPIPE"
    if isinstance(exc, ConnectionRefusedError):
        return "ECONNREFUSED"
    if isinstance(exc, TimeoutError):
        return "ETIMEDOUT"
    return "EIO"


def sys_error(
    code: str,
    syscall: str,
    address: str | None = None,
    port: int | None = None,
    *,
    message: str | None = None,
    **props: Any,
) -> NodeError:
    """A system error as Node builds it (``exceptionWithHostPort``).

    ``str(err)`` is e.g. ``connect ECONNREFUSED 127.0.0.1:80`` (or
    ``message``); ``.errno`` is the OS number, ``.code`` the name,
    ``.syscall``, ``.address`` and ``.port`` are set as in Node.
    """
    if message is None:
        details = ""
        if address is not None:
            details = f" {address}:{port}" if port is not None else f" {address}"
        message = f"{syscall} {code}{details}"
    num = getattr(_errno, code, None)
    err = _system_class(code)(message, code, syscall=syscall)
    err.errno = num
    err.strerror = os.strerror(num) if num else code
    if address is not None:
        err.address = address
    if port is not None:
        err.port = port
    for k, v in props.items():
        setattr(err, k, v)
    return err


def from_oserror(exc: BaseException, syscall: str, address: Any = None,
                 port: Any = None, *, uv: bool = False,
                 hostname: str | None = None) -> NodeError:
    """Translate a Python ``OSError`` into Node's system error (the one place).

    - default: Node's ``exceptionWithHostPort`` (``connect ECONNREFUSED 127.0.0.1:80``);
    - ``uv=True``: ``uvExceptionWithHostPort``, with libuv's text
      (``listen EADDRINUSE: address already in use ::1:80``);
    - ``hostname=``: a ``dns.lookup`` failure (``getaddrinfo ENOTFOUND host``).

    An error that already is Node's is returned unchanged.
    """
    if isinstance(exc, NodeError):
        return exc
    if hostname is not None:
        num = getattr(exc, "errno", None)
        if isinstance(exc, _socket.gaierror):
            code = "EAI_AGAIN" if num == _socket.EAI_AGAIN else "ENOTFOUND"
        else:
            code = errno_code(exc)
        err = sys_error(code, syscall, message=f"{syscall} {code} {hostname}",
                        hostname=hostname)
        if isinstance(exc, _socket.gaierror):
            err.errno = num
        return err
    code = errno_code(exc)
    if not uv:
        return sys_error(code, syscall, address, port)
    msg = _UV_MESSAGES.get(code)
    if msg is None:
        num = getattr(_errno, code, None)
        msg = os.strerror(num).lower() if num else code
    details = ""
    if address is not None:
        details = f" {address}:{port}" if port is not None else f" {address}"
    return sys_error(code, syscall, address, port, message=f"{syscall} {code}: {msg}{details}")


def connection_reset(message: str = "socket hang up") -> NodeError:
    """Node's ``connResetException``: ``socket hang up`` with code ECONNRESET."""
    return NodeError(message, "ECONNRESET")


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
