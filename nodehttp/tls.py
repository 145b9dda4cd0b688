"""Node's ``tls`` module: the public facade, and ``tls.js``'s own functions.

``from nodehttp import tls`` (or ``nodehttp.require('tls')``) gives
``connect``, ``createServer``, ``Server``, ``TLSSocket``,
``createSecureContext``, ``SecureContext``, ``checkServerIdentity``,
``getCiphers``, ``DEFAULT_MIN_VERSION``/``DEFAULT_MAX_VERSION``,
``DEFAULT_ECDH_CURVE``.  The machinery lives in ``_tls_common`` (contexts,
certificates, verification errors) and ``_tls_wrap`` (sockets, server,
connect), as Node splits it.  See docs/tls-https.md for what differs.
"""

from __future__ import annotations

import ipaddress
import re
import ssl
from typing import Any

from ._tls_common import (DEFAULT_MAX_VERSION, DEFAULT_MIN_VERSION, SecureContext,
                          createSecureContext)
from ._tls_wrap import Server, TLSSocket, connect, createServer
from .errors import NodeError
from .net import isIP

__all__ = [
    "connect", "createServer", "Server", "TLSSocket", "createSecureContext", "SecureContext",
    "checkServerIdentity", "getCiphers", "DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION",
    "DEFAULT_ECDH_CURVE", "CLIENT_RENEG_LIMIT", "CLIENT_RENEG_WINDOW",
]

DEFAULT_ECDH_CURVE = "auto"
CLIENT_RENEG_LIMIT = 3
CLIENT_RENEG_WINDOW = 600


def getCiphers() -> list[str]:
    """Node's ``tls.getCiphers()``: the names of the supported ciphers, lower-case, sorted."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.set_ciphers("DEFAULT")  # OpenSSL's list, as Node's (Python's own default is shorter)
    return sorted({c["name"].lower() for c in ctx.get_ciphers()})


def _canonicalizeIP(ip: str) -> str | None:
    try:
        return str(ipaddress.ip_address(ip.split("%", 1)[0]))
    except ValueError:
        return None


def _unfqdn(host: str) -> str:
    return host[:-1] if host.endswith(".") else host


def _splitHost(host: str) -> list[str]:
    # Node lower-cases A-Z only (String#toLowerCase is locale-sensitive).
    return re.sub("[A-Z]", lambda m: m.group(0).lower(), _unfqdn(host)).split(".")


_BAD = re.compile("[^\u0021-\u007f]")


def _check(hostParts: list[str], pattern: Any, wildcards: bool) -> bool:
    # Empty strings, null, undefined, etc. never match.
    if not pattern:
        return False
    patternParts = _splitHost(pattern)
    if len(hostParts) != len(patternParts):
        return False
    # Pattern has empty components, e.g. "bad..example.com".
    if "" in patternParts:
        return False
    # RFC 6125 allows IDNA U-labels (Unicode) in names but we have no good way
    # to detect their encoding or normalize them so we simply reject them.
    if any(_BAD.search(p) for p in patternParts):
        return False
    # Check host parts from right to left first.
    for i in range(len(hostParts) - 1, 0, -1):
        if hostParts[i] != patternParts[i]:
            return False
    hostSubdomain = hostParts[0]
    patternSubdomain = patternParts[0]
    patternSubdomainParts = patternSubdomain.split("*")
    # Short-circuit when the subdomain does not contain a wildcard.  RFC 6125
    # does not allow wildcard substitution for components containing IDNA
    # A-labels (Punycode) so match those verbatim.
    if len(patternSubdomainParts) == 1 or "xn--" in patternSubdomain:
        return hostSubdomain == patternSubdomain
    if not wildcards:
        return False
    # More than one wildcard is always wrong.
    if len(patternSubdomainParts) > 2:
        return False
    # *.tld wildcards are not allowed.
    if len(patternParts) <= 2:
        return False
    prefix, suffix = patternSubdomainParts
    if len(prefix) + len(suffix) > len(hostSubdomain):
        return False
    return hostSubdomain.startswith(prefix) and hostSubdomain.endswith(suffix)


def checkServerIdentity(hostname: Any, cert: dict) -> NodeError | None:
    """Node's ``tls.checkServerIdentity(hostname, cert)``.

    Returns None when ``cert`` (``getPeerCertificate()``'s dict) is for
    ``hostname``: an IP must be among the ``IP Address`` altnames; a name
    must match a ``DNS`` altname (one ``*`` in the left-most label, not for
    ``*.tld``) or a ``URI`` altname's host, or — only when the certificate
    has no altnames — its subject ``CN``.  Else returns (not raises) Error
    ``ERR_TLS_CERT_ALTNAME_INVALID`` with ``reason``, ``host`` and ``cert``.
    """
    from . import url as _url

    subject = cert.get("subject") if cert else None
    altNames = cert.get("subjectaltname") if cert else None
    dnsNames: list[str] = []
    uriNames: list[Any] = []
    ips: list[Any] = []
    hostname = str(hostname) if hostname is not None else "undefined"
    if altNames:
        for name in altNames.split(", "):
            if name.startswith("DNS:"):
                dnsNames.append(name[4:])
            elif name.startswith("URI:"):
                uriNames.append(_url.parse(name[4:]).hostname)
            elif name.startswith("IP Address:"):
                ips.append(_canonicalizeIP(name[11:]))
    valid = False
    reason = "Unknown reason"
    if isIP(hostname):
        valid = _canonicalizeIP(hostname) in ips
        if not valid:
            reason = f"IP: {hostname} is not in the cert's list: " + ", ".join(
                str(ip) for ip in ips)
    elif subject is not None:
        hostname = _unfqdn(hostname)  # Remove trailing dot for error messages.
        hostParts = _splitHost(hostname)
        if not dnsNames and not ips and not uriNames:
            # Match against Common Name only if no supported identifiers are present.
            cn = subject.get("CN")
            if isinstance(cn, list):
                valid = any(_check(hostParts, c, True) for c in cn)
            elif cn:
                valid = _check(hostParts, cn, True)
            if not valid:
                reason = f"Host: {hostname}. is not cert's CN: {cn if cn is not None else 'undefined'}"
        else:
            valid = (any(_check(hostParts, n, True) for n in dnsNames)
                     or any(_check(hostParts, n, False) for n in uriNames))
            if not valid:
                reason = f"Host: {hostname}. is not in the cert's altnames: {altNames}"
    else:
        reason = "Cert is empty"
    if not valid:
        return NodeError(f"Hostname/IP does not match certificate's altnames: {reason}",
                         "ERR_TLS_CERT_ALTNAME_INVALID", reason=reason, host=hostname, cert=cert)
    return None
