"""Node's ``net.Server`` (``lib/net.js``): listening (directly, or through the
cluster primary in a worker), accepting, and ``'close'`` once every
connection has ended.

Invariant: ``'connection'`` is emitted synchronously inside the accepted
handle's ``connection_made``, so a listener can claim the socket's data
(``_ondata``) before the first byte arrives."""

from __future__ import annotations

import asyncio
import os
import socket as _socket
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, overload

from .. import loop as _loop
from ..errors import codes, invalid_arg_type, js_inspect
from ..debuglog import debuglog
from ..events import EventEmitter
from .address import _addr_dict, _is_pipe_name, isIP
from .handle import (
    _ServerHandle,
    _SocketProtocol,
    _lookup_error,
    _entry,
    _uv_exception,
    createServerHandle,
)
from .socket import Socket


debug = debuglog("net")


def _onconnectionFromPrimary(server: Server, sock: _socket.socket) -> None:
    """A connection the cluster primary accepted and handed to this worker."""
    loop = _loop.get_loop()
    sock.setblocking(False)
    asyncio.ensure_future(
        loop.connect_accepted_socket(partial(_SocketProtocol, None, server), sock), loop=loop)



if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from ..event_overloads import NetServerBase as _ServerBase
    from ..types import ConnectionListener, NetServerOptions
else:
    _ServerBase = EventEmitter


