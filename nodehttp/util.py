"""Node's ``util``: ``format``, ``inspect``, ``promisify`` (plus ``inherits``, ``deprecate``).

``util.format(fmt, ...args)`` is what ``console.log`` prints: ``%s %d %i %f
%j %o %O %%``, extra arguments appended (strings as they are, anything else
inspected).  ``util.inspect(value)`` prints Python values the way Node 10
prints the JavaScript values they port (docs/porting.md's table): a ``dict`` as an
object ``{ a: 1, b: 'x' }``, a ``list``/``tuple`` as an array ``[ 1, 2, 3 ]``,
``bytes`` as ``<Buffer 61 62>``, ``None`` as ``null``, ``True`` as ``true``,
floats as JavaScript numbers (``1e-7``, ``-0``), strings single-quoted.
Layout is Node 10's (``compact: true``, ``breakLength: 60``, ``depth: 2``): an
object whose entries (plus one per entry) exceed 60 columns, or with more
than 30 entries, gets one entry per line, ``{ a: 1,\\n  b: 2 }``; a property
value longer than 60 columns moves to its own line; nested deeper than
``depth`` prints ``[Object]``/``[Array]``; arrays show 100 items then
``... N more items``; integer-like keys come first, as in JavaScript objects.

``util.promisify(fn)`` returns a function whose call returns an awaitable
(an asyncio Future on nodehttp's loop) settled by ``fn``'s error-first
callback; ``fn.__dict__[util.promisify.custom]`` overrides it, as
``fn[util.promisify.custom]`` does in Node.

Not ported: ``inspect`` options beyond ``depth``/``breakLength``/``compact``
(``showHidden``, ``colors``, ``customInspect``, getters), Maps, Sets,
symbols, class instances other than as ``Name { public attributes }``, and
error stacks (an exception prints as ``Name: message``, Node prints its
stack); ``None`` is printed ``null`` (JavaScript's ``undefined`` prints
``undefined`` in Node: nodehttp cannot tell them apart); ``util.types``,
``TextEncoder``, ``callbackify``, ``isDeepStrictEqual``.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from decimal import Decimal
from typing import Any, Callable

from . import loop
from .errors import invalid_arg_type

__all__ = ["format", "inspect", "promisify", "inherits", "deprecate", "formatWithOptions",
           "debuglog"]

_BUF = (bytes, bytearray, memoryview)
_IDENT = re.compile(r"^[a-zA-Z_][a-zA-Z_0-9]*$")
_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r",
                 0x27: "\\'", 0x5C: "\\\\"})


# -- JavaScript primitives ----------------------------------------------------------------


def format_number(x: Any) -> str:
    """JavaScript's ``String(number)`` for a Python int or float (``1e-7``,
    ``1e+21``, ``NaN``, ``Infinity``); used by error messages too."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if not isinstance(x, float):
        return str(x)
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    _, digit_tuple, exp = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, digit_tuple))
    mantissa = digits.rstrip("0")
    point = len(digits) + int(exp)  # the decimal point, counted from the first digit
    mantissa = mantissa.lstrip("0")
    point -= len(digits.rstrip("0")) - len(mantissa)
    k = len(mantissa)
    if k <= point <= 21:
        return f"{sign}{mantissa}{'0' * (point - k)}"
    if 0 < point <= 21:
        return f"{sign}{mantissa[:point]}.{mantissa[point:]}"
    if -6 < point <= 0:
        return f"{sign}0.{'0' * -point}{mantissa}"
    e = point - 1
    frac = f".{mantissa[1:]}" if k > 1 else ""
    return f"{sign}{mantissa[0]}{frac}e{'+' if e > 0 else '-'}{abs(e)}"


def _str_escape(s: str) -> str:
    return "'" + s.translate(_ESCAPES) + "'"


def _js_string(value: Any) -> str:
    """JavaScript's ``String(value)`` for ``%s``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return format_number(value)
    if isinstance(value, _BUF):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return ",".join("" if v is None else _js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, BaseException):
        return _error_head(value)
    return str(value)


def _js_number(value: Any) -> float | int:
    """JavaScript's ``Number(value)`` for ``%d``."""
    if value is None or value is False:
        return 0
    if value is True:
        return 1
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return 0
        try:
            return int(s, 0) if s[:2].lower() in ("0x", "0o", "0b") else float(s)
        except ValueError:
            return math.nan
    return math.nan


def _error_head(err: BaseException) -> str:
    name = type(err).__name__
    if getattr(err, "code", None) and name in ("NodeError", "NodeTypeError", "RangeError"):
        base = {"NodeError": "Error", "NodeTypeError": "TypeError"}.get(name, name)
        name = f"{base} [{err.code}]"
    msg = getattr(err, "message", None)
    return f"{name}: {msg if isinstance(msg, str) else err}"


# -- inspect -----------------------------------------------------------------------------


class _Ctx:
    __slots__ = ("depth", "breakLength", "compact", "indentationLvl", "seen", "showLength")

    def __init__(self, depth: int | None, breakLength: int, compact: bool) -> None:
        self.depth = depth
        self.breakLength = breakLength
        self.compact = compact
        self.indentationLvl = 0
        self.seen: list[int] = []
        self.showLength = False


