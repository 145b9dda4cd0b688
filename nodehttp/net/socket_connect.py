"""The client side of Node's ``net.Socket`` (``lib/net.js``: what follows ``connect()``:
``lookupAndConnect``, ``internalConnect``, ``afterConnect``): a base class of
:class:`~nodehttp.net.socket.Socket` only, as :mod:`.address` is for the
address accessors.

Invariant: a connect in flight belongs to the handle that started it — every
callback checks ``h is self._handle`` and ``self.connecting`` first, so a
socket destroyed or reconnected meanwhile ignores the stale result; errors are
emitted through ``destroy()``, the lookup's on the next tick, as Node does.
"""

from __future__ import annotations

import asyncio
import socket as _socket
from typing import TYPE_CHECKING, Any

from .. import loop as _loop
from ..debuglog import debuglog
from ..errors import NodeError, codes
from .address import isIP
from .handle import (
    _code_of,
    _entry,
    _errno_exception,
    _lookup,
    _lookup_error,
    _SocketProtocol,
)

if TYPE_CHECKING:
    pass

debug = debuglog("net")


class _SocketConnect:
    """``connect`` and what follows it, for :class:`~nodehttp.net.socket.Socket`."""


    def _lookupAndConnect(self, options: dict) -> None:
        port = options.get("port")
        host = options.get("host") or "localhost"
        localAddress = options.get("localAddress")
        localPort = options.get("localPort")
        if localAddress and not isIP(localAddress):
            raise codes.ERR_INVALID_IP_ADDRESS(localAddress)
        if port is not None:
            if isinstance(port, bool) or not isinstance(port, (int, float, str)):
                raise codes.ERR_INVALID_ARG_TYPE("options.port", ["number", "string"], port)
            try:
                p = float(port) if not isinstance(port, str) or port.strip() else -1
            except ValueError:
                p = -1
            if not (0 <= p < 65536) or p != int(p):
                raise codes.ERR_SOCKET_BAD_PORT(port)
            port = int(p)
        else:
            port = 0
        family = options.get("family") or 0
        self._host = host
        h = self._handle
        h.connecting = True  # type: ignore[union-attr]  # the connect starts: active
        h.wantRef = self._refed  # type: ignore[union-attr]
        h.updateRef()  # type: ignore[union-attr]
        h.task = asyncio.ensure_future(  # type: ignore[union-attr]
            self._connectTCP(h, host, port, family, localAddress, localPort),
            loop=_loop.get_loop())

    async def _connectTCP(self, h: _SocketProtocol, host: str, port: int, family: int,
                          localAddress: str | None, localPort: int | None) -> None:
        loop = _loop.get_loop()
        addressType = isIP(host)
        ip = host
        if not addressType:
            af = {4: _socket.AF_INET, 6: _socket.AF_INET6}.get(family, _socket.AF_UNSPEC)
            try:
                infos = await _lookup(host, af)
            except asyncio.CancelledError:
                return
            except OSError as exc:
                _entry(self._onLookup, h, _lookup_error(exc, host), None, None, host, port)
                return
            # Node 10's dns.lookup puts IPv4 first (verbatim: false).
            infos.sort(key=lambda i: 0 if i[0] == _socket.AF_INET else 1)
            fam, _, _, _, sockaddr = infos[0]
            ip = sockaddr[0]
            addressType = 6 if fam == _socket.AF_INET6 else 4
            if not _entry(self._onLookup, h, None, ip, addressType, host, port):
                return
        local = None
        if localAddress or localPort:
            local = (localAddress or ("::" if addressType == 6 else "0.0.0.0"), localPort or 0)
        try:
            await loop.create_connection(
                lambda: h, ip, port,
                family=_socket.AF_INET6 if addressType == 6 else _socket.AF_INET,
                local_addr=local)
        except asyncio.CancelledError:
            return
        except OSError as exc:
            syscall = "bind" if local is not None and _code_of(exc) in (
                "EADDRINUSE", "EADDRNOTAVAIL") else "connect"
            _entry(self._afterConnectError, h, exc, syscall, ip, port)

    async def _connectPipe(self, h: _SocketProtocol, path: str) -> None:
        loop = _loop.get_loop()
        try:
            await loop.create_unix_connection(lambda: h, path)
        except asyncio.CancelledError:
            return
        except OSError as exc:
            _entry(self._afterConnectError, h, exc, "connect", path, None)

    def _onLookup(self, h: _SocketProtocol, err: NodeError | None, ip: Any, addressType: Any,
                  host: str, port: int) -> bool:
        if h is not self._handle or not self.connecting:
            return False
        self.emit("lookup", err, ip, addressType, host)
        if err is not None:
            # Node: the message gains host:port, the error is emitted next tick.
            err.host = host
            err.port = port
            err.message = f"{err.message} {host}:{port}"
            err.args = (err.message,)
            _loop.next_tick(self._connectErrorNT, err)
            return False
        return self.connecting and h is self._handle

    def _connectErrorNT(self, err: NodeError) -> None:
        self.destroy(err)

    def _afterConnectError(self, h: _SocketProtocol, exc: BaseException, syscall: str,
                           address: Any, port: Any) -> None:
        if h is not self._handle or self.destroyed:
            return
        self.connecting = False
        self.destroy(_errno_exception(exc, syscall, address, port))

    def _afterConnect(self) -> None:
        if debug.enabled:
            debug("afterConnect")
        # Node's afterConnect (status 0): called from connection_made.
        if self.destroyed:
            return
        assert self.connecting, "afterConnect of a socket that is not connecting"  # Node's
        self.connecting = False
        self._sockname = None
        self.readable = True
        if not self.writableEnded:  # the state's ``ending``: set with ``ended`` by end()
            self.writable = True
        timer = self._timer
        if timer is not None:
            timer.refresh()
        self.emit("connect")
        self.emit("ready")
        # Start the first read, or get an immediate EOF.
        if self.readable and not self.isPaused():
            self.read(0)
        elif self._handle is not None:
            # Paused before connecting: Node starts no read, so the handle is
            # not reading (and not active) until resume() reads.
            self._handle.readStop()
