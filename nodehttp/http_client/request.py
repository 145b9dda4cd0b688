"""Node's ``ClientRequest``, ``request`` and ``get`` (from ``_http_client.js``):
the options a request is made from, its header block, and its public API.

The client is a package split by concept (docs/architecture.md): this module
is the request as the user sees it; :mod:`.socket` is its socket side (the
response parser, the socket listeners, the hand-back to the agent), where
the package's invariant lives.
"""

from __future__ import annotations

import base64
import math
import time
from typing import TYPE_CHECKING, Any, Callable, overload

from .. import http_agent as _http_agent
from .. import loop as _loop
from .. import url as _url
from ..abort_controller import validateAbortSignal
from ..errors import AbortError, NodeTypeError, codes, js_string
from ..events import invoke
from ..http_agent import Agent
from ..http_common import checkIsHttpToken, validateHeaderValue
from ..http_incoming import IncomingMessage
from ..http_outgoing import OutgoingMessage
from .socket import (_ClientParser, _listenSocketTimeout, _onSocketNT, _responseKeepAlive,
                     _setSocketTimeout)

__all__ = ["ClientRequest", "request", "get"]

next_tick = _loop.next_tick

# The options most requests set: with no other, the others need no lookup.
_COMMON_OPTIONS = frozenset(("host", "hostname", "port", "path", "agent", "method", "headers"))
_NO_CHUNKED_METHODS = frozenset(("GET", "HEAD", "DELETE", "OPTIONS", "CONNECT"))
# Node: /[^\u0021-\u00ff]/
_VALID_PATH_CHARS = frozenset(chr(c) for c in range(0x21, 0x100))
# Methods already validated, mapped to their upper-case form (bounded).
_validMethods: dict[str, str] = {}


def _invalid_arg_type(name: str, expected: str, value: Any, kind: str = "property") -> NodeTypeError:
    return codes.ERR_INVALID_ARG_TYPE(name, expected, value)  # a dotted name is a property


def _validateHost(host: Any, name: str) -> Any:
    if host is not None and not isinstance(host, str):
        raise _invalid_arg_type(f"options.{name}",
                                "one of type string, undefined, or null", host)
    return host


# -- parsers (Node's _http_common ``parsers`` FreeList) -----------------------------


# -- ClientRequest ----------------------------------------------------------------------

if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from ..event_overloads import ClientRequestBase as _ClientRequestBase
    from ..types import RequestOptions, ResponseListener
else:
    _ClientRequestBase = OutgoingMessage


