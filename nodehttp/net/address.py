"""IP address helpers of Node's ``net`` (``isIP``, ``isIPv4``, ``isIPv6``) and
the address dicts sockets and servers report.

Invariant: pure functions of their arguments; no socket is touched here
except to read its family."""

from __future__ import annotations

import socket as _socket
from typing import Any, Callable

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


def _is_pipe_name(s: Any) -> bool:
    if not isinstance(s, str):
        return False
    try:
        return float(s) < 0
    except ValueError:
        return True


def _normalize_args(args: tuple) -> tuple[dict, Callable | None]:
    """Node's ``normalizeArgs``: ``(options[, cb])``, ``(path[, cb])``, ``(port[, host][, cb])``."""
    if not args:
        return {}, None
    cb = args[-1] if callable(args[-1]) else None
    a0 = args[0]
    if isinstance(a0, dict):
        options = a0
    elif _is_pipe_name(a0):
        options = {"path": a0}
    else:
        options = {"port": a0}
        if len(args) > 1 and isinstance(args[1], str):
            options["host"] = args[1]
    return options, cb


class _SocketAddresses:
    """``net.Socket``'s address accessors (local and peer), a base of
    :class:`~nodehttp.net.Socket` only: they read its cached names."""

    def address(self) -> dict:
        """``{'address', 'family', 'port'}`` of the local end (``{}`` when unknown)."""
        return self._getsockname()

    def _getsockname(self) -> dict:
        if self._sockname is None:
            sock = self._sock()
            if sock is None:
                return {}
            try:
                self._sockname = _addr_dict(sock, sock.getsockname())
            except OSError:
                return {}
        return self._sockname

    def _getpeername(self) -> dict:
        if self._peername is None:
            sock = self._sock()
            if sock is None:
                return {}
            try:
                self._peername = _addr_dict(sock, sock.getpeername())
            except OSError:
                return {}
        return self._peername

    @property
    def remoteAddress(self) -> str | None:
        """The peer's IP address."""
        return self._getpeername().get("address")

    @property
    def remotePort(self) -> int | None:
        """The peer's port."""
        return self._getpeername().get("port")

    @property
    def remoteFamily(self) -> str | None:
        """``'IPv4'`` or ``'IPv6'``."""
        return self._getpeername().get("family")

    @property
    def localAddress(self) -> str | None:
        """The local IP address."""
        return self._getsockname().get("address")

    @property
    def localPort(self) -> int | None:
        """The local port."""
        return self._getsockname().get("port")
