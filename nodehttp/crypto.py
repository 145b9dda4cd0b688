"""Node's ``crypto`` module, the parts http programs use (Node 10 semantics).

``createHash(algorithm)`` / ``createHmac(algorithm, key)`` return a
:class:`Hash` / :class:`Hmac`: ``update(data[, inputEncoding])`` chains,
``digest([encoding])`` returns ``bytes`` (Node's Buffer) or a ``str`` in
``'hex'``/``'base64'``/``'latin1'``/``'utf8'``.  Both are Transform streams,
as in Node: writing data and ending emits the digest as one ``'data'`` chunk.
Also ``randomBytes`` (sync, or with a callback run on the threadpool),
``randomFillSync``/``randomFill``, ``timingSafeEqual``, ``getHashes``,
``pbkdf2``/``pbkdf2Sync``, over Python's ``hashlib``/``hmac``/``os.urandom``.

Invariants: a Hash digests once — a second ``digest()`` or an ``update()``
after it raises ``ERR_CRYPTO_HASH_FINALIZED`` (``Hmac.digest()`` twice returns
an empty result, as Node 10's does); argument errors carry Node 10's code and
message; callback work (``randomBytes(n, cb)``, ``pbkdf2``) runs off the loop
thread and calls back as an entry, like libuv's threadpool.

Differences: algorithm names are the ones Node 10 accepts that this Python's
``hashlib`` can compute (``getHashes()`` lists exactly those: no md4, mdc2,
whirlpool); ``hash.copy()`` is Node 13+ and ``randomUUID`` Node 14+, so
neither is here; ciphers, signing, key objects, Diffie-Hellman are not ported.
"""

from __future__ import annotations

import functools
import hashlib
import hmac as _hmac
import os
from typing import Any, Callable

from . import buffer as _buffer
from ._threadpool import submit
from .errors import NodeError, invalid_arg_type, node_error
from .events import invoke
from .stream import Transform
from .util import format_number

__all__ = [
    "createHash", "createHmac", "Hash", "Hmac", "getHashes", "randomBytes", "randomFillSync",
    "randomFill", "timingSafeEqual", "pbkdf2", "pbkdf2Sync", "pseudoRandomBytes",
]

_BUF = (bytes, bytearray, memoryview)
_K_MAX_LENGTH = 2**31 - 1

# -- digests: Node's (OpenSSL's) names -> a hashlib constructor ----------------------------

#: The names Node 10's ``crypto.getHashes()`` lists, in its order.
_NODE_HASHES = (
    "RSA-MD4 RSA-MD5 RSA-MDC2 RSA-RIPEMD160 RSA-SHA1 RSA-SHA1-2 RSA-SHA224 RSA-SHA256 "
    "RSA-SHA3-224 RSA-SHA3-256 RSA-SHA3-384 RSA-SHA3-512 RSA-SHA384 RSA-SHA512 "
    "RSA-SHA512/224 RSA-SHA512/256 RSA-SM3 blake2b512 blake2s256 "
    "id-rsassa-pkcs1-v1_5-with-sha3-224 id-rsassa-pkcs1-v1_5-with-sha3-256 "
    "id-rsassa-pkcs1-v1_5-with-sha3-384 id-rsassa-pkcs1-v1_5-with-sha3-512 md4 "
    "md4WithRSAEncryption md5 md5-sha1 md5WithRSAEncryption mdc2 mdc2WithRSA ripemd ripemd160 "
    "ripemd160WithRSA rmd160 sha1 sha1WithRSAEncryption sha224 sha224WithRSAEncryption sha256 "
    "sha256WithRSAEncryption sha3-224 sha3-256 sha3-384 sha3-512 sha384 "
    "sha384WithRSAEncryption sha512 sha512-224 sha512-224WithRSAEncryption sha512-256 "
    "sha512-256WithRSAEncryption sha512WithRSAEncryption shake128 shake256 sm3 "
    "sm3WithRSAEncryption ssl3-md5 ssl3-sha1 whirlpool"
).split()

#: OpenSSL's default output length for the XOFs (Node 10 digests 16/32 bytes).
_XOF_LENGTH = {"shake_128": 16, "shake_256": 32}


