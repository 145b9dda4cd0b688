"""Encodings of the stream layer: Node's ``Buffer.from(str, enc)`` for written
and pushed strings, and ``string_decoder.StringDecoder`` for ``setEncoding``.

Invariants: encoding names are normalized as Node's ``normalizeEncoding``
(unknown: ERR_UNKNOWN_ENCODING); a StringDecoder never splits a character
across chunks.  (Moved unchanged from stream.py; nodehttp/encoding.py is to
become the one encoding module.)
"""

from __future__ import annotations

import base64
import binascii
import codecs
from typing import Any

from ..errors import NodeError
from .state import _err


_ENCODINGS = {
    "utf8": "utf8", "utf-8": "utf8", "latin1": "latin1", "binary": "latin1",
    "ascii": "ascii", "hex": "hex", "base64": "base64", "ucs2": "utf16le",
    "ucs-2": "utf16le", "utf16le": "utf16le", "utf-16le": "utf16le", "buffer": "buffer",
}


def _normalize_encoding(enc: Any) -> str | None:
    """Node's ``normalizeEncoding``: canonical name, or None if unknown."""
    if enc is None:
        return "utf8"
    if not isinstance(enc, str):
        return None
    return _ENCODINGS.get(enc.lower())


def _unknown_encoding(enc: Any) -> NodeError:
    return _err("ERR_UNKNOWN_ENCODING", f"Unknown encoding: {enc}", "TypeError")


def _to_bytes(s: str, enc: str | None) -> bytes:
    """Node's ``Buffer.from(string, encoding)``; ERR_UNKNOWN_ENCODING if unknown."""
    if enc == "utf8" or not enc:
        e = "utf8"
    else:
        e = _ENCODINGS.get(enc.lower()) if isinstance(enc, str) else None
        if e is None:
            raise _unknown_encoding(enc)
    if e == "utf8" or e == "buffer":
        return s.encode("utf-8", "surrogatepass")
    if e == "latin1" or e == "ascii":
        try:
            return s.encode("latin-1")
        except UnicodeEncodeError:
            return bytes(ord(c) & 0xFF for c in s)
    if e == "utf16le":
        return s.encode("utf-16-le", "surrogatepass")
    if e == "hex":
        n = 0
        while n + 1 < len(s) and s[n] in _HEX and s[n + 1] in _HEX:
            n += 2
        return bytes.fromhex(s[:n])
    # base64 (base64url characters too), lenient like Node
    t = "".join(c for c in s.replace("-", "+").replace("_", "/") if c.isalnum() or c in "+/")
    t += "=" * (-len(t) % 4)
    try:
        return base64.b64decode(t)
    except (binascii.Error, ValueError):  # pragma: no cover - defensive
        return b""


_HEX = frozenset("0123456789abcdefABCDEF")


class _HexDecoder:
    __slots__ = ()

    def decode(self, b: bytes, final: bool = False) -> str:
        return b.hex()


class _Base64Decoder:
    __slots__ = ("rest",)

    def __init__(self) -> None:
        self.rest = b""

    def decode(self, b: bytes, final: bool = False) -> str:
        data = self.rest + b
        if final:
            self.rest = b""
            return base64.b64encode(data).decode("ascii")
        cut = len(data) - len(data) % 3
        self.rest = data[cut:]
        return base64.b64encode(data[:cut]).decode("ascii")


class _AsciiDecoder:
    __slots__ = ()

    def decode(self, b: bytes, final: bool = False) -> str:
        return bytes(c & 0x7F for c in b).decode("ascii")


class StringDecoder:
    """Node's ``string_decoder.StringDecoder``: never splits a character."""

    __slots__ = ("encoding", "_dec")

    def __init__(self, encoding: str | None = "utf8") -> None:
        enc = _normalize_encoding(encoding)
        if enc is None or enc == "buffer":
            raise _unknown_encoding(encoding)
        self.encoding = enc
        if enc == "utf8":
            self._dec = codecs.getincrementaldecoder("utf-8")("replace")
        elif enc == "utf16le":
            self._dec = codecs.getincrementaldecoder("utf-16-le")("replace")
        elif enc == "latin1":
            self._dec = codecs.getincrementaldecoder("latin-1")()
        elif enc == "hex":
            self._dec = _HexDecoder()
        elif enc == "base64":
            self._dec = _Base64Decoder()
        else:
            self._dec = _AsciiDecoder()

    def write(self, buf: bytes) -> str:
        """Decode ``buf``, keeping an incomplete trailing character for later."""
        return self._dec.decode(buf, False)

    def end(self, buf: bytes | None = None) -> str:
        """Flush what is left (an incomplete character becomes U+FFFD)."""
        out = self._dec.decode(buf, False) if buf else ""
        return out + self._dec.decode(b"", True)