class ClientRequest(_ClientRequestBase):
    """Node's ``http.ClientRequest``: an in-progress request (a writable OutgoingMessage).

    Created by :func:`request`/:func:`get`.  Events: ``'socket'`` (socket),
    ``'response'`` (res), ``'information'`` (info dict), ``'continue'``,
    ``'upgrade'``/``'connect'`` (res, socket, head), ``'timeout'``,
    ``'abort'``, ``'error'`` (err), ``'close'``, plus the Writable events
    ``'finish'``/``'drain'``.

    From later Node: ``reusedSocket`` (Node 13: the request went out on a
    pooled keep-alive socket, so a reset may mean the server closed it
    meanwhile: retry idempotent requests) and the ``signal`` option (Node
    15.3: an :class:`~nodehttp.abort_controller.AbortSignal`; aborting it
    destroys the request with an ``AbortError``, ``code`` ``'ABORT_ERR'``).
    """

    res: IncomingMessage | None = None
    aborted: float | None = None
    timeoutCb: Callable | None = None
    upgradeOrConnect = False
    parser: _ClientParser | None = None
    maxHeadersCount: int | None = None
    reusedSocket = False
    _ended = False
    _flushPending = False
    _prefinishHook = False

    def __init__(self, input: Any = None, options: Any = None,  # noqa: A002 - Node's name
                 cb: Callable | None = None) -> None:
        OutgoingMessage.__init__(self)
        if input.__class__ is dict:  # the common case: request(options[, cb])
            cb = options  # type: ignore[assignment]
            options = dict(input)
        else:
            if isinstance(input, str):
                parsed = _url.parse(input)
                if not parsed.hostname:
                    raise codes.ERR_INVALID_DOMAIN_NAME()
                input = parsed.toDict()
            elif isinstance(input, _url.URL):
                input = _url.urlToOptions(input)
            elif isinstance(input, _url.Url):  # url.parse() result used as options
                cb = options  # type: ignore[assignment]
                options = input.toDict()
                input = None
            else:
                cb = options  # type: ignore[assignment]
                options = input
                input = None
            if callable(options):
                cb = options
                options = None
            if options is not None and not isinstance(options, dict):
                raise _invalid_arg_type("options", "of type object", options, "argument")
            options = {**(input or {}), **(options or {})}
        get = options.get
        if options.keys() <= _COMMON_OPTIONS:
            # Shortcut (exact): none of the other options is set, so each of
            # their get()s below would answer None.
            defaultAgent = _http_agent.globalAgent
            protocol = defaultPort = setHost = socketPath = timeout = None
            insecureHTTPParser = maxHeaderSize = auth = signal = None
        else:
            defaultAgent = get("_defaultAgent") or _http_agent.globalAgent
            protocol = get("protocol")
            defaultPort = get("defaultPort")
            setHost = get("setHost")
            socketPath = get("socketPath")
            timeout = get("timeout")
            insecureHTTPParser = get("insecureHTTPParser")
            maxHeaderSize = get("maxHeaderSize")
            auth = get("auth")
            signal = get("signal")

        agent = get("agent")
        if agent is None:
            if not callable(get("createConnection")):
                agent = defaultAgent
            # Else: the agent is not used when createConnection is provided.
        elif agent is False:
            agent = type(defaultAgent)()
        elif not isinstance(agent, Agent) and not callable(getattr(agent, "addRequest", None)):
            raise _invalid_arg_type("options.agent",
                                    "one of type Agent-like Object, undefined, or false", agent)
        self.agent = agent

        expectedProtocol = defaultAgent.protocol
        protocol = protocol or expectedProtocol
        if agent is not None:
            expectedProtocol = getattr(agent, "protocol", None) or expectedProtocol

        path = get("path")
        if path:
            if path.__class__ is not str:
                path = js_string(path)  # String(path): a Buffer is its UTF-8 text
            if not (path.isascii() and path.isprintable() and " " not in path) \
                    and not _VALID_PATH_CHARS.issuperset(path):
                raise codes.ERR_UNESCAPED_CHARACTERS("Request path")
        if protocol != expectedProtocol:
            raise codes.ERR_INVALID_PROTOCOL(protocol, expectedProtocol)

        defaultPort = defaultPort or (
            getattr(agent, "defaultPort", None) if agent is not None else None)
        port = options["port"] = get("port") or defaultPort or 80
        host = get("hostname")
        if host is not None and host.__class__ is not str:
            _validateHost(host, "hostname")
        if not host:
            host = get("host")
            if host is not None and host.__class__ is not str:
                _validateHost(host, "host")
        host = options["host"] = host or "localhost"
        setHost = setHost is None or bool(setHost)

        self.socketPath = socketPath
        self.timeout = timeout

        method = get("method")
        if method is None or method == "GET" or method == "":
            method = "GET"
        elif method.__class__ is not str:
            raise _invalid_arg_type("method", "of type string", method, "argument")
        elif method not in _validMethods:
            if not checkIsHttpToken(method):
                raise codes.ERR_INVALID_HTTP_TOKEN("Method", method)
            upper = method.upper()
            if len(_validMethods) < 256:
                _validMethods[method] = upper
            method = upper
        else:
            method = _validMethods[method]
        self.method = method

        if insecureHTTPParser is not None and insecureHTTPParser.__class__ is not bool:
            raise _invalid_arg_type("insecureHTTPParser", "of type boolean",
                                    insecureHTTPParser, "argument")
        self.insecureHTTPParser = insecureHTTPParser
        if maxHeaderSize is not None and (maxHeaderSize.__class__ is not int
                                          or maxHeaderSize < 0):
            raise _invalid_arg_type("maxHeaderSize", "of type number", maxHeaderSize, "argument")
        self.maxHeaderSize = maxHeaderSize

        self.path = path = path or "/"
        if cb is not None:
            self.once("response", cb)

        if method not in _NO_CHUNKED_METHODS:
            self.useChunkedEncodingByDefault = True
        else:
            self.useChunkedEncodingByDefault = False

        if agent is not None:
            # Default to Connection: keep-alive, but only if the agent will
            # actually reuse the connection.
            if not agent.keepAlive and agent.maxSockets == math.inf:
                self._last = True
                self.shouldKeepAlive = False
            else:
                self._last = False
                self.shouldKeepAlive = True

        headers = get("headers")
        if headers.__class__ is not list and headers.__class__ is not tuple:
            if headers:
                for key, value in headers.items():
                    self.setHeader(key, value)
            has = self._kOutHeaders is not None  # any header set yet?
            if host and setHost and (not has or self.getHeader("host") is None):
                key = (host, port, defaultPort)
                hostHeader = _hostHeaders.get(key)
                if hostHeader is None:
                    hostHeader = _hostHeader(host, port, defaultPort)
                    validateHeaderValue("Host", hostHeader)
                    if len(_hostHeaders) < 1024:
                        _hostHeaders[key] = hostHeader
                # setHeader('Host', hostHeader), the value validated once.
                if has:
                    self._kOutHeaders["host"] = ["Host", hostHeader]  # type: ignore[index]
                else:
                    self._kOutHeaders = {"host": ["Host", hostHeader]}
            if auth and (not has or self.getHeader("Authorization") is None):
                self.setHeader("Authorization", "Basic " + base64.b64encode(
                    js_string(auth).encode("utf-8", "surrogatepass")).decode("ascii"))
            if has and self.getHeader("expect") is not None:
                if self._header is not None:
                    raise codes.ERR_HTTP_HEADERS_SENT("render")
                self._storeHeader(method + " " + path + " HTTP/1.1\r\n", self._kOutHeaders)
        else:
            self._storeHeader(method + " " + path + " HTTP/1.1\r\n", headers)

        if signal is not None:
            _addAbortSignal(signal, self)

        # Initiate the connection.
        if agent is not None:
            agent.addRequest(self, options)
        else:
            # No agent: default to Connection: close.
            self._last = True
            self.shouldKeepAlive = False
            createConnection = get("createConnection")
            if callable(createConnection):
                called = False

                def oncreate(err: Any = None, socket: Any = None) -> None:
                    nonlocal called
                    if called:
                        return
                    called = True
                    if err:
                        next_tick(self.emit, "error", err)
                        return
                    self.onSocket(socket)
                    self._flushPending = True

                newSocket = invoke(createConnection, options, oncreate)
                if newSocket and not called:
                    called = True
                    self.onSocket(newSocket)
                else:
                    return
            else:
                from . import net

                self.onSocket(net.createConnection(options))

        # Node: this._deferToConnect(null, null, () => this._flush()), which
        # registers the first 'socket' listener; _onSocketNT runs it just
        # before emitting 'socket' (same order, no per-request closures).
        self._flushPending = True

    def _flushOnSocket(self) -> None:
        if self.socket.writable:
            self._flush()
        else:
            self.socket.once("connect", self._flush)

    # -- OutgoingMessage hooks -----------------------------------------------------------

    def _implicitHeader(self) -> None:
        if self._header is not None:
            raise codes.ERR_HTTP_HEADERS_SENT("render")
        self._storeHeader(self.method + " " + self.path + " HTTP/1.1\r\n", self._kOutHeaders)

    # -- public API -------------------------------------------------------------------------

    def abort(self) -> None:
        """Abort the request: ``'abort'`` (first call only), response data
        dropped, socket destroyed (so ``'close'`` follows)."""
        if not self.aborted:
            next_tick(self.emit, "abort")
        # A truthy "aborting" flag; Node stores Date.now() (ms since the epoch).
        self.aborted = time.time() * 1000
        # We don't care about any more response data.
        if self.res is not None:
            self.res._dump()
        else:
            self.once("response", _dumpResponse)
        # Without a socket yet, onSocket handles it.
        if self.socket is not None:
            self.socket.destroy()

    def onSocket(self, socket: Any) -> None:
        """Attach ``socket`` to this request (on the next tick, as Node)."""
        next_tick(_onSocketNT, self, socket)

    def _deferToConnect(self, method: str | None, arguments_: Any,
                        cb: Callable | None = None) -> None:
        """Run ``socket.<method>(*arguments_)`` and ``cb`` once a socket is
        assigned and writable (connected, or connecting with writes queued)."""

        def callSocketMethod(*_: Any) -> None:
            if method:
                getattr(self.socket, method)(*arguments_)
            if cb is not None:
                cb()

        def onSocket(*_: Any) -> None:
            if self.socket.writable:
                callSocketMethod()
            else:
                self.socket.once("connect", callSocketMethod)

        if self.socket is None:
            self.once("socket", onSocket)
        else:
            onSocket()

    def setTimeout(self, msecs: Any = None, callback: Callable | None = None) -> ClientRequest:
        """Emit ``'timeout'`` after ``msecs`` ms of socket inactivity (the
        socket's timer is set once it connects); ``callback`` listens once."""
        if self._ended:
            return self
        _listenSocketTimeout(self)
        msecs = _validateTimerDuration(msecs)
        if callback is not None:
            self.once("timeout", callback)
        if self.socket is not None:
            _setSocketTimeout(self.socket, msecs)
        else:
            self.once("socket", lambda sock: _setSocketTimeout(sock, msecs))
        return self

    def setNoDelay(self, noDelay: bool = True) -> None:
        """``socket.setNoDelay(noDelay)`` once connected."""
        self._deferToConnect("setNoDelay", [noDelay])

    def setSocketKeepAlive(self, enable: bool = False, initialDelay: float = 0) -> None:
        """``socket.setKeepAlive(enable, initialDelay)`` once connected."""
        self._deferToConnect("setKeepAlive", [enable, initialDelay])

    def clearTimeout(self, cb: Callable | None = None) -> None:
        """``setTimeout(0, cb)``."""
        self.setTimeout(0, cb)

    def _responseOnEnd(self) -> None:
        # Node's responseOnEnd (the response's first 'end' listener).
        self._ended = True
        if not self.shouldKeepAlive or self.finished:
            _responseKeepAlive(self.res, self)  # type: ignore[arg-type]

    def _finish(self) -> None:
        """Emit ``'prefinish'``; then Node's ``requestOnPrefinish`` (a
        listener added when the response arrived, run here without one)."""
        OutgoingMessage._finish(self)
        if self._prefinishHook and self.shouldKeepAlive and self._ended:
            _responseKeepAlive(self.res, self)  # type: ignore[arg-type]


