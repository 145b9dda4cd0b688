"""Node's ``string_decoder`` module: :class:`StringDecoder` over :mod:`nodehttp.encoding`.

Invariant: a character is never split between two ``write()`` results -- an
incomplete UTF-8 sequence or UTF-16 unit/surrogate pair, or the bytes of an
unfinished base64 group, wait for the next ``write``; ``end()`` flushes them
(an incomplete character becomes U+FFFD, as in Node).  Complete input is
converted by :func:`nodehttp.encoding.decode`, so a StringDecoder and
``Buffer.toString`` agree on every encoding.

(The stream package decodes with this one too: one encoding module.)
"""

from __future__ import annotations

import codecs
from typing import Any

from .encoding import decode, normalizeEncoding, unknown_encoding

__all__ = ["StringDecoder"]


class _Grouped:
    """Decode whole groups of ``size`` bytes; keep the rest (base64: 3)."""

    __slots__ = ("enc", "size", "rest")

    def __init__(self, enc: str, size: int) -> None:
        self.enc = enc
        self.size = size
        self.rest = b""

    def decode(self, b: bytes, final: bool = False) -> str:
        data = self.rest + bytes(b) if self.rest else bytes(b)
        if final:
            self.rest = b""
            return decode(data, self.enc) if data else ""
        cut = len(data) - len(data) % self.size
        self.rest = data[cut:]
        return decode(data[:cut], self.enc) if cut else ""


class _Utf16:
    """Node's ``utf16Text``/``fillLast``/``utf16End``, exactly: a high surrogate
    at the end of an even-length chunk waits for its pair; an odd byte waits
    for its partner (and the unit it completes is emitted as is, even a lone
    high surrogate -- Node 10 and 20 both do that)."""

    __slots__ = ("need", "total", "last")

    def __init__(self) -> None:
        self.need = 0
        self.total = 0
        self.last = bytearray(4)

    def decode(self, b: bytes, final: bool = False) -> str:
        out = self._write(bytes(b)) if b else ""
        if final and self.need:
            out += decode(bytes(self.last[:self.total - self.need]), "utf16le")
            self.need = 0
        return out

    def _write(self, buf: bytes) -> str:
        r = ""
        i = 0
        if self.need:
            start = self.total - self.need
            if self.need > len(buf):
                self.last[start:start + len(buf)] = buf
                self.need -= len(buf)
                return ""
            self.last[start:self.total] = buf[:self.need]
            r = decode(bytes(self.last[:self.total]), "utf16le")
            i = self.need
            self.need = 0
        if i < len(buf):
            r += self._text(buf, i)
        return r

    def _text(self, buf: bytes, i: int) -> str:
        if (len(buf) - i) % 2 == 0:
            r = decode(buf[i:], "utf16le")
            if r and 0xD800 <= ord(r[-1]) <= 0xDBFF:
                self.need = 2
                self.total = 4
                self.last[0:2] = buf[-2:]
                return r[:-1]
            return r
        self.need = 1
        self.total = 2
        self.last[0] = buf[-1]
        return decode(buf[i:-1], "utf16le")


class _Whole:
    """Encodings where every byte stands alone (latin1, ascii, hex)."""

    __slots__ = ("enc",)

    def __init__(self, enc: str) -> None:
        self.enc = enc

    def decode(self, b: bytes, final: bool = False) -> str:
        return decode(b, self.enc) if b else ""


class StringDecoder:
    """Node's ``new StringDecoder([encoding])``: bytes in, whole characters out.

    ``encoding`` is Node 10's (default utf8); an unknown one (``'buffer'``
    included) raises ``ERR_UNKNOWN_ENCODING``.
    """

    __slots__ = ("encoding", "_dec")

    def __init__(self, encoding: Any = "utf8") -> None:
        enc = normalizeEncoding(encoding)
        if enc is None:
            raise unknown_encoding(encoding)
        self.encoding = enc
        if enc == "utf8":
            self._dec: Any = codecs.getincrementaldecoder("utf-8")("nodehttp.js")
        elif enc == "utf16le":
            self._dec = _Utf16()
        elif enc == "base64":
            self._dec = _Grouped("base64", 3)
        else:
            self._dec = _Whole(enc)

    def write(self, buf: bytes) -> str:
        """Decode ``buf``, keeping an incomplete trailing character for later."""
        return self._dec.decode(buf, False)

    def end(self, buf: bytes | None = None) -> str:
        """Flush what is left (an incomplete character becomes U+FFFD)."""
        out = self._dec.decode(buf, False) if buf else ""
        return out + self._dec.decode(b"", True)