@functools.lru_cache(maxsize=128)
def _canonical(name: str) -> str:
    """An OpenSSL digest alias (case-insensitive) -> the hashlib name it means."""
    n = name.lower()
    if n.startswith("id-rsassa-pkcs1-v1_5-with-"):
        n = n[len("id-rsassa-pkcs1-v1_5-with-"):]
    elif n.startswith("rsa-"):
        n = n[4:]
    elif n.startswith("ssl3-"):
        n = n[5:]
    for suffix in ("withrsaencryption", "withrsa"):
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    n = {"sha1-2": "sha1", "ripemd": "ripemd160", "rmd160": "ripemd160",
         "blake2b512": "blake2b", "blake2s256": "blake2s", "shake128": "shake_128",
         "shake256": "shake_256", "sha512/224": "sha512_224",
         "sha512/256": "sha512_256"}.get(n, n)
    return n.replace("-", "_") if n.startswith(("sha3", "sha512")) else n


_NODE_NAMES = frozenset(n.lower() for n in _NODE_HASHES)


def _new_digest(name: str) -> Any:
    """A fresh hashlib object for Node's algorithm ``name`` (one of Node's names,
    any case), or None if unsupported."""
    if name.lower() not in _NODE_NAMES:
        return None
    try:
        return hashlib.new(_canonical(name))
    except (ValueError, TypeError):
        return None


def getHashes() -> list[str]:
    """``crypto.getHashes()``: Node 10's list of digest names, kept to those
    this Python's hashlib computes."""
    return [n for n in _NODE_HASHES if _new_digest(n) is not None]


# -- encodings (one small place; switch to nodehttp.encoding when it lands) ----------------


def _to_bytes(data: Any, encoding: str | None) -> bytes:
    """``update(data, inputEncoding)``'s input: a string in ``encoding`` (utf8 by
    default and for names Node does not know), or bytes as they are."""
    if isinstance(data, str):
        try:
            return _buffer.encode(data, encoding or "utf8")
        except NodeError:
            return _buffer.encode(data, "utf8")
    return bytes(data)


def _encode_output(raw: bytes, encoding: str | None) -> bytes | str:
    """``digest(encoding)``'s result: bytes unless ``encoding`` is one Node knows."""
    if encoding is None or encoding == "buffer":
        return raw
    try:
        canon = _buffer.normalize_encoding(encoding)
    except NodeError:
        return raw
    if canon == "utf16le":
        raise node_error("ERR_CRYPTO_HASH_DIGEST_NO_UTF16", "hash.digest() does not support UTF-16")
    return _buffer.decode(raw, canon)


def _check_data(data: Any) -> None:
    if not isinstance(data, (str, *_BUF)):
        raise invalid_arg_type("data", ["string", "TypedArray", "DataView"], data)


# -- Hash and Hmac -----------------------------------------------------------------------


class Hash(Transform):
    """Node's ``Hash`` (``crypto.createHash(algorithm[, options])``).

    A Transform stream: chunks written are hashed, and ending the stream
    pushes the digest as one chunk (``hash.end('x'); hash.read()``).  Like
    Node's ``LazyTransform``, the stream state is built on first use of a
    stream method, so ``createHash(a).update(x).digest()`` stays cheap.
    """

    _streamStarted = False

    def __init__(self, algorithm: str, options: dict | None = None) -> None:
        if not isinstance(algorithm, str):
            raise invalid_arg_type("algorithm", "string", algorithm)
        h = _new_digest(algorithm)
        if h is None:
            raise NodeError("Digest method not supported")
        self._handle = h
        self._xof = _XOF_LENGTH.get(h.name)
        self._finalized = False
        self._options = options

    def __getattr__(self, name: str) -> Any:
        # Node's LazyTransform: the first stream attribute missing builds the stream.
        if self._streamStarted or name.startswith("__"):
            raise AttributeError(name)
        self._streamStarted = True
        Transform.__init__(self, self._options)
        return getattr(self, name)

    def update(self, data: Any, inputEncoding: str | None = None) -> Hash:
        """``hash.update(data[, inputEncoding])``: feed more data; returns the hash."""
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED", "Digest already called")
        _check_data(data)
        self._handle.update(_to_bytes(data, inputEncoding))
        return self

    def _raw_digest(self) -> bytes:
        return self._handle.digest(self._xof) if self._xof else self._handle.digest()

    def digest(self, encoding: str | None = None) -> bytes | str:
        """``hash.digest([encoding])``: bytes, or a string in ``encoding``; once only."""
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED", "Digest already called")
        self._finalized = True
        return _encode_output(self._raw_digest(), encoding)

    def _transform(self, chunk: Any, encoding: str, callback: Callable) -> None:
        self._handle.update(_to_bytes(chunk, encoding))
        callback()

    def _flush(self, callback: Callable) -> None:
        if not self._finalized:
            self._finalized = True
            self.push(self._raw_digest())
        callback()


