"""Node's ``Buffer`` helpers over Python ``bytes`` (docs/porting.md: a Buffer *is* ``bytes``).

Only the static helpers HTTP programs reach for are provided:
``Buffer.byteLength``, ``Buffer.concat``, ``Buffer.from`` (spelled
``Buffer.from_``; ``getattr(Buffer, 'from')`` works too), ``Buffer.alloc``,
``Buffer.isBuffer`` and ``Buffer.toString(buf, encoding)`` (Python's
``bytes`` has no ``toString`` method).  Encodings are Node 10's, converted by
:mod:`nodehttp.encoding` (the one encoding module): ``utf8``/``utf-8``,
``latin1``/``binary``, ``ascii``, ``hex``, ``base64``, ``utf16le``/``ucs2``.
"""

from __future__ import annotations

from typing import Any, Iterable

from .encoding import byteLength as _byteLength
from .encoding import decode, encode, isEncoding, normalizeEncoding
from .errors import RangeError, codes

__all__ = ["Buffer", "encode", "decode", "normalize_encoding"]


def normalize_encoding(enc: Any) -> str:
    """The canonical name of ``enc`` (absent: ``'utf8'``), or ERR_UNKNOWN_ENCODING."""
    name = normalizeEncoding(enc)
    if name is None:
        raise codes.ERR_UNKNOWN_ENCODING(enc)
    return name


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
            raise codes.ERR_INVALID_ARG_TYPE("string", ["string", "Buffer", "ArrayBuffer"],
                                             string)
        return _byteLength(string, encoding)

    @staticmethod
    def concat(chunks: Iterable[bytes], totalLength: int | None = None) -> bytes:
        """``Buffer.concat(list[, totalLength])``: ``b''.join``, cut or zero-padded to ``totalLength``."""
        out = b"".join(chunks)
        if totalLength is not None:
            out = out[:totalLength].ljust(totalLength, b"\0")
        return out

    @staticmethod
    def from_(value: Any, encoding: Any = "utf8", length: int | None = None) -> bytes:
        """``Buffer.from(string[, enc])``, ``Buffer.from(array)``, ``Buffer.from(buffer)``.

        A non-string or empty ``encoding`` means utf8, as in Node.
        """
        if isinstance(value, str):
            return encode(value, encoding if isinstance(encoding, str) and encoding else "utf8")
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, (list, tuple)):
            return bytes(int(x) & 0xFF for x in value)
        if isinstance(value, (int, float)):
            raise codes.ERR_INVALID_ARG_TYPE("value", "not number", value)
        raise codes.ERR_INVALID_ARG_TYPE(
            "first argument", ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"],
            value)

    @staticmethod
    def alloc(size: int, fill: Any = 0) -> bytes:
        """``Buffer.alloc(size[, fill])``."""
        if not isinstance(size, (int, float)) or isinstance(size, bool):
            raise codes.ERR_INVALID_ARG_TYPE("size", "number", size)
        if size != size:  # NaN: Node 10 allocates nothing
            size = 0
        if not 0 <= size <= _K_MAX_LENGTH:
            raise codes.ERR_INVALID_OPT_VALUE.of(RangeError)("size", size)
        size = int(size)
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
        """``Buffer.isEncoding(enc)``: True for Node 10's encoding names, any case."""
        return isEncoding(encoding)

    @staticmethod
    def toString(buf: bytes, encoding: Any = "utf8", start: int = 0,
                 end: int | None = None) -> str:
        """``buf.toString([enc[, start[, end]]])`` as a static helper (an
        empty or absent ``enc`` is utf8; an unknown one ERR_UNKNOWN_ENCODING)."""
        return decode(buf[start:end], encoding)


setattr(Buffer, "from", Buffer.from_)

#: Node 10's ``buffer.kMaxLength`` on 64-bit platforms (2 ** 31 - 1).
_K_MAX_LENGTH = 2 ** 31 - 1
