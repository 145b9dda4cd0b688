"""Node's character encodings: the one place strings and bytes are converted.

This is the role of Node's ``internal/util.js`` ``normalizeEncoding`` plus the
C++ ``StringBytes`` (``src/string_bytes.cc``, ``src/base64.h``): a JavaScript
string (a Python ``str``) becomes bytes, and bytes become a string, exactly as
Node 10 does it.  ``Buffer``, the streams and the HTTP messages all call
:func:`encode` / :func:`decode` / :func:`normalizeEncoding` from here.

The encodings are Node 10's: ``utf8`` (``utf-8``), ``ucs2`` (``ucs-2``,
``utf16le``, ``utf-16le``), ``latin1`` (``binary``), ``ascii``, ``hex`` and
``base64``, any letter case.  ``base64url`` is Node 15.7+ and is *not* a name
here (Node 10 throws ``ERR_UNKNOWN_ENCODING`` for it), but the base64 decoder
accepts the url-safe alphabet, as Node 10's does.

Invariants (each checked against Node 10):

- A JavaScript string is a sequence of UTF-16 code units; a Python ``str`` is
  a sequence of code points.  Where Node works per code unit -- ``latin1`` and
  ``ascii`` keep the low byte of each unit, ``ucs2`` writes each unit -- a
  character above U+FFFF counts as its two surrogates.
- ``utf8`` writes a lone surrogate as U+FFFD (``EF BF BD``) and decodes a bad
  sequence to U+FFFD.
- ``hex`` decoding stops at the first pair that is not two hex digits (an odd
  last digit is dropped); ``base64`` decoding skips characters outside the
  alphabet (whitespace included), stops at the first ``=``, needs no padding,
  and never yields more bytes than ``Buffer.byteLength`` predicts.
- ``ascii`` decoding clears the high bit of each byte.
"""

from __future__ import annotations

import binascii
import codecs
import re
from typing import Any

__all__ = [
    "ENCODINGS", "normalizeEncoding", "isEncoding", "encode", "decode", "byteLength",
    "unknown_encoding",
]

#: Node 10's encodings, canonical names (what :func:`normalizeEncoding` returns).
ENCODINGS = ("utf8", "utf16le", "latin1", "base64", "ascii", "hex")

_NAMES = {
    "utf8": "utf8", "utf-8": "utf8",
    "ucs2": "utf16le", "ucs-2": "utf16le", "utf16le": "utf16le", "utf-16le": "utf16le",
    "latin1": "latin1", "binary": "latin1",
    "base64": "base64", "ascii": "ascii", "hex": "hex",
}


def normalizeEncoding(enc: Any) -> str | None:
    """Node's ``normalizeEncoding``: the canonical name, or None when unknown.

    Empty and absent (``None``, ``''``) mean ``'utf8'``, as in Node; names
    are matched case-insensitively.
    """
    if enc is None or enc == "" or enc == "utf8":
        return "utf8"
    if enc.__class__ is not str:
        return None
    name = _NAMES.get(enc)
    if name is None:
        name = _NAMES.get(enc.lower())
    return name


def isEncoding(enc: Any) -> bool:
    """``Buffer.isEncoding(enc)``: a non-empty string naming a Node 10 encoding."""
    return isinstance(enc, str) and enc != "" and normalizeEncoding(enc) is not None


def unknown_encoding(enc: Any) -> Exception:
    """Node's ``ERR_UNKNOWN_ENCODING`` (a TypeError): ``Unknown encoding: <enc>``."""
    from .errors import codes

    return codes.ERR_UNKNOWN_ENCODING(enc)


def _canonical(enc: Any) -> str:
    name = normalizeEncoding(enc)
    if name is None:
        raise unknown_encoding(enc)
    return name


# -- utf8 -------------------------------------------------------------------------

def _js_utf8_errors(err: UnicodeError) -> tuple[str | bytes, int]:
    # Encoding: a surrogate pair split over two Python characters is the
    # astral character JavaScript sees; a lone surrogate is U+FFFD.
    # Decoding: each bad sequence is one U+FFFD (as 'replace').
    if isinstance(err, UnicodeEncodeError):
        s, i = err.object, err.start
        c = ord(s[i])
        if 0xD800 <= c < 0xDC00 and i + 1 < len(s) and 0xDC00 <= ord(s[i + 1]) < 0xE000:
            astral = chr(0x10000 + ((c - 0xD800) << 10) + ord(s[i + 1]) - 0xDC00)
            return astral.encode("utf-8"), i + 2  # type: ignore[return-value]
        return b"\xef\xbf\xbd", i + 1  # type: ignore[return-value]
    return "\ufffd", err.end


codecs.register_error("nodehttp.js", _js_utf8_errors)