class Hmac(Hash):
    """Node's ``Hmac`` (``crypto.createHmac(algorithm, key[, options])``)."""

    def __init__(self, hmac: str, key: Any, options: dict | None = None) -> None:
        if not isinstance(hmac, str):
            raise invalid_arg_type("hmac", "string", hmac)
        if not isinstance(key, (str, *_BUF)):
            raise invalid_arg_type("key", ["string", "TypedArray", "DataView"], key)
        h = _new_digest(hmac)
        if h is None or h.name in _XOF_LENGTH:
            raise NodeError("Unknown message digest" if h is None else
                            "error:00000000:lib(0):func(0):reason(0)")
        self._handle = _hmac.new(_to_bytes(key, "utf8"), digestmod=h.name)
        self._xof = None
        self._finalized = False
        self._options = options

    def digest(self, encoding: str | None = None) -> bytes | str:
        """``hmac.digest([encoding])``; a second call returns an empty result (Node 10)."""
        if self._finalized:
            return b"" if encoding in (None, "buffer") else ""
        return Hash.digest(self, encoding)


def createHash(algorithm: str, options: dict | None = None) -> Hash:
    """``crypto.createHash(algorithm[, options])``; unknown names raise
    ``Error: Digest method not supported``."""
    return Hash(algorithm, options)


def createHmac(hmac: str, key: Any, options: dict | None = None) -> Hmac:
    """``crypto.createHmac(algorithm, key[, options])``; unknown names raise
    ``Error: Unknown message digest``."""
    return Hmac(hmac, key, options)


# -- random bytes ------------------------------------------------------------------------


def _out_of_range(name: str, rng: str, value: Any) -> NodeError:
    return node_error("ERR_OUT_OF_RANGE", f'The value of "{name}" is out of range. '
                      f"It must be {rng}. Received {format_number(value)}", "RangeError")


def _invalid_callback() -> NodeError:
    return node_error("ERR_INVALID_CALLBACK", "Callback must be a function", "TypeError")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _assert_size(size: Any, name: str = "size", limit: int = _K_MAX_LENGTH) -> int:
    if not _is_number(size):
        raise invalid_arg_type(name, "number", size)
    if not size >= 0 or size > limit:  # NaN fails the first test
        raise _out_of_range(name, f">= 0 && <= {limit}", size)
    return int(size)


def randomBytes(size: int, callback: Callable | None = None) -> bytes | None:
    """``crypto.randomBytes(size[, callback])``: ``os.urandom(size)``; with a
    callback the bytes are made on the threadpool and passed as ``(err, buf)``."""
    n = _assert_size(size)
    if callback is not None and not callable(callback):
        raise _invalid_callback()
    if callback is None:
        return os.urandom(n)
    submit(os.urandom, (n,), lambda err, buf: invoke(callback, err, buf))
    return None


pseudoRandomBytes = randomBytes


def _fill_args(buf: Any, offset: Any, size: Any) -> tuple[int, int]:
    if not isinstance(buf, (bytearray, memoryview)):
        raise invalid_arg_type("buf", ["ArrayBuffer", "ArrayBufferView"], buf)
    n = len(buf)
    offset = _assert_size(offset, "offset", n)
    size = _assert_size(n - offset if size is None else size, "size", n - offset)
    return offset, size