_hostHeaders: dict[tuple, str] = {}


def _addAbortSignal(signal: Any, req: ClientRequest) -> None:
    """Node's ``addAbortSignalNoValidate`` after ``validateAbortSignal``:
    an abort destroys ``req`` with an ``AbortError`` (the signal's reason as
    its ``cause``); the listener goes once the request closes."""
    validateAbortSignal(signal, "options.signal")

    def onAbort(*_: Any) -> None:
        req.destroy(AbortError(cause=signal.reason))

    if signal.aborted:
        onAbort()
        return
    signal.addEventListener("abort", onAbort, {"once": True})
    req.once("close", lambda *_: signal.removeEventListener("abort", onAbort))


def _hostHeader(host: str, port: Any, defaultPort: Any) -> str:
    hostHeader = host
    # Enclose IPv6 addresses in square brackets (RFC 3986 3.2.2).
    posColon = hostHeader.find(":")
    if posColon != -1 and hostHeader.find(":", posColon + 1) != -1 \
            and not hostHeader.startswith("["):
        hostHeader = f"[{hostHeader}]"
    if port and _num(port) != defaultPort:
        hostHeader += f":{port}"
    return hostHeader


def _num(v: Any) -> Any:
    try:
        return int(v)
    except (TypeError, ValueError):
        return v


