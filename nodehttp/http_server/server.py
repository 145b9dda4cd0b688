"""Node's ``http.Server`` and ``http.createServer`` (from ``_http_server.js``).

Invariant: every HTTP connection of a server has one
:class:`~.connection._ConnectionState` in ``_httpConnections`` from the
``'connection'`` event until it closes or is upgraded; the lifecycle API
(``closeIdleConnections``, ``closeAllConnections``, the connections check of
``headersTimeout``/``requestTimeout``) works on that set only.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, overload

from .. import http_defaults, net
from ..errors import NodeTypeError, codes, invalid_arg_type
from ..http_incoming import IncomingMessage
from ..timers import Timeout, clearTimeout, setInterval
from .connection import _ConnectionState
from .response import ServerResponse

__all__ = ["Server", "createServer"]

_now = time.monotonic


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from ..event_overloads import HttpServerBase as _ServerBase
    from ..types import RequestListener, ServerOptions
else:
    _ServerBase = net.Server


class Server(_ServerBase):
    """Node's ``http.Server`` (a ``net.Server``).

    Events: ``'request'`` (req, res), ``'connection'`` (socket),
    ``'checkContinue'``, ``'checkExpectation'`` (req, res), ``'clientError'``
    (err, socket), ``'connect'``/``'upgrade'`` (req, socket, head),
    ``'timeout'`` (socket), ``'close'``.  Attributes: ``timeout`` (120000),
    ``keepAliveTimeout`` (5000), ``headersTimeout`` (40000),
    ``maxHeadersCount`` (None: 2000), ``maxHeaderSize``.

    Options: ``IncomingMessage``, ``ServerResponse``, ``maxHeaderSize``,
    ``insecureHTTPParser`` and, from Node 20, ``requireHostHeader`` (default
    False as in Node 10, whose doc examples send no Host; True: an HTTP/1.1
    request without ``Host`` gets Node 20's ``400`` and the connection closes).

    Node 18's lifecycle API, with Node 10's defaults: ``requestTimeout`` (0:
    none; else a request not received in full by then gets ``408``),
    ``headersTimeout`` (40000) and ``connectionsCheckingInterval`` (30000:
    how often both are checked, by one unref'd interval per server),
    ``maxRequestsPerSocket`` (0: no limit; else ``'dropRequest'`` and 503),
    :meth:`closeIdleConnections`, :meth:`closeAllConnections`.
    ``http_defaults`` (``NODEHTTP_DEFAULTS=node20``) switches on Node 20's
    ``requireHostHeader``, ``Keep-Alive: timeout=N`` header and ``close()``
    closing idle connections, read when the server is created.
    """

    _protected = ("_connectionListener",)  # https.Server serves its TLS sockets with it

    def __init__(self, options: Any = None, requestListener: Callable | None = None) -> None:
        if callable(options):
            requestListener = options
            options = {}
        elif options is None:
            options = {}
        elif not isinstance(options, dict):
            raise invalid_arg_type("options", "object", options)
        self._IncomingMessage = options.get("IncomingMessage") or IncomingMessage
        self._ServerResponse = options.get("ServerResponse") or ServerResponse
        maxHeaderSize = options.get("maxHeaderSize")
        if maxHeaderSize is not None and (
                not isinstance(maxHeaderSize, int) or isinstance(maxHeaderSize, bool)
                or maxHeaderSize < 0):
            raise NodeTypeError(
                'The "maxHeaderSize" argument must be a non-negative integer. Received '
                + repr(maxHeaderSize), "ERR_INVALID_ARG_TYPE")
        self.maxHeaderSize = maxHeaderSize
        insecure = options.get("insecureHTTPParser")
        if insecure is not None and not isinstance(insecure, bool):
            raise codes.ERR_INVALID_ARG_TYPE("insecureHTTPParser", "boolean", insecure)
        self.insecureHTTPParser = insecure
        node20 = http_defaults.node20()
        requireHostHeader = options.get("requireHostHeader", node20)
        if not isinstance(requireHostHeader, bool):
            raise codes.ERR_INVALID_ARG_TYPE("options.requireHostHeader", "boolean",
                                             requireHostHeader)
        #: Node 20's option (not in Node 10): HTTP/1.1 requests need a Host
        #: header.  Off by default: the seed's own doc example sends none.
        self.requireHostHeader = requireHostHeader
        net.Server.__init__(self, {"allowHalfOpen": True})
        if requestListener is not None:
            self.on("request", requestListener)
        # Similar option to squid's half_closed_clients.
        self.httpAllowHalfOpen = False
        self.on("connection", self._connectionListener)
        self.timeout = 120000
        self.keepAliveTimeout = 5000
        self.maxHeadersCount: int | None = None
        self.requestTimeout = _timeoutOption(options, "requestTimeout", 0)
        # Node 18: headersTimeout defaults to at most requestTimeout.
        self.headersTimeout = _timeoutOption(options, "headersTimeout", min(
            40000, self.requestTimeout) if self.requestTimeout else 40000)
        if 0 < self.requestTimeout < self.headersTimeout:
            raise codes.ERR_OUT_OF_RANGE("headersTimeout", "<= requestTimeout",
                                         self.headersTimeout)
        self.connectionsCheckingInterval = _timeoutOption(
            options, "connectionsCheckingInterval", 30000)
        self.maxRequestsPerSocket = 0
        # Node 18's kConnections: the connection states with a parser.
        self._httpConnections: set[_ConnectionState] = set()
        self._checkingInterval: Timeout | None = None
        # Node 20's defaults (http_defaults), fixed at creation.
        self._keepAliveHeader = node20
        self._closeIdleOnClose = node20
        self.on("listening", self._setupConnectionsTracking)

    def _setupConnectionsTracking(self) -> None:
        # Node 18: one unref'd interval per listening server checks
        # headersTimeout and requestTimeout of every connection.
        if self._checkingInterval is not None:
            clearTimeout(self._checkingInterval)
        self._checkingInterval = setInterval(
            self._checkConnections, self.connectionsCheckingInterval or 1).unref()

    def _checkConnections(self) -> None:
        headersTimeout = self.headersTimeout or 0
        requestTimeout = self.requestTimeout or 0
        if not headersTimeout and not requestTimeout:
            return
        now = _now()
        headersDeadline = now - headersTimeout / 1000 if headersTimeout > 0 else 0
        requestDeadline = now - requestTimeout / 1000 if requestTimeout > 0 else 0
        expired = [c for c in self._httpConnections if c.messageStart > 0 and (
            (headersDeadline and not c.headersDone and c.messageStart < headersDeadline)
            or (requestDeadline and c.messageStart < requestDeadline))]
        for state in expired:
            state.onExpired(requestDeadline and state.messageStart < requestDeadline)

    def closeAllConnections(self) -> None:
        """Node 18's ``server.closeAllConnections()``: destroy every HTTP
        connection of this server, busy or idle (upgraded sockets belong to
        the user and are not counted)."""
        for state in list(self._httpConnections):
            state.socket.destroy()

    def closeIdleConnections(self) -> None:
        """Node 18's ``server.closeIdleConnections()``: destroy the
        connections with no request being received and no response being
        sent (idle keep-alive sockets).  A fresh connection that has not
        sent a byte counts as busy, as in Node (headersTimeout ends it)."""
        for state in list(self._httpConnections):
            if state.isIdle():
                state.socket.destroy()

    def close(self, cb: Callable | None = None) -> Server:
        """``net.Server.close``: stop accepting; ``'close'`` once every
        connection ended.  Stops the connections check; with Node 20's
        defaults (``http_defaults``) also :meth:`closeIdleConnections` first,
        as Node 19+ does."""
        if self._checkingInterval is not None:
            clearTimeout(self._checkingInterval)
            self._checkingInterval = None
        if self._closeIdleOnClose:
            self.closeIdleConnections()
        net.Server.close(self, cb)
        return self

    def _connectionListener(self, socket: Any) -> None:
        """Node's ``connectionListener``: take the socket over for HTTP."""
        socket.server = self
        _ConnectionState(self, socket)

    def setTimeout(self, msecs: Any = 120000, callback: Callable | None = None) -> Server:
        """Set ``server.timeout`` (socket inactivity, ms); ``callback`` listens for ``'timeout'``."""
        if callable(msecs):
            callback = msecs
            msecs = 120000
        self.timeout = msecs
        if callback is not None:
            self.on("timeout", callback)
        return self


def _timeoutOption(options: dict, name: str, default: int) -> int:
    """Node's ``validateInteger(options[name], name, 0)`` with a default."""
    value = options.get(name)
    if value is None:
        return default
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise codes.ERR_INVALID_ARG_TYPE(name, "number", value)
    if value < 0 or value != int(value):
        raise codes.ERR_OUT_OF_RANGE(name, ">= 0" if value == int(value) else "an integer",
                                     value)
    return int(value)


@overload
def createServer(requestListener: RequestListener | None = None) -> Server: ...
@overload
def createServer(options: ServerOptions | None,
                 requestListener: RequestListener | None = None) -> Server: ...
def createServer(options: Any = None, requestListener: Callable | None = None) -> Server:
    """Node's ``http.createServer([options][, requestListener])``."""
    return Server(options, requestListener)