class Server(_ServerBase):
    """Node's ``net.Server``.

    ``Server([options][, connectionListener])``, options ``allowHalfOpen``
    and ``pauseOnConnect``.  Events: ``'listening'``, ``'connection'``
    (socket, emitted inside ``connection_made`` before any data), ``'close'``
    (once closed and every connection has ended), ``'error'``.
    """

    def __init__(self, options: Any = None, connectionListener: Callable | None = None) -> None:
        EventEmitter.__init__(self)
        if callable(options):
            connectionListener = options
            options = {}
        elif options is None:
            options = {}
        elif not isinstance(options, dict):
            raise invalid_arg_type("options", "object", options)
        if connectionListener is not None:
            self.on("connection", connectionListener)
        self._connections = 0
        self._handle: _ServerHandle | None = None
        self._usingWorkers = False
        self._unref = False
        self.allowHalfOpen = bool(options.get("allowHalfOpen"))
        self.pauseOnConnect = bool(options.get("pauseOnConnect"))
        self.maxConnections: int | None = None
        self._pipeName: str | None = None
        self._connectionKey: str | None = None

    @property
    def listening(self) -> bool:
        """Whether the server is listening."""
        return self._handle is not None

    def listen(self, *args: Any) -> Server:
        """Node's ``server.listen``: ``(port[, host][, backlog][, cb])``, ``(path[, cb])``,
        ``(options[, cb])`` with ``port``/``host``/``path``/``backlog``/``exclusive``.

        ``'listening'`` is emitted on the next tick; bind errors are emitted as
        ``'error'`` (``listen EADDRINUSE: address already in use ...``).
        """
        cb = args[-1] if args and callable(args[-1]) else None
        if cb is not None:
            args = args[:-1]
        options: dict
        if args and isinstance(args[0], dict):
            options = args[0]
        elif args and _is_pipe_name(args[0]):
            options = {"path": args[0]}
            if len(args) > 1 and isinstance(args[1], int):
                options["backlog"] = args[1]
        else:
            options = {"port": args[0] if args else None}
            rest = list(args[1:])
            if rest and (isinstance(rest[0], str) or rest[0] is None):
                options["host"] = rest.pop(0)
            if rest and isinstance(rest[0], int):
                options["backlog"] = rest[0]
        if cb is not None:
            self.once("listening", cb)
        if self._handle is not None:
            raise codes.ERR_SERVER_ALREADY_LISTEN()
        backlog = options.get("backlog") or 511
        path = options.get("path")
        if path:
            self._listenPipe(str(path), backlog)
            return self
        port = options.get("port")
        if port is None or port == "":
            port = 0
        if isinstance(port, bool) or not isinstance(port, (int, float, str)):
            raise codes.ERR_INVALID_OPT_VALUE("options", js_inspect(options))
        try:
            p = float(port)
        except ValueError:
            p = -1
        if not (0 <= p < 65536) or p != int(p):
            raise codes.ERR_SOCKET_BAD_PORT(port)
        self._listenTCP(options.get("host"), int(p), backlog, bool(options.get("exclusive")))
        return self

    def _listenTCP(self, host: str | None, port: int, backlog: int,
                   exclusive: bool = False) -> None:
        # Node's lookupAndListen + listenInCluster: resolve, then bind here,
        # or (in a cluster worker) ask the primary for the handle.
        address: str | None = None
        kind = 4
        if host is not None:
            address = host
            kind = isIP(host)
            if not kind:
                try:
                    infos = _socket.getaddrinfo(host, port, type=_socket.SOCK_STREAM)
                except OSError as exc:
                    _loop.next_tick(self._emitErrorNT, _lookup_error(exc, host))
                    return
                infos.sort(key=lambda i: 0 if i[0] == _socket.AF_INET else 1)
                address = infos[0][4][0]
                kind = 6 if infos[0][0] == _socket.AF_INET6 else 4
        from .. import cluster

        if cluster.isWorker and not exclusive:
            def listenOnPrimaryHandle(errno: int, handle: Any) -> None:
                if errno:
                    exc = OSError(errno, os.strerror(errno))
                    self._emitErrorNT(_uv_exception(exc, "bind", address, port))
                    return
                if isinstance(handle, _socket.socket):  # SCHED_NONE: the listening socket
                    handle.setblocking(False)
                    handle = _ServerHandle(handle, None)
                self._setupHandle(handle, False)
            cluster.getServer(self, {"address": address, "port": port, "addressType": kind,
                                      "fd": None, "backlog": backlog}, listenOnPrimaryHandle)
            return
        try:
            sock = createServerHandle(address, port, kind, backlog)
        except OSError as exc:
            where = address if address is not None else getattr(exc, "address", None)
            _loop.next_tick(self._emitErrorNT, _uv_exception(exc, "listen", where, port))
            return
        self._setupHandle(_ServerHandle(sock, None), False)

    def _listenPipe(self, path: str, backlog: int) -> None:
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            sock.bind(path)
            sock.listen(backlog)
            sock.setblocking(False)
        except OSError as exc:
            sock.close()
            _loop.next_tick(self._emitErrorNT, _uv_exception(exc, "listen", path))
            return
        self._pipeName = path
        self._setupHandle(_ServerHandle(sock, path), True)

    def _setupHandle(self, handle: Any, pipe: bool) -> None:
        self._handle = handle
        if debug.enabled:
            debug("listen2", self.address())
        if not self._unref:
            handle.ref()
        if isinstance(handle, _ServerHandle):
            handle.task = asyncio.ensure_future(self._serve(handle, pipe), loop=_loop.get_loop())
        else:
            # A cluster worker's round-robin handle: the primary accepts and
            # hands each connection over (Node: handle.onconnection = onconnection).
            handle.onconnection = partial(_onconnectionFromPrimary, self)
        _loop.next_tick(self._emitListeningNT)

    async def _serve(self, handle: _ServerHandle, pipe: bool) -> None:
        loop = _loop.get_loop()
        factory = partial(_SocketProtocol, None, self)
        try:
            if pipe:
                aserver = await loop.create_unix_server(factory, sock=handle.sock, backlog=511)
            else:
                aserver = await loop.create_server(factory, sock=handle.sock, backlog=511)
        except asyncio.CancelledError:
            return
        except OSError as exc:  # pragma: no cover - bind already succeeded
            _entry(self._emitErrorNT, _uv_exception(exc, "listen"))
            return
        handle.aserver = aserver
        if handle.closed:
            aserver.close()

    def _emitListeningNT(self) -> None:
        # Ensure handle hasn't closed.
        if self._handle is not None:
            self.emit("listening")

    def _emitErrorNT(self, err: BaseException) -> None:
        self.emit("error", err)

    def _onconnection(self, h: _SocketProtocol) -> None:
        if debug.enabled:
            debug("onconnection")
        # Node's onconnection: called inside connection_made.
        if self.maxConnections and self._connections >= self.maxConnections:
            h.transport.close()
            return
        # new Socket({handle, allowHalfOpen, pauseOnCreate}), without the
        # options object: the same state as the constructor leaves.
        socket = Socket.__new__(Socket)
        socket._setup(h, self.allowHalfOpen, self)
        self._connections += 1
        self.emit("connection", socket)

    def address(self) -> Any:
        """``{'address', 'family', 'port'}`` (TCP), the path (unix socket), or None."""
        h = self._handle
        if h is None:
            return None
        if h.path is not None:
            return self._pipeName
        try:
            return _addr_dict(h.sock, h.sock.getsockname())
        except OSError:
            return {}

    def close(self, cb: Callable | None = None) -> Server:
        """Stop accepting; ``'close'`` follows once every connection has ended.

        ``cb(err)`` runs at ``'close'``; ``err`` is ``ERR_SERVER_NOT_RUNNING``
        when the server was not listening.
        """
        if cb is not None:
            if self._handle is None:
                err = codes.ERR_SERVER_NOT_RUNNING()
                self.once("close", lambda *_: cb(err))
            else:
                self.once("close", cb)
        h = self._handle
        if h is not None:
            h.close()
            self._handle = None
        self._emitCloseIfDrained()
        return self

    def _emitCloseIfDrained(self) -> None:
        if debug.enabled:
            debug("SERVER _emitCloseIfDrained")
        if self._handle is not None or self._connections:
            return
        _loop.next_tick(self._emitCloseNT)

    def _emitCloseNT(self) -> None:
        self.emit("close")

    def getConnections(self, cb: Callable) -> Server:
        """``cb(None, count)`` on the next tick: the number of open connections."""
        _loop.next_tick(cb, None, self._connections)
        return self

    def ref(self) -> Server:
        """Keep the process alive while listening (the default)."""
        self._unref = False
        if self._handle is not None:
            self._handle.ref()
        return self

    def unref(self) -> Server:
        """Let the process exit even while listening."""
        self._unref = True
        if self._handle is not None:
            self._handle.unref()
        return self

    def __repr__(self) -> str:
        return f"<net.Server listening={self.listening} address={self.address()!r}>"


@overload
def createServer(connectionListener: ConnectionListener | None = None) -> Server: ...
@overload
def createServer(options: NetServerOptions | None,
                 connectionListener: ConnectionListener | None = None) -> Server: ...
def createServer(options: Any = None, connectionListener: Callable | None = None) -> Server:
    """Node's ``net.createServer([options][, connectionListener])``."""
    return Server(options, connectionListener)

