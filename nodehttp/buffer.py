"""Node's ``Buffer`` helpers over Python ``bytes`` (PORTING.md: a Buffer *is* ``bytes``).

Only the static helpers HTTP programs reach for are provided:
``Buffer.byteLength``, ``Buffer.concat``, ``Buffer.from`` (spelled
``Buffer.from_``; ``getattr(Buffer, 'from')`` works too), ``Buffer.alloc``,
``Buffer.isBuffer`` and ``Buffer.toString(buf, encoding)`` (Python's
``bytes`` has no ``toString`` method).  Encodings are Node's names:
``utf8``/``utf-8``, ``latin1``/``binary``, ``ascii``, ``hex``, ``base64``,
``utf16le``/``ucs2``.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Iterable

from .errors import NodeError, NodeTypeError, js_typeof

__all__ = ["Buffer", "encode", "decode", "normalize_encoding"]

_ENCODINGS = {
    "utf8": "utf8", "utf-8": "utf8",
    "latin1": "latin1", "binary": "latin1",
    "ascii": "ascii",
    "hex": "hex",
    "base64": "base64",
    "utf16le": "utf16le", "utf-16le": "utf16le", "ucs2": "utf16le", "ucs-2": "utf16le",
}


def normalize_encoding(enc: str | None) -> str:
    """Node's ``normalizeEncoding``: the canonical name, or ERR_UNKNOWN_ENCODING."""
    if enc is None:
        return "utf8"
    canon = _ENCODINGS.get(enc) or _ENCODINGS.get(str(enc).lower())
    if canon is None:
        raise NodeTypeError(f"Unknown encoding: {enc}", "ERR_UNKNOWN_ENCODING")
    return canon


def encode(s: str, enc: str | None = "utf8") -> bytes:
    """A JavaScript string to bytes in Node's encoding ``enc``."""
    if enc is None or enc == "utf8" or enc == "utf-8":
        return s.encode("utf-8", "surrogatepass")
    canon = normalize_encoding(enc)
    if canon == "utf8":
        return s.encode("utf-8", "surrogatepass")
    if canon in ("latin1", "ascii"):
        # Node keeps the low byte of each UTF-16 code unit.
        return bytes(ord(c) & 0xFF for c in s) if not s.isascii() else s.encode("ascii")
    if canon == "hex":
        n = len(s) - len(s) % 2
        try:
            return bytes.fromhex(s[:n])
        except ValueError:
            out = bytearray()
            for i in range(0, n, 2):
                try:
                    out.append(int(s[i:i + 2], 16))
                except ValueError:
                    break
            return bytes(out)
    if canon == "base64":
        t = s.replace("-", "+").replace("_", "/").strip()
        t = "".join(t.split())
        t = t.rstrip("=")
        try:
            return base64.b64decode(t + "=" * (-len(t) % 4))
        except (binascii.Error, ValueError):
            return b""
    return s.encode("utf-16-le", "surrogatepass")


def decode(b: bytes, enc: str | None = "utf8") -> str:
    """``buf.toString(enc)``: bytes to a string in Node's encoding ``enc``."""
    canon = normalize_encoding(enc)
    if canon == "utf8":
        return bytes(b).decode("utf-8", "replace")
    if canon == "latin1":
        return bytes(b).decode("latin-1")
    if canon == "ascii":
        return bytes(x & 0x7F for x in b).decode("ascii")
    if canon == "hex":
        return bytes(b).hex()
    if canon == "base64":
        return base64.b64encode(bytes(b)).decode("ascii")
    return bytes(b[: len(b) - len(b) % 2]).decode("utf-16-le", "replace")


class _BufferMeta(type):
    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, (bytes, bytearray, memoryview))


class Buffer(metaclass=_BufferMeta):
    """Node's ``Buffer`` statics; ``isinstance(b'x', Buffer)`` holds."""

    def __new__(cls, *args: Any) -> bytes:  # type: ignore[misc]
        return Buffer.from_(*args)

    @staticmethod
    def byteLength(string: Any, encoding: str = "utf8") -> int:
        """``Buffer.byteLength(s[, enc])``: the number of bytes ``s`` takes in ``enc``."""
        if isinstance(string, (bytes, bytearray, memoryview)):
            return len(string)
        if not isinstance(string, str):
            raise NodeTypeError(
                'The "string" argument must be one of type string, Buffer, or ArrayBuffer. '
                f"Received type {js_typeof(string)}",
                "ERR_INVALID_ARG_TYPE",
            )
        if string.isascii() and normalize_encoding(encoding) in ("utf8", "latin1", "ascii"):
            return len(string)
        return len(encode(string, encoding))

    @staticmethod
    def concat(chunks: Iterable[bytes], totalLength: int | None = None) -> bytes:
        """``Buffer.concat(list[, totalLength])``: ``b''.join``, cut or zero-padded to ``totalLength``."""
        out = b"".join(chunks)
        if totalLength is not None:
            out = out[:totalLength].ljust(totalLength, b"\0")
        return out

    @staticmethod
    def from_(value: Any, encoding: str = "utf8", length: int | None = None) -> bytes:
        """``Buffer.from(string[, enc])``, ``Buffer.from(array)``, ``Buffer.from(buffer)``."""
        if isinstance(value, str):
            return encode(value, encoding)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, (list, tuple)):
            return bytes(int(x) & 0xFF for x in value)
        raise NodeTypeError(
            "The first argument must be one of type string, Buffer, ArrayBuffer, Array, "
            f"or Array-like Object. Received type {js_typeof(value)}",
            "ERR_INVALID_ARG_TYPE",
        )

    @staticmethod
    def alloc(size: int, fill: Any = 0) -> bytes:
        """``Buffer.alloc(size[, fill])``."""
        if not isinstance(size, int) or size < 0:
            raise NodeError(f'The "size" argument must be of type number. Received {size!r}',
                            "ERR_INVALID_ARG_TYPE")
        if isinstance(fill, int):
            return bytes([fill & 0xFF]) * size
        pat = encode(fill) if isinstance(fill, str) else bytes(fill)
        return (pat * (size // max(len(pat), 1) + 1))[:size] if pat else bytes(size)

    @staticmethod
    def isBuffer(obj: Any) -> bool:
        """``Buffer.isBuffer(obj)``: True for ``bytes``/``bytearray``/``memoryview``."""
        return isinstance(obj, (bytes, bytearray, memoryview))

    @staticmethod
    def isEncoding(encoding: Any) -> bool:
        """``Buffer.isEncoding(enc)``."""
        return isinstance(encoding, str) and encoding.lower() in _ENCODINGS

    @staticmethod
    def toString(buf: bytes, encoding: str = "utf8", start: int = 0,
                 end: int | None = None) -> str:
        """``buf.toString([enc[, start[, end]]])`` as a static helper."""
        return decode(buf[start:end], encoding)


setattr(Buffer, "from", Buffer.from_)
