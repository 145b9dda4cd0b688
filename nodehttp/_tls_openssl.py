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
from typing import Any

__all__ = ["available", "verify_result", "accept_all_verify"]

_HEAD = object.__basicsize__  # sizeof(PyObject_HEAD): 16 on 64-bit CPython
_PTR = ctypes.sizeof(ctypes.c_void_p)

_VERIFY_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_void_p)


@_VERIFY_CB
def _accept_all(preverify_ok: int, store_ctx: Any) -> int:
    # Node's VerifyCallback: "Quoting SSL_set_verify(3ssl): ... we always
    # accept, the result is checked after the handshake".
    return 1


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