def randomFillSync(buf: bytearray, offset: int = 0, size: int | None = None) -> bytearray:
    """``crypto.randomFillSync(buf[, offset[, size]])``: ``buf`` must be mutable
    (a ``bytearray`` or writable ``memoryview``: Python's ``bytes`` is not)."""
    offset, size = _fill_args(buf, offset, size)
    buf[offset:offset + size] = os.urandom(size)
    return buf


def randomFill(buf: bytearray, *args: Any) -> None:
    """``crypto.randomFill(buf[, offset[, size]], callback)``: filled on the threadpool."""
    callback = args[-1] if args else None
    if not callable(callback):
        raise _invalid_callback()
    offset, size = _fill_args(buf, *(list(args[:-1]) + [0, None][len(args) - 1:]))

    def work() -> None:
        buf[offset:offset + size] = os.urandom(size)

    submit(work, (), lambda err, _r: invoke(callback, err, None if err else buf))


def timingSafeEqual(buf1: Any, buf2: Any) -> bool:
    """``crypto.timingSafeEqual(a, b)``: constant-time comparison of equal-length bytes."""
    if not isinstance(buf1, _BUF):
        raise invalid_arg_type("buf1", ["Buffer", "TypedArray", "DataView"], buf1)
    if not isinstance(buf2, _BUF):
        raise invalid_arg_type("buf2", ["Buffer", "TypedArray", "DataView"], buf2)
    if len(buf1) != len(buf2):
        raise node_error("ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
                         "Input buffers must have the same length", "RangeError")
    return _hmac.compare_digest(bytes(buf1), bytes(buf2))


# -- pbkdf2 --------------------------------------------------------------------------------


def _uint32(value: Any, name: str) -> int:
    if not _is_number(value):
        raise invalid_arg_type(name, "number", value)
    if value != value or value != int(value):
        raise _out_of_range(name, "an integer", value)
    if not 0 <= value < 2**32:
        raise _out_of_range(name, ">= 0 && < 4294967296", value)
    return int(value)


def _pbkdf2_args(password: Any, salt: Any, iterations: Any, keylen: Any,
                 digest: Any) -> Callable[[], bytes]:
    if not isinstance(digest, str):
        raise invalid_arg_type("digest", ["string", "null"], digest)
    for name, value in (("password", password), ("salt", salt)):
        if not isinstance(value, (str, *_BUF)):
            raise invalid_arg_type(name, ["string", "Buffer", "TypedArray", "DataView"], value)
    iterations = _uint32(iterations, "iterations")
    keylen = _uint32(keylen, "keylen")
    h = _new_digest(digest)
    if h is None or h.name in _XOF_LENGTH:
        raise node_error("ERR_CRYPTO_INVALID_DIGEST", f"Invalid digest: {digest}", "TypeError")
    pw, st = _to_bytes(password, "utf8"), _to_bytes(salt, "utf8")
    # OpenSSL's PKCS5_PBKDF2_HMAC treats 0 iterations as 1 (Node 10 passes 0 through).
    rounds = max(iterations, 1)
    name = h.name
    return lambda: hashlib.pbkdf2_hmac(name, pw, st, rounds, keylen) if keylen else b""


def pbkdf2Sync(password: Any, salt: Any, iterations: int, keylen: int,
               digest: Any = None) -> bytes:
    """``crypto.pbkdf2Sync(password, salt, iterations, keylen, digest)``: the derived key."""
    return _pbkdf2_args(password, salt, iterations, keylen, digest)()


def pbkdf2(password: Any, salt: Any, iterations: int, keylen: int, digest: Any = None,
           callback: Callable | None = None) -> None:
    """``crypto.pbkdf2(password, salt, iterations, keylen, digest, callback)``:
    derived on the threadpool, ``callback(err, derivedKey)``."""
    if callable(digest) and callback is None:
        digest, callback = None, digest
    if not callable(callback):
        raise _invalid_callback()
    work = _pbkdf2_args(password, salt, iterations, keylen, digest)
    submit(work, (), lambda err, key: invoke(callback, err, key))
