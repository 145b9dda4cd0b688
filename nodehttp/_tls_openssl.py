"""Two OpenSSL calls the standard library's ``ssl`` module does not expose,
reached through ``ctypes``: ``SSL_get_verify_result`` (the chain verification
result of a connection whose handshake did not abort on it) and
``SSL_CTX_set_verify`` with an always-accept callback (Node's server-side
``VerifyCallback``, so a bad client certificate is judged after the handshake).

Both need the C pointers inside CPython's ``_ssl`` objects: ``PySSLSocket``
and ``PySSLContext`` begin with ``PyObject_HEAD`` followed by the ``SSL *`` /
``SSL_CTX *`` (after the ``Socket`` weak reference for sockets).  That layout
is not an API, so :data:`available` is True only when a self-test at import
proves it on this interpreter (the options and verify mode read through the
context pointer must agree with what ``ssl`` reports, and a connection's
``SSL_get_SSL_CTX`` must be that pointer); otherwise
every function here reports "unavailable" and callers fall back to Python's
own verification (documented in docs/tls-https.md).
"""

from __future__ import annotations

import ctypes
import ssl
import sys
import weakref
from typing import Any

__all__ = ["available", "verify_result", "accept_all_verify", "pkcs12_parse", "keylog_enable",
           "keylog_watch"]

_HEAD = object.__basicsize__  # sizeof(PyObject_HEAD): 16 on 64-bit CPython
_PTR = ctypes.sizeof(ctypes.c_void_p)

_VERIFY_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_void_p)


_KEYLOG_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


@_VERIFY_CB
def _accept_all(preverify_ok: int, store_ctx: Any) -> int:
    # Node's VerifyCallback: "Quoting SSL_set_verify(3ssl): ... we always
    # accept, the result is checked after the handshake".
    return 1


def _declare_crypto(lib: Any) -> None:
    # libcrypto's PKCS#12 and PEM calls (reached through _ssl's own libssl/libcrypto).
    P, Int, L = ctypes.c_void_p, ctypes.c_int, ctypes.c_long
    for name, res, args in (
            ("BIO_new_mem_buf", P, [ctypes.c_char_p, Int]),
            ("BIO_s_mem", P, []),
            ("BIO_new", P, [P]),
            ("BIO_free", Int, [P]),
            ("BIO_ctrl", L, [P, Int, L, P]),
            ("d2i_PKCS12_bio", P, [P, P]),
            ("PKCS12_parse", Int, [P, ctypes.c_char_p, P, P, P]),
            ("PKCS12_free", None, [P]),
            ("PEM_write_bio_PrivateKey", Int, [P, P, P, ctypes.c_char_p, Int, P, P]),
            ("PEM_write_bio_X509", Int, [P, P]),
            ("EVP_aes_256_cbc", P, []),
            ("EVP_PKEY_free", None, [P]),
            ("X509_free", None, [P]),
            ("OPENSSL_sk_num", Int, [P]),
            ("OPENSSL_sk_value", P, [P, Int]),
            ("OPENSSL_sk_free", None, [P]),
            ("ERR_get_error", ctypes.c_ulong, []),
            ("ERR_reason_error_string", ctypes.c_char_p, [ctypes.c_ulong]),
            ("ERR_clear_error", None, [])):
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args


