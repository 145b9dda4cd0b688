"""IP address helpers of Node's ``net`` (``isIP``, ``isIPv4``, ``isIPv6``) and
the address dicts sockets and servers report.

Invariant: pure functions of their arguments; no socket is touched here
except to read its family."""

from __future__ import annotations

import socket as _socket
from typing import Any

# -- IP helpers -------------------------------------------------------------------


def isIPv4(input: Any) -> bool:
    """Node's ``net.isIPv4``: a dotted-quad IPv4 address string."""
    if not isinstance(input, str):
        return False
    try:
        _socket.inet_pton(_socket.AF_INET, input)
    except (OSError, ValueError):
        return False
    return True


def isIPv6(input: Any) -> bool:
    """Node's ``net.isIPv6``: an IPv6 address string (a ``%zone`` suffix allowed)."""
    if not isinstance(input, str):
        return False
    addr = input.split("%", 1)[0] if "%" in input else input
    try:
        _socket.inet_pton(_socket.AF_INET6, addr)
    except (OSError, ValueError):
        return False
    return True


def isIP(input: Any) -> int:
    """Node's ``net.isIP``: 4, 6, or 0 when ``input`` is not an IP address."""
    if isIPv4(input):
        return 4
    if isIPv6(input):
        return 6
    return 0


def _family_name(af: int) -> str:
    return "IPv6" if af == _socket.AF_INET6 else "IPv4"


def _addr_dict(sock: Any, name: Any) -> dict:
    if sock is not None and sock.family == getattr(_socket, "AF_UNIX", None):
        return {}
    if not isinstance(name, tuple):
        return {}
    fam = "IPv6" if len(name) == 4 else "IPv4"
    return {"address": name[0], "family": fam, "port": name[1]}


# -- errors ---------------------------------------------------------------------------