def _is_index(key: Any) -> bool:
    if isinstance(key, int) and not isinstance(key, bool):
        return 0 <= key < 2**32 - 1
    return isinstance(key, str) and key.isdigit() and key.isascii() and \
        (key == "0" or key[0] != "0") and int(key) < 2**32 - 1


def _key(key: Any) -> str:
    k = key if isinstance(key, str) else _js_string(key)
    return k if _IDENT.match(k) else _str_escape(k)


def _format_value(ctx: _Ctx, value: Any, recurse: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return _str_escape(value)
    if isinstance(value, (bool, int, float)):
        if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
            return "-0"
        return format_number(value)
    if isinstance(value, _BUF):
        data = bytes(value)
        hexes = " ".join(f"{b:02x}" for b in data[:50])
        more = " ... " if len(data) > 50 else ""
        return f"<Buffer {hexes}{more}>"
    if isinstance(value, BaseException):
        return _error_head(value)
    if isinstance(value, type):
        return f"[Function: {value.__name__}]"
    if callable(value) and not isinstance(value, (dict, list, tuple)):
        name = getattr(value, "__name__", "")
        return f"[Function: {name}]" if name and name != "<lambda>" else "[Function]"
    if id(value) in ctx.seen:
        return "[Circular]"
    if isinstance(value, (list, tuple)):
        return _format_list(ctx, list(value), recurse)
    if isinstance(value, dict):
        return _format_dict(ctx, value, recurse, "")
    attrs = {k: v for k, v in getattr(value, "__dict__", {}).items() if not k.startswith("_")}
    return _format_dict(ctx, attrs, recurse, type(value).__name__)


def _format_list(ctx: _Ctx, value: list, recurse: int) -> str:
    if not value and not ctx.showLength:
        return "[]"
    if ctx.depth is not None and recurse > ctx.depth:
        return "[Array]"
    ctx.seen.append(id(value))
    out = []
    for item in value[:100]:
        ctx.indentationLvl += 2
        out.append(_format_value(ctx, item, recurse + 1))
        ctx.indentationLvl -= 2
    if len(value) > 100:
        out.append(f"... {len(value) - 100} more item{'s' if len(value) > 101 else ''}")
    if ctx.showLength:
        out.append(f"[length]: {len(value)}")
    ctx.seen.pop()
    return _reduce(ctx, out, "[", "]")


def _format_dict(ctx: _Ctx, value: dict, recurse: int, prefix: str) -> str:
    open_ = f"{prefix} {{" if prefix else "{"
    if not value:
        return f"{prefix} {{}}" if prefix else "{}"
    if ctx.depth is not None and recurse > ctx.depth:
        return f"[{prefix or 'Object'}]"
    ctx.seen.append(id(value))
    keys = list(value)
    index_keys = sorted((k for k in keys if _is_index(k)), key=int)
    if index_keys:
        keys = index_keys + [k for k in keys if not _is_index(k)]
    out = []
    diff = 3 if ctx.compact else 2
    for k in keys:
        ctx.indentationLvl += diff
        s = _format_value(ctx, value[k], recurse + 1)
        if ctx.compact and len(s) > ctx.breakLength:
            s = "\n" + " " * ctx.indentationLvl + s
        ctx.indentationLvl -= diff
        out.append(f"{_key(k)}:{s}" if s[:1] == "\n" else f"{_key(k)}: {s}")
    ctx.seen.pop()
    return _reduce(ctx, out, open_, "}")


def _reduce(ctx: _Ctx, out: list[str], open_: str, close: str) -> str:
    """Node 10's ``reduceToSingleString``: one line if the entries fit in
    ``breakLength``, else one entry per line."""
    if not ctx.compact:
        ind = " " * ctx.indentationLvl
        return f"{open_}\n{ind}  " + f",\n{ind}  ".join(out) + f"\n{ind}{close}"
    if len(out) * 2 <= ctx.breakLength:
        if sum(len(s) + 1 for s in out) <= ctx.breakLength:
            return f"{open_} {', '.join(out)} {close}"
    ind = " " * ctx.indentationLvl
    ln = " " if len(open_) == 1 else f"\n{ind}  "
    return f"{open_}{ln}" + f",\n{ind}  ".join(out) + f" {close}"


def inspect(value: Any, options: dict | None = None, **kw: Any) -> str:
    """``util.inspect(value[, options])``: Node 10's rendering of ``value``.

    Options (a dict, or keywords): ``depth`` (default 2, ``None``/``math.inf``
    for unlimited), ``breakLength`` (60), ``compact`` (True).
    """
    opts = dict(options or {}, **kw)
    depth = opts.get("depth", 2)
    if depth is not None and isinstance(depth, float) and math.isinf(depth):
        depth = None
    ctx = _Ctx(depth, opts.get("breakLength", 60), opts.get("compact", True) is not False)
    ctx.showLength = bool(opts.get("showHidden"))
    return _format_value(ctx, value, 0)


# -- format --------------------------------------------------------------------------------


def _json(value: Any) -> str:
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False,
                          default=lambda o: None)
    except ValueError:
        return "[Circular]"