def _load() -> Any:
    if sys.implementation.name != "cpython":
        return None
    try:
        lib = ctypes.CDLL(ssl._ssl.__file__)  # type: ignore[attr-defined]
        lib.SSL_get_verify_result.restype = ctypes.c_long
        lib.SSL_get_verify_result.argtypes = [ctypes.c_void_p]
        lib.SSL_get_SSL_CTX.restype = ctypes.c_void_p
        lib.SSL_get_SSL_CTX.argtypes = [ctypes.c_void_p]
        lib.SSL_is_server.restype = ctypes.c_int
        lib.SSL_is_server.argtypes = [ctypes.c_void_p]
        lib.SSL_CTX_get_options.restype = ctypes.c_uint64
        lib.SSL_CTX_get_options.argtypes = [ctypes.c_void_p]
        lib.SSL_CTX_set_verify.restype = None
        lib.SSL_CTX_set_verify.argtypes = [ctypes.c_void_p, ctypes.c_int, _VERIFY_CB]
        lib.SSL_CTX_get_verify_mode.restype = ctypes.c_int
        lib.SSL_CTX_get_verify_mode.argtypes = [ctypes.c_void_p]
        lib.SSL_CTX_set_keylog_callback.restype = None
        lib.SSL_CTX_set_keylog_callback.argtypes = [ctypes.c_void_p, _KEYLOG_CB]
        _declare_crypto(lib)
    except (OSError, AttributeError):
        return None
    return lib


_lib = _load()


def _ssl_ptr(sslobj: Any) -> int | None:
    inner = getattr(sslobj, "_sslobj", sslobj)  # ssl.SSLObject wraps _ssl._SSLSocket
    if type(inner).__name__ != "_SSLSocket":
        return None
    return ctypes.c_void_p.from_address(id(inner) + _HEAD + _PTR).value


def _ctx_ptr(ctx: ssl.SSLContext) -> int | None:
    return ctypes.c_void_p.from_address(id(ctx) + _HEAD).value


def _self_test() -> bool:
    if _lib is None:
        return False
    try:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.options |= ssl.OP_NO_COMPRESSION
        p = _ctx_ptr(ctx)
        if not p or _lib.SSL_CTX_get_options(p) != int(ctx.options):
            return False
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        if _lib.SSL_CTX_get_verify_mode(p) != 0:
            return False
        obj = ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO())
        q = _ssl_ptr(obj)
        return bool(q) and _lib.SSL_get_SSL_CTX(q) == p and _lib.SSL_is_server(q) == 0
    except Exception:  # noqa: BLE001 - any surprise means "not available"
        return False


#: True when the two calls below work on this interpreter.
available: bool = _self_test()


def verify_result(sslobj: Any) -> int | None:
    """``SSL_get_verify_result`` of an ``ssl.SSLObject`` (0 is ``X509_V_OK``), or None."""
    if not available:
        return None
    p = _ssl_ptr(sslobj)
    return int(_lib.SSL_get_verify_result(p)) if p else None


def accept_all_verify(ctx: ssl.SSLContext, mode: int) -> bool:
    """Set ``ctx``'s verify mode (``SSL_VERIFY_*`` bits) with a callback that accepts
    every chain; the result is read after the handshake.  False when unavailable."""
    if not available:
        return False
    _lib.SSL_CTX_set_verify(_ctx_ptr(ctx), mode, _accept_all)
    return True


class PKCS12Error(Exception):
    """OpenSSL's reason for refusing a PKCS#12 blob (Node throws it as a plain Error)."""


def _bio_bytes(bio: int) -> bytes:
    ptr = ctypes.c_void_p()
    n = _lib.BIO_ctrl(bio, 3, 0, ctypes.byref(ptr))  # BIO_get_mem_data (BIO_CTRL_INFO)
    return ctypes.string_at(ptr.value, n) if n > 0 and ptr.value else b""


def _pem_of(write: Any, *args: Any) -> bytes:
    bio = _lib.BIO_new(_lib.BIO_s_mem())
    try:
        if write(bio, *args) != 1:
            raise PKCS12Error(_reason())
        return _bio_bytes(bio)
    finally:
        _lib.BIO_free(bio)


def _reason() -> str:
    # Node's ThrowCryptoError/ThrowError: the reason of the first queued error.
    code = _lib.ERR_get_error()
    _lib.ERR_clear_error()
    text = _lib.ERR_reason_error_string(code) if code else None
    return text.decode() if text else "unknown error"