def _units(s: str) -> list[int]:
    """The UTF-16 code units of ``s`` (what JavaScript indexes)."""
    return list(memoryview(s.encode("utf-16-le", "surrogatepass")).cast("H"))


# -- hex --------------------------------------------------------------------------

_hex_prefix = re.compile(r"(?:[0-9a-fA-F]{2})*").match


def _hex_decode(s: str) -> bytes:
    # The longest prefix of whole hex pairs (bytes.fromhex alone would skip
    # whitespace, which Node stops at).
    return bytes.fromhex(_hex_prefix(s).group())


# -- base64 -----------------------------------------------------------------------

# Node's unbase64 table: both alphabets ('+' '/' and '-' '_').
_B64 = {c: i for i, c in enumerate(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_B64["-"] = 62
_B64["_"] = 63
_strict_b64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?").fullmatch


def _base64_size(s: str) -> int:
    """Node's ``base64ByteLength``: 3/4 of the length, less up to two trailing ``=``."""
    n = len(s)
    if n and s[n - 1] == "=":
        n -= 1
        if n > 1 and s[n - 1] == "=":
            n -= 1
    return (n * 3) >> 2


def _base64_decode(s: str) -> bytes:
    if _strict_b64(s) is not None:
        return binascii.a2b_base64(s)
    # Node's slow path: skip characters outside the alphabet, stop at '='.
    values = []
    for c in s:
        v = _B64.get(c)
        if v is not None:
            values.append(v)
        elif c == "=":
            break
    out = bytearray()
    for i in range(0, len(values) - 1, 4):
        a, b = values[i], values[i + 1]
        out.append(((a << 2) | (b >> 4)) & 0xFF)
        if i + 2 < len(values):
            c = values[i + 2]
            out.append(((b & 0x0F) << 4 | (c >> 2)) & 0xFF)
            if i + 3 < len(values):
                out.append(((c & 0x03) << 6 | values[i + 3]) & 0xFF)
    return bytes(out[:_base64_size(s)])


# -- the API --------------------------------------------------------------------------

def encode(s: str, enc: Any = "utf8") -> bytes:
    """``Buffer.from(s, enc)``: a JavaScript string to bytes in Node's encoding.

    ``enc`` absent or empty means utf8; an unknown name raises
    ``ERR_UNKNOWN_ENCODING``.
    """
    if enc is None or enc == "utf8":
        return s.encode("utf-8", "nodehttp.js")
    name = _canonical(enc)
    if name == "utf8":
        return s.encode("utf-8", "nodehttp.js")
    if name == "latin1" or name == "ascii":
        if s.isascii():
            return s.encode("ascii")
        try:
            return s.encode("latin-1")
        except UnicodeEncodeError:
            return bytes(u & 0xFF for u in _units(s))
    if name == "utf16le":
        return s.encode("utf-16-le", "surrogatepass")
    if name == "hex":
        return _hex_decode(s)
    return _base64_decode(s)


def decode(b: Any, enc: Any = "utf8") -> str:
    """``buf.toString(enc)``: bytes to a string in Node's encoding (absent:
    utf8; an empty or unknown name raises ``ERR_UNKNOWN_ENCODING``, as Node's
    ``toString`` does)."""
    if enc is None or enc == "utf8":
        return bytes(b).decode("utf-8", "nodehttp.js")
    name = _canonical(enc) if enc != "" else None
    if name is None:
        raise unknown_encoding(enc)
    if name == "utf8":
        return bytes(b).decode("utf-8", "nodehttp.js")
    if name == "latin1":
        return bytes(b).decode("latin-1")
    if name == "ascii":
        data = bytes(b)
        if data.isascii():
            return data.decode("ascii")
        return data.translate(_CLEAR_HIGH_BIT).decode("ascii")
    if name == "hex":
        return bytes(b).hex()
    if name == "base64":
        return binascii.b2a_base64(bytes(b), newline=False).decode("ascii")
    data = bytes(b)
    return data[:len(data) & ~1].decode("utf-16-le", "surrogatepass")


_CLEAR_HIGH_BIT = bytes(i & 0x7F for i in range(256))


def byteLength(s: str, enc: Any = "utf8") -> int:
    """``Buffer.byteLength(s, enc)`` as Node computes it (for base64 an
    estimate from the length, as Node's; for hex half the length)."""
    name = normalizeEncoding(enc) or "utf8"  # Node: unknown names count as utf8
    if name == "utf8":
        return len(s) if s.isascii() else len(s.encode("utf-8", "nodehttp.js"))
    if name == "latin1" or name == "ascii":
        return len(s) if s.isascii() or max(s) <= "\uffff" else len(_units(s))
    if name == "utf16le":
        return 2 * len(_units(s)) if not s.isascii() else 2 * len(s)
    if name == "hex":
        return len(s) >> 1
    return _base64_size(s)