def format(fmt: Any = None, *args: Any) -> str:  # noqa: A001 - Node's name
    """``util.format(format[, ...args])``: printf-like, as ``console.log`` prints."""
    return formatWithOptions({}, fmt, *args)


def formatWithOptions(inspectOptions: dict, fmt: Any = None, *args: Any) -> str:
    """``util.formatWithOptions(inspectOptions, format[, ...args])``."""
    if not isinstance(fmt, str):
        allargs = (fmt, *args) if fmt is not None or args else (fmt,)
        return " ".join(inspect(a, inspectOptions) for a in allargs)
    out: list[str] = []
    a = 0
    last = 0
    i = 0
    n = len(fmt)
    while i < n - 1:
        if fmt[i] == "%":
            c = fmt[i + 1]
            if c == "%":
                out.append(fmt[last:i] + "%")
                last = i = i + 2
                continue
            if a < len(args) and c in "sdifjoO":
                arg = args[a]
                if c == "s":
                    s = _js_string(arg)
                elif c == "d":
                    num = _js_number(arg)
                    s = format_number(num)
                elif c == "i":
                    s = _parse_int(arg)
                elif c == "f":
                    s = format_number(_parse_float(arg))
                elif c == "j":
                    s = _json(arg)
                elif c == "o":
                    s = inspect(arg, dict(inspectOptions, showHidden=True, depth=4))
                else:
                    s = inspect(arg, inspectOptions)
                out.append(fmt[last:i] + s)
                a += 1
                last = i = i + 2
                continue
        i += 1
    out.append(fmt[last:])
    for arg in args[a:]:
        out.append(" " + (arg if isinstance(arg, str) else inspect(arg, inspectOptions)))
    return "".join(out)


def _parse_float(arg: Any) -> float:
    m = re.match(r"\s*([+-]?(?:Infinity|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))",
                 _js_string(arg))
    return float(m.group(1).replace("Infinity", "inf")) if m else math.nan


def _parse_int(arg: Any) -> str:
    m = re.match(r"\s*([+-]?\d+)", _js_string(arg))
    return str(int(m.group(1))) if m else "NaN"


# -- promisify, inherits, deprecate ------------------------------------------------------


def _promisify(original: Callable) -> Callable:
    """``util.promisify(original)``: a function returning an awaitable that
    settles through ``original``'s error-first callback (first value only)."""
    if not callable(original):
        raise invalid_arg_type("original", "Function", original)
    custom = getattr(original, promisify.custom, None)
    if custom is not None:
        if not callable(custom):
            raise invalid_arg_type("util.promisify.custom", "Function", custom)
        return custom

    def fn(*args: Any) -> asyncio.Future:
        fut = loop.get_loop().create_future()

        def callback(err: Any = None, *values: Any) -> None:
            if fut.done():
                return
            if err is not None:
                fut.set_exception(err if isinstance(err, BaseException) else Exception(err))
            else:
                fut.set_result(values[0] if values else None)

        try:
            original(*args, callback)
        except Exception as exc:  # noqa: BLE001 - Node: the promise rejects
            if not fut.done():
                fut.set_exception(exc)
        return fut

    fn.__name__ = getattr(original, "__name__", "fn")
    fn.__doc__ = original.__doc__
    setattr(fn, promisify.custom, fn)
    return fn


class _Promisify:
    """``util.promisify`` with its ``custom`` key (``util.promisify.custom``)."""

    #: The attribute name that ports Node's ``util.promisify.custom`` symbol:
    #: ``setattr(fn, util.promisify.custom, impl)``.
    custom = "__promisify_custom__"

    def __call__(self, original: Callable) -> Callable:
        return _promisify(original)


promisify = _Promisify()


def inherits(ctor: type, superCtor: type) -> None:
    """``util.inherits``: Python classes inherit with ``class A(B)``; this sets
    ``ctor.super_`` as Node does and nothing else."""
    ctor.super_ = superCtor  # type: ignore[attr-defined]


def deprecate(fn: Callable, msg: str, code: str | None = None) -> Callable:
    """``util.deprecate(fn, msg[, code])``: ``fn`` wrapped to emit one
    ``DeprecationWarning`` (``process.emitWarning``) on its first call."""
    warned = False

    def deprecated(*args: Any, **kwargs: Any) -> Any:
        nonlocal warned
        if not warned:
            warned = True
            from ._process import process

            process.emitWarning(msg, "DeprecationWarning", code)
        return fn(*args, **kwargs)

    deprecated.__name__ = getattr(fn, "__name__", "deprecated")
    deprecated.__doc__ = fn.__doc__
    return deprecated


def debuglog(section: str) -> Any:
    """Node's ``util.debuglog(section)``: writes ``SECTION pid: message`` to
    stderr when ``NODE_DEBUG`` names the section, and logs to the
    ``nodehttp.<section>`` logger (see :mod:`nodehttp.debuglog`)."""
    from .debuglog import debuglog as _debuglog

    return _debuglog(section)