def pkcs12_parse(data: bytes, passphrase: bytes | None,
                 key_passphrase: bytes) -> tuple[bytes, bytes | None, list[bytes]]:
    """Node's ``SecureContext::LoadPKCS12``: ``d2i_PKCS12_bio`` + ``PKCS12_parse``.

    Returns ``(key, cert, ca)`` as PEM: the private key encrypted (AES-256-CBC)
    with ``key_passphrase``, so the caller can hand it to ``ssl`` without the
    clear key ever being written anywhere; the certificate (or None) and the
    CA certificates of the bag.  A bad blob or passphrase raises
    :class:`PKCS12Error` with OpenSSL's reason (``'mac verify failure'``,
    ``'wrong tag'``, ``'not enough data'``), as Node does.  Needs only
    libcrypto, not the ``_ssl`` layout self-test.
    """
    if _lib is None:
        raise PKCS12Error("PKCS#12 needs OpenSSL's libcrypto, which is not reachable here")
    _lib.ERR_clear_error()
    bio = _lib.BIO_new_mem_buf(data, len(data))
    p12 = _lib.d2i_PKCS12_bio(bio, None)
    _lib.BIO_free(bio)
    if not p12:
        raise PKCS12Error(_reason())
    pkey, cert, ca = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    try:
        if _lib.PKCS12_parse(p12, passphrase, ctypes.byref(pkey), ctypes.byref(cert),
                             ctypes.byref(ca)) != 1:
            raise PKCS12Error(_reason())
        key_pem = b""
        if pkey.value:
            key_pem = _pem_of(_lib.PEM_write_bio_PrivateKey, pkey, _lib.EVP_aes_256_cbc(),
                              key_passphrase, len(key_passphrase), None, None)
        cert_pem = _pem_of(_lib.PEM_write_bio_X509, cert) if cert.value else None
        cas = [_pem_of(_lib.PEM_write_bio_X509, _lib.OPENSSL_sk_value(ca, i))
               for i in range(_lib.OPENSSL_sk_num(ca))] if ca.value else []
        return key_pem, cert_pem, cas
    finally:
        _lib.PKCS12_free(p12)
        if pkey.value:
            _lib.EVP_PKEY_free(pkey)
        if cert.value:
            _lib.X509_free(cert)
        if ca.value:
            for i in range(_lib.OPENSSL_sk_num(ca)):
                _lib.X509_free(_lib.OPENSSL_sk_value(ca, i))
            _lib.OPENSSL_sk_free(ca)


# -- the key log (Node's 'keylog' event, SSL_CTX_set_keylog_callback) -----------------------

# SSL * -> the ssl.SSLObject it belongs to (weak: the entry goes when the object,
# and so the SSL *, is freed, before the address can be reused).
_keylog_objects: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_keylog_handler: Any = None


@_KEYLOG_CB
def _keylog(ssl_ptr: int, line: bytes) -> None:
    # Called by OpenSSL inside the handshake, with the GIL re-taken by ctypes;
    # nothing may raise into C.
    obj = _keylog_objects.get(ssl_ptr)
    handler = _keylog_handler
    if obj is not None and handler is not None:
        try:
            handler(obj, line + b"\n")
        except Exception:  # noqa: BLE001 - an exception cannot cross OpenSSL
            pass


def keylog_enable(ctx: ssl.SSLContext, handler: Any) -> bool:
    """Install the key-log callback on ``ctx``: every NSS key-log line of a
    watched connection goes to ``handler(sslobj, line)`` (``line`` ends in
    ``\\n``, as Node's Buffer).  One handler for the process.  False when
    the ctypes seam is unavailable."""
    global _keylog_handler
    if not available:
        return False
    assert _keylog_handler in (None, handler), "one key-log handler per process"
    _keylog_handler = handler
    _lib.SSL_CTX_set_keylog_callback(_ctx_ptr(ctx), _keylog)
    return True


def keylog_watch(sslobj: Any) -> None:
    """Route the key-log lines of ``sslobj``'s connection to the handler."""
    p = _ssl_ptr(sslobj) if available else None
    if p:
        _keylog_objects[p] = sslobj