def _validateTimerDuration(msecs: Any) -> float:
    if isinstance(msecs, bool) or not isinstance(msecs, (int, float)):
        raise _invalid_arg_type("msecs", "of type number", msecs, "argument")
    if msecs < 0 or msecs != msecs or msecs == math.inf:
        raise codes.ERR_OUT_OF_RANGE("msecs", "a non-negative finite number", msecs)
    if msecs > 2**31 - 1:
        return 1
    return msecs


def _globalAgent() -> Agent:
    return _http_agent.globalAgent  # looked up each time: it may be reassigned


def _dumpResponse(res: IncomingMessage) -> None:
    res._dump()


# -- socket hooks (Node's socket* listeners; one set per socket) -----------------------


@overload
def request(url: str | _url.URL, cb: ResponseListener | None = None) -> ClientRequest: ...
@overload
def request(url: str | _url.URL, options: RequestOptions,
            cb: ResponseListener | None = None) -> ClientRequest: ...
@overload
def request(options: RequestOptions, cb: ResponseListener | None = None) -> ClientRequest: ...
def request(url: Any = None, options: Any = None, cb: Callable | None = None) -> ClientRequest:
    """Node's ``http.request(options[, cb])`` / ``http.request(url[, options][, cb])``.

    ``url`` is a string (parsed with ``url.parse``) or a ``url.URL``;
    ``options`` (a dict with Node's keys) wins over it.  ``cb`` becomes a
    one-time ``'response'`` listener.  Call ``end()`` on the result.
    """
    return ClientRequest(url, options, cb)


@overload
def get(url: str | _url.URL, cb: ResponseListener | None = None) -> ClientRequest: ...
@overload
def get(url: str | _url.URL, options: RequestOptions,
        cb: ResponseListener | None = None) -> ClientRequest: ...
@overload
def get(options: RequestOptions, cb: ResponseListener | None = None) -> ClientRequest: ...
def get(url: Any = None, options: Any = None, cb: Callable | None = None) -> ClientRequest:
    """Node's ``http.get``: :func:`request` with ``end()`` already called."""
    req = ClientRequest(url, options, cb)
    req.end()
    return req
