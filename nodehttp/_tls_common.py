"""Node's ``_tls_common.js`` (and the X.509 side of ``node_crypto.cc``):
:class:`SecureContext`, :func:`createSecureContext`, the peer-certificate
object, and Node's certificate-verification error table.

Invariants kept here:

- A :class:`SecureContext` is built from Node's options once and holds one
  :class:`ssl.SSLContext` per role (client, server), made on first use.
  Every ``ssl.SSLContext`` nodehttp creates is a :class:`_SSLContext`, whose
  ``wrap_bio`` is the one place a TLS connection object is born: it resumes a
  ``session`` and tags the object with its socket (for SNI).
- Verification is Node's, not Python's: OpenSSL verifies the chain while the
  handshake runs, but never aborts it (an always-accept verify callback, as
  Node's ``VerifyCallback``, so the result is the last error found); the socket reads the
  result afterwards (``SSL_get_verify_result``) and decides, as Node's
  ``onConnectSecure``/``onServerSocketSecure`` do.  The standard library
  exposes neither call, so :mod:`._tls_openssl` reaches them through
  ``ctypes`` and checks itself at import; where it cannot, Python's own
  verification is used (a failed chain then fails the handshake, with the same
  Node code and message) and ``rejectUnauthorized: false`` reports
  ``authorized`` as False.
- PEM material given as ``bytes``/``str`` (Node's Buffer or string) is loaded
  from a private temporary file that is removed at once: ``ssl`` loads keys
  and certificate chains only from files.  ``ca`` goes through ``cadata``.
  A ``pfx`` (PKCS#12) is parsed by OpenSSL and takes the same path, its key
  re-encrypted under a one-time passphrase first.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import ssl
import tempfile
import weakref
from contextlib import contextmanager
from typing import Any, Iterator

from ._tls_openssl import (PKCS12Error, accept_all_verify, keylog_enable, keylog_watch,
                           pkcs12_parse)
from .errors import NodeError, NodeTypeError, invalid_arg_type

__all__ = ["SecureContext", "createSecureContext", "DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION",
           "roleContext", "sslError", "wrapping", "socketOf", "enableKeylog", "clientContext",
           "alpnList"]

#: Node 20's defaults (Node 10 had ``'TLSv1'``/``'TLSv1.2'``); OpenSSL 3 refuses
#: TLSv1.0/1.1 at its default security level anyway.
DEFAULT_MIN_VERSION = "TLSv1.2"
DEFAULT_MAX_VERSION = "TLSv1.3"

_VERSIONS = {
    "TLSv1": ssl.TLSVersion.TLSv1,
    "TLSv1.1": ssl.TLSVersion.TLSv1_1,
    "TLSv1.2": ssl.TLSVersion.TLSv1_2,
    "TLSv1.3": ssl.TLSVersion.TLSv1_3,
}
# secureProtocol (OpenSSL method names) → (min, max).
_METHODS = {
    "TLSv1_method": ("TLSv1", "TLSv1"), "TLSv1_client_method": ("TLSv1", "TLSv1"),
    "TLSv1_server_method": ("TLSv1", "TLSv1"),
    "TLSv1_1_method": ("TLSv1.1", "TLSv1.1"), "TLSv1_1_client_method": ("TLSv1.1", "TLSv1.1"),
    "TLSv1_1_server_method": ("TLSv1.1", "TLSv1.1"),
    "TLSv1_2_method": ("TLSv1.2", "TLSv1.2"), "TLSv1_2_client_method": ("TLSv1.2", "TLSv1.2"),
    "TLSv1_2_server_method": ("TLSv1.2", "TLSv1.2"),
    "TLS_method": (None, None), "TLS_client_method": (None, None),
    "TLS_server_method": (None, None), "SSLv23_method": (None, None),
    "SSLv23_client_method": (None, None), "SSLv23_server_method": (None, None),
}


# ssl.SSLObject -> a weak reference to the socket it was born for.  Weak both
# ways: the socket holds its SSLObject, so a strong value would keep the key
# (and the entry) alive for ever.
_OWNERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _SSLContext(ssl.SSLContext):
    """``ssl.SSLContext`` whose ``wrap_bio`` resumes a session and tags the object.

    asyncio's/uvloop's SSL protocol calls ``wrap_bio`` synchronously inside
    its ``connection_made``; the TLS socket names the session and the owner
    for that call with :func:`wrapping`.  Every new connection is watched for
    key-log lines, which flow once :func:`enableKeylog` turned the context's
    key log on (a listener may come after the connection is born).
    """

    _nextSession: Any = None
    _nextOwner: Any = None
    _keylog = False

    def wrap_bio(self, incoming: Any, outgoing: Any, server_side: bool = False,
                 server_hostname: Any = None, session: Any = None) -> Any:
        obj = ssl.SSLContext.wrap_bio(self, incoming, outgoing, server_side, server_hostname,
                                      session if session is not None else self._nextSession)
        if self._nextOwner is not None:
            _OWNERS[obj] = weakref.ref(self._nextOwner)
        keylog_watch(obj)  # cheap; lines flow only once the context's key log is on
        return obj


@contextmanager
def wrapping(ctx: ssl.SSLContext, session: Any, owner: Any) -> Iterator[None]:
    """While the block runs, a connection born of ``ctx`` resumes ``session``
    (an :class:`ssl.SSLSession` or None) and belongs to ``owner`` (its socket,
    see :func:`socketOf`).  A plain ``ssl.SSLContext`` is left alone."""
    if not isinstance(ctx, _SSLContext):
        yield
        return
    prev = ctx._nextSession, ctx._nextOwner
    ctx._nextSession, ctx._nextOwner = session, owner
    try:
        yield
    finally:
        ctx._nextSession, ctx._nextOwner = prev


def socketOf(sslobj: Any) -> Any:
    """The socket an ``ssl.SSLObject`` was born for (see :func:`wrapping`), or None."""
    ref = _OWNERS.get(sslobj)
    return ref() if ref is not None else None


def _onkeylog(sslobj: Any, line: bytes) -> None:
    owner = socketOf(sslobj)
    if owner is not None:
        owner.onkeylog(line)


def enableKeylog(ctx: ssl.SSLContext) -> bool:
    """Turn on Node's key log for connections born of ``ctx`` from now on: each
    NSS key-log line reaches ``socket.onkeylog(line)`` of its socket.  False
    when the ctypes seam is unavailable (then no ``'keylog'`` is emitted)."""
    if not isinstance(ctx, _SSLContext):
        return False
    if not ctx._keylog:
        if not keylog_enable(ctx, _onkeylog):
            return False
        ctx._keylog = True
    return True


def _pem(value: Any, name: str) -> bytes:
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise invalid_arg_type(f"options.{name}", ["string", "Buffer", "TypedArray", "DataView"],
                           value)


def _pems(value: Any, name: str) -> list[bytes]:
    if isinstance(value, (list, tuple)):
        return [_pem(v, name) for v in value]
    return [_pem(value, name)]


def sslError(exc: BaseException) -> NodeError:
    """A Python ``ssl.SSLError`` as Node 20 reports OpenSSL errors (``ERR_SSL_<REASON>``)."""
    reason = getattr(exc, "reason", None)
    text = str(exc.args[1] if len(exc.args) > 1 else exc)
    if "] " in text:
        text = text.split("] ", 1)[1]
    if " (_ssl.c:" in text:
        text = text.split(" (_ssl.c:", 1)[0]
    if reason:
        return NodeError(f"error:SSL routines::{text}", f"ERR_SSL_{reason}",
                         library="SSL routines", reason=text)
    return NodeError(text, None)


def _load_chain(ctx: ssl.SSLContext, certs: list[bytes], keys: list[bytes],
                passphrase: Any) -> None:
    # ssl loads certificate chains and keys only from files: write a private
    # temporary file, load it, remove it (memory-backed /dev/shm when present).
    tmpdir = "/dev/shm" if os.path.isdir("/dev/shm") else None
    fd, path = tempfile.mkstemp(prefix="nodehttp-tls-", dir=tmpdir)
    try:
        with os.fdopen(fd, "wb") as f:
            for k in keys:
                f.write(k.strip() + b"\n")
            for c in certs:
                f.write(c.strip() + b"\n")
        if isinstance(passphrase, str):
            passphrase = passphrase.encode()
        ctx.load_cert_chain(path, None, passphrase if passphrase is not None else b"")
    except ssl.SSLError as exc:
        raise sslError(exc) from None
    finally:
        os.unlink(path)


def _load_pfx(ctx: ssl.SSLContext, pfx: Any, passphrase: Any) -> None:
    """Node's ``pfx`` option: one PKCS#12 blob, or a list of blobs / ``{buf, passphrase}``.

    Each is parsed by OpenSSL (:func:`._tls_openssl.pkcs12_parse`); its key
    and certificate (with the bag's CA certificates as the chain) are loaded
    by :func:`_load_chain`, the one place keys reach a context, with the key
    re-encrypted under a one-time random passphrase so the clear key never
    touches the file system; the CA certificates are trusted too, as Node
    adds them to the context's store.
    """
    for item in (pfx if isinstance(pfx, (list, tuple)) else [pfx]):
        raw, pw = item, passphrase
        if isinstance(item, dict):
            raw = item.get("buf") if item.get("buf") is not None else item
            pw = item.get("passphrase") or passphrase
        data = _pem(raw, "pfx")
        secret = secrets.token_hex(16).encode()
        try:
            key, cert, cas = pkcs12_parse(data, _pem(pw, "passphrase") if pw else None, secret)
        except PKCS12Error as exc:
            raise NodeError(str(exc), None) from None
        _load_chain(ctx, ([cert] if cert else []) + cas, [key] if key else [], secret)
        for ca in cas:
            ctx.load_verify_locations(cadata=ca.decode("latin-1"))


class SecureContext:
    """Node's ``tls.SecureContext``: what :func:`createSecureContext` returns.

    ``context`` is the underlying :class:`ssl.SSLContext` (server role when
    the context carries a certificate, else client role), as Node exposes its
    native context.  One context per role is built on first use.
    """

    def __init__(self, options: dict | None = None) -> None:
        self.options = dict(options or {})
        self._contexts: dict[bool, _SSLContext] = {}
        o = self.options
        for name in ("key", "cert"):
            if o.get(name) is not None:
                _pems(o[name], name)
        # Build eagerly so bad material raises here, as Node's does.
        self.sslContext(bool(o.get("cert") or o.get("pfx")))

    @property
    def context(self) -> ssl.SSLContext:
        """The ``ssl.SSLContext`` (Node: the native ``SecureContext``)."""
        return self.sslContext(bool(self.options.get("cert") or self.options.get("pfx")))

    def sslContext(self, server: bool) -> _SSLContext:
        """The ``ssl.SSLContext`` for one role (server or client), built on first use."""
        ctx = self._contexts.get(server)
        if ctx is None:
            ctx = self._contexts[server] = self._build(server)
        return ctx

    def _build(self, server: bool) -> _SSLContext:
        o = self.options
        ctx = _SSLContext(ssl.PROTOCOL_TLS_SERVER if server else ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False  # Node's checkServerIdentity decides, after the handshake
        ctx.verify_mode = ssl.CERT_NONE
        if not server and not accept_all_verify(ctx, 1):  # SSL_VERIFY_PEER, never failing
            if o.get("rejectUnauthorized") is not False:
                ctx.verify_mode = ssl.CERT_REQUIRED  # no ctypes seam: Python verifies
        secureProtocol = o.get("secureProtocol")
        minv = o.get("minVersion")
        maxv = o.get("maxVersion")
        if secureProtocol is not None:
            if minv or maxv:
                raise NodeTypeError("Options minVersion/maxVersion and secureProtocol are "
                                    "mutually exclusive", "ERR_TLS_PROTOCOL_VERSION_CONFLICT")
            if secureProtocol not in _METHODS:
                raise NodeTypeError(f"Unknown method: {secureProtocol}", "ERR_TLS_INVALID_PROTOCOL_METHOD")
            minv, maxv = _METHODS[secureProtocol]
        for which, value, default in (("minimum", minv, DEFAULT_MIN_VERSION),
                                      ("maximum", maxv, DEFAULT_MAX_VERSION)):
            if value is None:
                value = default
            v = _VERSIONS.get(value) if isinstance(value, str) else None
            if v is None:
                raise NodeTypeError(f'"{value}" is not a valid {which} TLS protocol version',
                                    "ERR_TLS_INVALID_PROTOCOL_VERSION")
            if which == "minimum":
                ctx.minimum_version = v
            else:
                ctx.maximum_version = v
        ciphers = o.get("ciphers")
        if ciphers:
            # Python sets the TLS 1.2 list; TLS 1.3 suites keep OpenSSL's defaults.
            legacy = ":".join(c for c in str(ciphers).split(":") if not c.startswith("TLS_"))
            if legacy:
                try:
                    ctx.set_ciphers(legacy)
                except ssl.SSLError as exc:
                    raise NodeError("No cipher match", "ERR_SSL_NO_CIPHER_MATCH") from exc
        if o.get("honorCipherOrder"):
            ctx.options |= ssl.OP_CIPHER_SERVER_PREFERENCE
        ecdh = o.get("ecdhCurve")
        if ecdh and ecdh != "auto" and ":" not in ecdh:
            try:
                ctx.set_ecdh_curve(ecdh)
            except (ValueError, ssl.SSLError) as exc:
                raise NodeTypeError("Failed to set ECDH curve", "ERR_CRYPTO_OPERATION_FAILED") from exc
        ca = o.get("ca")
        if ca is not None:
            for pem in _pems(ca, "ca"):
                try:
                    ctx.load_verify_locations(cadata=pem.decode("latin-1"))
                except ssl.SSLError as exc:
                    raise sslError(exc) from None
        else:
            ctx.load_default_certs(ssl.Purpose.SERVER_AUTH if not server
                                   else ssl.Purpose.CLIENT_AUTH)
        cert = o.get("cert")
        key = o.get("key")
        if cert is not None or key is not None:
            if key is None:
                key = cert  # a PEM bundle with both
            keys = []
            passphrase = o.get("passphrase")
            for k in (key if isinstance(key, (list, tuple)) else [key]):
                if isinstance(k, dict):
                    passphrase = k.get("passphrase", passphrase)
                    k = k.get("pem")
                keys.append(_pem(k, "key"))
            _load_chain(ctx, _pems(cert, "cert") if cert is not None else [], keys, passphrase)
        if o.get("pfx") is not None:
            _load_pfx(ctx, o["pfx"], o.get("passphrase"))
        return ctx


def createSecureContext(options: dict | None = None) -> SecureContext:
    """Node's ``tls.createSecureContext(options)``: ``key``, ``cert``, ``ca``,
    ``passphrase``, ``ciphers``, ``honorCipherOrder``, ``ecdhCurve``,
    ``minVersion``/``maxVersion``/``secureProtocol``, ``pfx`` (PKCS#12: a
    blob, or a list of blobs or ``{buf, passphrase}``), read by OpenSSL through
    :mod:`._tls_openssl`; a wrong passphrase raises Node's plain Error
    ``'mac verify failure'``."""
    if options is not None and not isinstance(options, dict):
        raise invalid_arg_type("options", "object", options)
    return SecureContext(options)


def roleContext(sc: Any, server: bool) -> _SSLContext:
    """The ``ssl.SSLContext`` of a :class:`SecureContext` for one role."""
    if isinstance(sc, SecureContext):
        return sc.sslContext(server)
    if isinstance(sc, ssl.SSLContext):  # a Python context given as is
        return sc  # type: ignore[return-value]
    raise invalid_arg_type("options.secureContext", "object", sc)


# -- client contexts, cached by their options ----------------------------------------------

_CLIENT_CONTEXTS: dict = {}
_CONTEXT_KEYS = ("ca", "cert", "key", "passphrase", "ciphers", "minVersion", "maxVersion",
                 "secureProtocol", "honorCipherOrder", "ecdhCurve", "ALPNProtocols",
                 "rejectUnauthorized")


def _freeze(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, (bytearray, memoryview)):
        return bytes(v)
    return v


def alpnList(protocols: Any) -> list[str]:
    """Node's ``ALPNProtocols``: a list of strings/bytes, or the wire format
    (length-prefixed bytes), as the list ``ssl`` takes."""
    if isinstance(protocols, (bytes, bytearray)):  # Node's wire format: length-prefixed
        out, i, b = [], 0, bytes(protocols)
        while i < len(b):
            n = b[i]
            out.append(b[i + 1:i + 1 + n].decode())
            i += 1 + n
        return out
    return [p.decode() if isinstance(p, (bytes, bytearray)) else str(p) for p in protocols]


def clientContext(options: dict) -> SecureContext:
    """The client's :class:`SecureContext` for ``options``: one per distinct set
    of TLS options (building one loads the CA store), at most 64 kept."""
    try:
        key = tuple((k, _freeze(options.get(k))) for k in _CONTEXT_KEYS)
        hash(key)
    except TypeError:
        key = None
    sc = _CLIENT_CONTEXTS.get(key) if key is not None else None
    if sc is None:
        sc = createSecureContext(options)
        alpn = options.get("ALPNProtocols")
        if alpn:
            sc.sslContext(False).set_alpn_protocols(alpnList(alpn))
        if key is not None:
            if len(_CLIENT_CONTEXTS) >= 64:
                _CLIENT_CONTEXTS.clear()
            _CLIENT_CONTEXTS[key] = sc
    return sc



# -- the peer certificate in Node's shape --------------------------------------------------

_SHORT_NAMES = {
    "commonName": "CN", "countryName": "C", "stateOrProvinceName": "ST",
    "localityName": "L", "organizationName": "O", "organizationalUnitName": "OU",
    "emailAddress": "emailAddress", "serialNumber": "serialNumber",
    "domainComponent": "DC", "givenName": "GN", "surname": "SN", "title": "title",
    "streetAddress": "street", "postalCode": "postalCode", "userId": "UID",
    "businessCategory": "businessCategory",
}


def _name_dict(rdns: Any) -> dict:
    out: dict[str, Any] = {}
    for rdn in rdns or ():
        for key, value in rdn:
            k = _SHORT_NAMES.get(key, key)
            if k in out:  # Node: repeated attributes become an array
                prev = out[k]
                out[k] = (prev if isinstance(prev, list) else [prev]) + [value]
            else:
                out[k] = value
    return out


def _colon_hex(digest: bytes) -> str:
    return ":".join(f"{b:02X}" for b in digest)


def _decode_der(der: bytes) -> dict:
    # ssl decodes a certificate only from a file (the peer's parsed form is
    # withheld when the connection did not verify it): same temporary-file
    # dance as for keys.
    tmpdir = "/dev/shm" if os.path.isdir("/dev/shm") else None
    fd, path = tempfile.mkstemp(prefix="nodehttp-cert-", dir=tmpdir)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(ssl.DER_cert_to_PEM_cert(der))
        return ssl._ssl._test_decode_cert(path)  # type: ignore[attr-defined]
    finally:
        os.unlink(path)


def translatePeerCertificate(der: bytes, decoded: dict | None = None) -> dict:
    """The object ``getPeerCertificate()`` returns, in Node's shape.

    ``subject``/``issuer`` (short attribute names), ``subjectaltname``
    (``'DNS:a, IP Address:1.2.3.4'``), ``infoAccess``, ``valid_from``/
    ``valid_to`` (OpenSSL's ``'Jan  1 00:00:00 2030 GMT'``), ``fingerprint``,
    ``fingerprint256``, ``serialNumber`` (upper-case hex) and ``raw`` (DER
    bytes).  Not provided: ``modulus``/``exponent``/``pubkey``/``bits`` and
    ``ext_key_usage`` (Python's ``ssl`` does not decode public keys).
    """
    d = decoded if decoded else _decode_der(der)
    cert: dict[str, Any] = {
        "subject": _name_dict(d.get("subject")),
        "issuer": _name_dict(d.get("issuer")),
    }
    san = d.get("subjectAltName")
    if san:
        cert["subjectaltname"] = ", ".join(f"{k}:{v}" for k, v in san)
    access: dict[str, list] = {}
    for key, label in (("OCSP", "OCSP - URI"), ("caIssuers", "CA Issuers - URI")):
        if d.get(key):
            access[label] = list(d[key])
    if access:
        cert["infoAccess"] = access
    cert["valid_from"] = d.get("notBefore")
    cert["valid_to"] = d.get("notAfter")
    cert["fingerprint"] = _colon_hex(hashlib.sha1(der).digest())
    cert["fingerprint256"] = _colon_hex(hashlib.sha256(der).digest())
    cert["serialNumber"] = (d.get("serialNumber") or "").upper()
    cert["raw"] = der
    return cert


# -- verification errors: OpenSSL's X509_V_ERR_* as Node names and words them ---------------

# code: (Node's err.code, Node 10's message: OpenSSL 1.1.1's X509_verify_cert_error_string)
VERIFY_ERRORS: dict[int, tuple[str, str]] = {
    2: ("UNABLE_TO_GET_ISSUER_CERT", "unable to get issuer certificate"),
    3: ("UNABLE_TO_GET_CRL", "unable to get certificate CRL"),
    4: ("UNABLE_TO_DECRYPT_CERT_SIGNATURE", "unable to decrypt certificate's signature"),
    5: ("UNABLE_TO_DECRYPT_CRL_SIGNATURE", "unable to decrypt CRL's signature"),
    6: ("UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "unable to decode issuer public key"),
    7: ("CERT_SIGNATURE_FAILURE", "certificate signature failure"),
    8: ("CRL_SIGNATURE_FAILURE", "CRL signature failure"),
    9: ("CERT_NOT_YET_VALID", "certificate is not yet valid"),
    10: ("CERT_HAS_EXPIRED", "certificate has expired"),
    11: ("CRL_NOT_YET_VALID", "CRL is not yet valid"),
    12: ("CRL_HAS_EXPIRED", "CRL has expired"),
    13: ("ERROR_IN_CERT_NOT_BEFORE_FIELD", "format error in certificate's notBefore field"),
    14: ("ERROR_IN_CERT_NOT_AFTER_FIELD", "format error in certificate's notAfter field"),
    15: ("ERROR_IN_CRL_LAST_UPDATE_FIELD", "format error in CRL's lastUpdate field"),
    16: ("ERROR_IN_CRL_NEXT_UPDATE_FIELD", "format error in CRL's nextUpdate field"),
    17: ("OUT_OF_MEM", "out of memory"),
    18: ("DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate"),
    19: ("SELF_SIGNED_CERT_IN_CHAIN", "self signed certificate in certificate chain"),
    20: ("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"),
    21: ("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
    22: ("CERT_CHAIN_TOO_LONG", "certificate chain too long"),
    23: ("CERT_REVOKED", "certificate revoked"),
    24: ("INVALID_CA", "invalid CA certificate"),
    25: ("PATH_LENGTH_EXCEEDED", "path length constraint exceeded"),
    26: ("INVALID_PURPOSE", "unsupported certificate purpose"),
    27: ("CERT_UNTRUSTED", "certificate not trusted"),
    28: ("CERT_REJECTED", "certificate rejected"),
    62: ("HOSTNAME_MISMATCH", "Hostname mismatch"),
}


def verifyError(code: int) -> NodeError | None:
    """Node's ``verifyError()``: None for ``X509_V_OK``, else Error with Node's code and text."""
    if code == 0:
        return None
    name, message = VERIFY_ERRORS.get(code, (f"X509_V_ERR_{code}", f"certificate verify error {code}"))
    return NodeError(message, name)


def _verify_code(exc: BaseException) -> int | None:
    """The X509_V_ERR code of Python's ``SSLCertVerificationError`` (the fallback path)."""
    return getattr(exc, "verify_code", None)


