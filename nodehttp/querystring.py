"""Node's ``querystring`` module: ``stringify``, ``parse``, ``escape``, ``unescape``.

Behaviour follows Node 10's ``lib/querystring.js``: ``escape`` keeps
``A-Z a-z 0-9 - _ . ! ~ * ' ( )`` and percent-encodes everything else as
UTF-8; ``unescape`` is ``decodeURIComponent`` with a lenient fallback that
keeps malformed escapes; ``parse`` turns ``+`` into a space, decodes only
when a valid ``%XX`` is present, repeats a key into a list, and stops after
``maxKeys`` (1000 by default) pairs.  ``parse`` returns a plain ``dict``
(Node returns a prototype-less object).
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Mapping
from urllib.parse import quote as _quote

from .errors import NodeError, codes

__all__ = ["stringify", "encode", "parse", "decode", "escape", "unescape", "unescapeBuffer"]

_SAFE = "!'()*-._~"  # plus ASCII letters and digits, always safe for quote()
_bad_percent = re.compile(r"%(?![0-9a-fA-F]{2})").search
_escapes = re.compile(r"(?:%[0-9a-fA-F]{2})+")
_valid_escape = re.compile(r"%[0-9a-fA-F]{2}").search


def _uri_error() -> NodeError:
    err = codes.ERR_INVALID_URI()
    err.name = "URIError"
    return err


def escape(s: Any) -> str:
    """Node's ``querystring.escape``: ``encodeURIComponent`` with ``!'()*`` kept."""
    if not isinstance(s, str):
        s = _primitive_str(s)
    try:
        return _quote(s, safe=_SAFE)
    except UnicodeEncodeError:  # a lone surrogate, as Node's URIError
        raise _uri_error() from None


def _primitive_str(v: Any) -> str:
    # JavaScript's String(v) for the values Python programs pass.
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return _number_str(v)
    return str(v)


def _number_str(v: float) -> str:
    if v != v:
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    return repr(v)


def decodeURIComponent(s: str) -> str:
    """JavaScript's ``decodeURIComponent``: raises on a malformed escape."""
    if "%" not in s:
        return s
    if _bad_percent(s):
        raise _uri_error()

    def sub(m: re.Match) -> str:
        try:
            return bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            raise _uri_error() from None

    return _escapes.sub(sub, s)


def unescapeBuffer(s: str, decodeSpaces: bool = False) -> bytes:
    """Node's ``querystring.unescapeBuffer``: decode valid ``%XX`` to bytes, keep the rest."""
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "+" and decodeSpaces:
            out.append(32)
            i += 1
            continue
        if c == "%" and i < n - 2:
            h = s[i + 1:i + 3]
            try:
                if len(h) == 2 and all(ch in "0123456789abcdefABCDEF" for ch in h):
                    out.append(int(h, 16))
                    i += 3
                    continue
            except ValueError:  # pragma: no cover
                pass
        out += c.encode("utf-8", "surrogatepass")
        i += 1
    return bytes(out)


def unescape(s: str, decodeSpaces: bool = False) -> str:
    """Node's ``querystring.unescape``: ``decodeURIComponent``, falling back
    to :func:`unescapeBuffer` (malformed escapes kept) when that throws."""
    try:
        return decodeURIComponent(s)
    except NodeError:
        return unescapeBuffer(s, decodeSpaces).decode("utf-8", "replace")


def _stringify_primitive(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float) and math.isfinite(v):
        return _number_str(v)
    return ""


def stringify(obj: Any, sep: str | None = None, eq: str | None = None,
              options: Mapping | None = None) -> str:
    """Node's ``querystring.stringify``: ``{'a': 1, 'b': ['x', 'y']}`` -> ``'a=1&b=x&b=y'``.

    Values that are not strings, finite numbers or booleans become ``''``.
    ``options['encodeURIComponent']`` replaces :func:`escape`.
    """
    sep = sep or "&"
    eq = eq or "="
    enc: Callable[[str], str] = escape
    if options and callable(options.get("encodeURIComponent")):
        enc = options["encodeURIComponent"]
    if not isinstance(obj, Mapping):
        return ""
    fields = []
    for k, v in obj.items():
        ks = enc(_stringify_primitive(k)) + eq
        if isinstance(v, (list, tuple)):
            fields.extend(ks + enc(_stringify_primitive(x)) for x in v)
        else:
            fields.append(ks + enc(_stringify_primitive(v)))
    return sep.join(fields)


encode = stringify


def parse(qs: Any, sep: str | None = None, eq: str | None = None,
          options: Mapping | None = None) -> dict[str, Any]:
    """Node's ``querystring.parse``: ``'a=1&a=2&b'`` -> ``{'a': ['1', '2'], 'b': ''}``.

    ``options['maxKeys']`` (default 1000, 0 = unlimited) bounds the pairs;
    ``options['decodeURIComponent']`` replaces :func:`unescape`.
    """
    obj: dict[str, Any] = {}
    if not isinstance(qs, str) or not qs:
        return obj
    sep = str(sep) if sep else "&"
    eq = str(eq) if eq else "="
    max_keys = 1000
    decode: Callable[[str], str] = unescape
    if options:
        mk = options.get("maxKeys")
        if isinstance(mk, (int, float)) and not isinstance(mk, bool):
            max_keys = int(mk) if mk > 0 else -1
        if callable(options.get("decodeURIComponent")):
            decode = options["decodeURIComponent"]
    custom = decode is not unescape
    plus = "%20" if custom else " "
    pairs = max_keys
    for piece in qs.split(sep):
        if not piece:
            pairs -= 1
            if pairs == 0:
                return obj
            continue
        k, found, v = piece.partition(eq)
        if "+" in k:
            k = k.replace("+", plus)
        if "+" in v:
            v = v.replace("+", plus)
        if k and (custom or _valid_escape(k)):
            k = _decode_str(k, decode)
        if v and (custom or _valid_escape(v)):
            v = _decode_str(v, decode)
        cur = obj.get(k)
        if cur is None:
            obj[k] = v
        elif isinstance(cur, list):
            cur.append(v)
        else:
            obj[k] = [cur, v]
        pairs -= 1
        if pairs == 0:
            return obj
    return obj


decode = parse


def _decode_str(s: str, decoder: Callable[[str], str]) -> str:
    try:
        return decoder(s)
    except Exception:  # noqa: BLE001 - Node falls back on any decoder error
        return unescape(s, True)
