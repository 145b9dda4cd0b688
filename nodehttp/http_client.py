"""Node's ``_http_client.js``: :class:`ClientRequest`, :func:`request`, :func:`get`.

Invariant kept here: a request owns its socket between ``'socket'`` and the
moment the response ends.  While it does, the response parser is attached
to the socket (``socket._ondata``/``socket._onend``, the net fast path, or
``'data'``/``'end'`` listeners for a Duplex that is not a ``net.Socket``) and
the socket's ``'error'``/``'close'`` are translated into the request's
events.  When the response has ended *and* the request has finished, the
socket is handed back to the agent with ``'free'`` (keep-alive) or closed.
Everything else — which socket, pooling, queueing — is the Agent's
(``http_agent.py``); framing and headers are OutgoingMessage's.

The structure and names are Node 10's (``tickOnSocket``,
``socketOnData``, ``socketCloseListener``, ``parserOnIncomingClient``,
``responseKeepAlive``, ``_deferToConnect``, …) so behaviour and event order
can be checked line by line against it.  Deviations, none visible in event
order, all noted where they occur (they keep the per-request hot path lean):

- the socket listeners are closures installed once per socket that dispatch
  on "busy" (Node re-adds ``'error'``/``'close'``/``'drain'`` per request);
- the constructor's ``_deferToConnect(..., _flush)`` runs just before
  ``'socket'`` is emitted instead of as its first listener;
- Node's ``requestOnPrefinish`` listener is run by ``_finish``;
- parsers come from a free list (Node's ``parsers``) and keep their llhttp
  instance when the last message ended cleanly on a keep-alive boundary;
- ``'information'`` carries ``statusMessage``, ``httpVersion``, ``headers``
  and ``rawHeaders`` too, as later Node versions do (Node 10: ``statusCode`` only).
"""

from __future__ import annotations

import base64
import math
import time
from typing import TYPE_CHECKING, Any, Callable, overload

from . import http_agent as _http_agent
from . import loop as _loop
from . import url as _url
from .errors import NodeTypeError, codes, connection_reset, js_string
from .events import EventEmitter, invoke
from .http_agent import Agent
from .http_common import checkIsHttpToken, validateHeaderValue
from .http_common import maxHeaderSize as _defaultMaxHeaderSize
from .http_incoming import IncomingMessage
from .http_outgoing import OutgoingMessage
from .http_parser import HTTPParser

__all__ = ["ClientRequest", "request", "get"]

next_tick = _loop.next_tick

_NO_CHUNKED_METHODS = frozenset(("GET", "HEAD", "DELETE", "OPTIONS", "CONNECT"))
# Node: /[^\u0021-\u00ff]/
_VALID_PATH_CHARS = frozenset(chr(c) for c in range(0x21, 0x100))
_MAX_HEADER_PAIRS = 2000
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

class _ClientParser(HTTPParser):
    """A RESPONSE parser with Node's client-side callbacks bound once."""

    # Per-parser state, defaults on the class.
    socket: Any = None
    incoming: IncomingMessage | None = None
    outgoing: ClientRequest | None = None
    maxHeaderPairs = _MAX_HEADER_PAIRS
    _trailersRaw: list | None = None
    # True when the last message ended inside execute() at a keep-alive
    # boundary: llhttp's own state is then the initial one (see _allocParser).
    _clean = False
    _keepAlive = False

    def __init__(self) -> None:
        HTTPParser.__init__(self, HTTPParser.RESPONSE, _defaultMaxHeaderSize, False)

    def _onMessageBegin(self) -> None:
        self._keepAlive = False  # until this message's headers say otherwise

    # Node's parserOnHeadersComplete (client half).
    def _onHeadersComplete(self, versionMajor: int, versionMinor: int, headers: list,
                           method: Any, url: Any, statusCode: int, statusMessage: str,
                           upgrade: bool, shouldKeepAlive: bool) -> int:
        self._keepAlive = shouldKeepAlive and not upgrade
        incoming = self.incoming = IncomingMessage(self.socket)
        incoming.httpVersionMajor = versionMajor
        incoming.httpVersionMinor = versionMinor
        incoming.httpVersion = "1.1" if versionMinor == 1 and versionMajor == 1 else \
            f"{versionMajor}.{versionMinor}"
        # (url stays the class's '', as Node's client sets it.)
        incoming.upgrade = upgrade
        if headers:
            # _addHeaderLines(headers, n) of a message not complete yet.
            n = len(headers)
            m = self.maxHeaderPairs
            incoming.rawHeaders = headers
            incoming._headersCount = m if 0 < m < n else n
        incoming.statusCode = statusCode
        incoming.statusMessage = statusMessage
        return _parserOnIncomingClient(self, incoming, shouldKeepAlive)

    def _onBody(self, chunk: bytes) -> None:
        stream = self.incoming
        if stream is not None and chunk:
            stream._pushBody(chunk)

    def _onTrailers(self, raw: list) -> None:
        self._trailersRaw = raw

    def _onMessageComplete(self) -> None:
        stream = self.incoming
        if stream is not None:
            trailers, self._trailersRaw = self._trailersRaw, None
            stream._complete(trailers)
        # Force to read the next incoming message.
        socket = self.socket
        if socket is not None:
            resume = getattr(socket, "_resumeReading", None)
            if resume is not None:
                resume()

    # The parser's callbacks are this class's methods.
    onMessageBegin = _onMessageBegin
    onHeadersComplete = _onHeadersComplete
    onBody = _onBody
    onTrailers = _onTrailers
    onMessageComplete = _onMessageComplete


_free_parsers: list[_ClientParser] = []
_FREE_PARSERS_MAX = 1000


def _allocParser(insecure: bool, maxHeaderSize: int | None) -> _ClientParser:
    parser = _free_parsers.pop() if _free_parsers else _ClientParser()
    parser.maxHeaderSize = maxHeaderSize or _defaultMaxHeaderSize
    parser.maxHeaderPairs = _MAX_HEADER_PAIRS
    # Node reinitializes every parser it allocates.  A parser whose last
    # message ended inside execute() on a keep-alive boundary is already in
    # llhttp's initial state, so the new llhttp instance is only made when
    # needed (a message cut short, an error, Connection: close, an upgrade).
    if not parser._clean or parser.insecure != insecure:
        parser.insecure = insecure
        parser.reinitialize()
    parser._clean = False
    return parser


def _freeParser(parser: _ClientParser | None, req: Any, socket: Any) -> None:
    """Node's ``freeParser``: detach the parser from request and socket, recycle it."""
    if parser is not None:
        if parser.socket is not None:
            parser.socket.parser = None
        parser.socket = None
        parser.incoming = None
        parser.outgoing = None
        parser._trailersRaw = None
        if len(_free_parsers) < _FREE_PARSERS_MAX:
            _free_parsers.append(parser)
    if req is not None:
        req.parser = None
    if socket is not None:
        socket.parser = None


# -- ClientRequest ----------------------------------------------------------------------

if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from .event_overloads import ClientRequestBase as _ClientRequestBase
    from .types import RequestOptions, ResponseListener
else:
    _ClientRequestBase = OutgoingMessage


class ClientRequest(_ClientRequestBase):
    """Node's ``http.ClientRequest``: an in-progress request (a writable OutgoingMessage).

    Created by :func:`request`/:func:`get`.  Events: ``'socket'`` (socket),
    ``'response'`` (res), ``'information'`` (info dict), ``'continue'``,
    ``'upgrade'``/``'connect'`` (res, socket, head), ``'timeout'``,
    ``'abort'``, ``'error'`` (err), ``'close'``, plus the Writable events
    ``'finish'``/``'drain'``.
    """

    res: IncomingMessage | None = None
    aborted: float | None = None
    timeoutCb: Callable | None = None
    upgradeOrConnect = False
    parser: _ClientParser | None = None
    maxHeadersCount: int | None = None
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

        agent = get("agent")
        defaultAgent = get("_defaultAgent") or _http_agent.globalAgent
        if agent is None:
            if not callable(get("createConnection")):
                agent = defaultAgent
            # Else: the agent is not used when createConnection is provided.
        elif agent is False:
            agent = type(defaultAgent)()
        elif not callable(getattr(agent, "addRequest", None)):
            raise _invalid_arg_type("options.agent",
                                    "one of type Agent-like Object, undefined, or false", agent)
        self.agent = agent

        expectedProtocol = defaultAgent.protocol
        protocol = get("protocol") or expectedProtocol
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

        defaultPort = get("defaultPort") or (
            getattr(agent, "defaultPort", None) if agent is not None else None)
        port = options["port"] = get("port") or defaultPort or 80
        host = get("hostname")
        if not host or host.__class__ is not str:
            host = _validateHost(host, "hostname")
            if not host:
                host = get("host")
                if host is not None and host.__class__ is not str:
                    _validateHost(host, "host")
        host = options["host"] = host or "localhost"
        setHost = get("setHost")
        setHost = setHost is None or bool(setHost)

        self.socketPath = get("socketPath")
        self.timeout = get("timeout")

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

        insecureHTTPParser = get("insecureHTTPParser")
        if insecureHTTPParser is not None and insecureHTTPParser.__class__ is not bool:
            raise _invalid_arg_type("insecureHTTPParser", "of type boolean",
                                    insecureHTTPParser, "argument")
        self.insecureHTTPParser = insecureHTTPParser
        maxHeaderSize = get("maxHeaderSize")
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
            auth = get("auth")
            if auth and (not has or self.getHeader("Authorization") is None):
                self.setHeader("Authorization", "Basic " + base64.b64encode(
                    js_string(auth).encode("utf-8", "surrogatepass")).decode("ascii"))
            if has and self.getHeader("expect") is not None:
                if self._header is not None:
                    raise codes.ERR_HTTP_HEADERS_SENT("render")
                self._storeHeader(method + " " + path + " HTTP/1.1\r\n", self._kOutHeaders)
        else:
            self._storeHeader(method + " " + path + " HTTP/1.1\r\n", headers)

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
        # registers the first 'socket' listener; _tickOnSocket runs it just
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

class _Hooks:
    """Node's module-level socket listeners, bound to one socket once.

    Node swaps listeners on every request: ``'error'``/``'close'`` (request
    listeners) while a request owns the socket, a once ``'error'`` (free
    socket) while it is pooled, and re-adds ``'drain'``.  Here the
    listeners are installed once per socket and dispatch on ``busy`` (the
    same behaviour without re-registering listeners on every request).
    """

    __slots__ = ("onData", "onEnd", "onClose", "onError", "onDrain", "busy", "installed",
                 "fast")

    def __init__(self, socket: Any) -> None:
        self.busy = False
        self.installed = False
        # A net.Socket has the fast path: bytes straight to the parser.
        self.fast = hasattr(socket, "_ondata")

        def onData(d: bytes) -> None:
            _socketOnData(socket, d, self)

        def onEnd() -> None:
            _socketOnEnd(socket)

        def onClose(*_: Any) -> None:
            if self.busy:
                _socketCloseListener(socket)

        def onError(err: Any) -> None:
            if self.busy:
                _socketErrorListener(socket, err)
            else:
                # Node's freeSocketErrorListener: an error on a pooled socket drops it.
                socket.destroy()
                socket.emit("agentRemove")

        def onDrain() -> None:
            msg = socket._httpMessage
            if msg is not None and not msg.finished and msg._needDrain:
                msg._needDrain = False
                msg.emit("drain")

        self.onData = onData
        self.onEnd = onEnd
        self.onClose = onClose
        self.onError = onError
        self.onDrain = onDrain


def _hooks(socket: Any) -> _Hooks:
    # (getattr, not socket.__dict__: see events.py on __dict__.)
    h = getattr(socket, "_httpClientHooks", None)
    if h is None:
        h = socket._httpClientHooks = _Hooks(socket)
    return h


def _detachData(socket: Any, h: _Hooks) -> None:
    """Stop feeding the parser (Node: remove the 'data'/'end' listeners)."""
    if h.fast:
        socket._ondata = None
        socket._onend = None
    else:
        socket.removeListener("data", h.onData)
        socket.removeListener("end", h.onEnd)


def _socketCloseListener(socket: Any) -> None:
    req = socket._httpMessage
    if req is None:  # pragma: no cover - detached by upgrade
        return
    parser = getattr(socket, "parser", None)
    res = req.res
    if res is not None:
        # Socket closed before we emitted 'end' below.
        if not res.complete:
            res.aborted = True
            res.emit("aborted")
        req.emit("close")
        if res.readable:
            res.on("end", lambda: res.emit("close"))
            res.push(None)
        else:
            res.emit("close")
    else:
        if not getattr(req.socket, "_hadError", False):
            # This socket error fired before we started to receive a
            # response: the error goes to the request.
            req.socket._hadError = True
            req.emit("error", connection_reset())
        req.emit("close")
    # Output that was never written is dropped.
    if req.output:
        req.output = []
        req.outputCallbacks = []
        req.outputSize = 0
    if parser is not None:
        parser.finish()
        _freeParser(parser, req, socket)


def _socketErrorListener(socket: Any, err: Any) -> None:
    req = socket._httpMessage
    if req is not None:
        # Don't double-fire: later errors are ignored.
        req.socket._hadError = True
        req.emit("error", err)
    parser = getattr(socket, "parser", None)
    if parser is not None:
        parser.finish()
        _freeParser(parser, req, socket)
    # Ensure that no further data will come out of the socket.
    _detachData(socket, _hooks(socket))
    socket.destroy()


def _socketOnEnd(socket: Any) -> None:
    req = socket._httpMessage
    parser = getattr(socket, "parser", None)
    if req is not None and req.res is None and not getattr(req.socket, "_hadError", False):
        # No response: the socket ended prematurely.
        req.socket._hadError = True
        req.emit("error", connection_reset())
    if parser is not None:
        parser.finish()  # ends a close-delimited body; Node ignores an error here
        _freeParser(parser, req, socket)
    socket.destroy()


def _socketOnData(socket: Any, d: bytes, h: _Hooks) -> None:
    req = socket._httpMessage
    parser = getattr(socket, "parser", None)
    if parser is None or req is None:  # pragma: no cover - defensive
        return
    ret = parser.execute(d)
    if ret is not None:
        _freeParser(parser, req, socket)
        socket.destroy()
        req.socket._hadError = True
        req.emit("error", ret)
        return
    incoming = parser.incoming
    if incoming is None:
        return
    if incoming.upgrade and parser.upgradeOffset is not None:
        # Upgrade (101) or CONNECT.
        req.res = incoming
        _detachData(socket, h)
        socket.removeListener("drain", h.onDrain)
        parser.finish()
        _freeParser(parser, req, socket)
        bodyHead = d[parser.upgradeOffset:]
        eventName = "connect" if req.method == "CONNECT" else "upgrade"
        if req.listenerCount(eventName) > 0:
            req.upgradeOrConnect = True
            # Detach the socket.
            socket.emit("agentRemove")
            socket.removeListener("close", h.onClose)
            socket.removeListener("error", h.onError)
            h.installed = h.busy = False
            socket._httpMessage = None
            socket._readableState.flowing = None
            req.emit(eventName, incoming, socket, bodyHead)
            req.emit("close")
        else:
            # Requested an upgrade or used CONNECT, but no handler.
            socket.destroy()
    elif incoming.complete:
        # (A 1xx never gets here: parserOnIncomingClient drops it from the
        # parser, which stays attached for the final response.)
        _detachData(socket, h)
        parser._clean = parser._keepAlive
        _freeParser(parser, req, socket)


def _parserOnIncomingClient(parser: _ClientParser, res: IncomingMessage,
                            shouldKeepAlive: bool) -> int:
    socket = parser.socket
    req = socket._httpMessage
    if req.res is not None:
        # A response object already exists: the server sent a double response.
        socket.destroy()
        return 0
    req.res = res

    # Skip body and treat as Upgrade.
    if res.upgrade:
        return 2

    # Responses to CONNECT are handled as Upgrade.
    method = req.method
    if method == "CONNECT":
        res.upgrade = True
        return 2

    status = res.statusCode
    # 100, 102-199 (Node's statusIsInformational); 101 is processed normally.
    if 100 <= status < 200 and status != 101:
        # Restart the parser: this is a 1xx informational message.
        req.res = None
        if res.statusCode == 100:
            req.emit("continue")
        # 'information' for every 1xx except 101.
        req.emit("information", {
            "statusCode": res.statusCode,
            "statusMessage": res.statusMessage,
            "httpVersion": res.httpVersion,
            "httpVersionMajor": res.httpVersionMajor,
            "httpVersionMinor": res.httpVersionMinor,
            "headers": res.headers,
            "rawHeaders": res.rawHeaders,
        })
        parser.incoming = None
        return 1

    if req.shouldKeepAlive and not shouldKeepAlive and not req.upgradeOrConnect:
        # The server must answer keep-alive for us to keep the connection.
        req.shouldKeepAlive = False

    req.res = res
    res.req = req

    # Our listener first, so socket cleanup is guaranteed.
    # (res.on('end', ...) without the Readable/IncomingMessage layers, which do
    # nothing for 'end' on a message nobody has seen yet.  A bound method: one
    # object, where a closure over req is three, all cyclic garbage later.)
    onEnd = req._responseOnEnd
    EventEmitter._addListener(res, "end", onEnd, False, onEnd)
    req._prefinishHook = True  # Node: req.on('prefinish', requestOnPrefinish); see _finish
    handled = req.emit("response", res)

    # Nobody listens for 'response': dump the body so the socket does not hang.
    if not handled:
        res._dump()

    if method == "HEAD":
        return 1  # skip body, but not an upgrade
    return 0


def _responseKeepAlive(res: IncomingMessage, req: ClientRequest) -> None:
    socket = req.socket
    if not req.shouldKeepAlive:
        if socket.writable:
            destroySoon = getattr(socket, "destroySoon", None)
            if destroySoon is not None:
                destroySoon()
            else:
                socket.end()
    else:
        if req.timeoutCb is not None:
            socket.setTimeout(0, req.timeoutCb)
            req.timeoutCb = None
        # Node swaps the request's 'close'/'error' listeners for the free
        # socket's 'error' listener here; the hooks dispatch on busy instead.
        socket._httpClientHooks.busy = False  # installed by _tickOnSocket
        # Mark the socket available after user-added 'end' handlers ran.
        next_tick(socket.emit, "free")


def _tickOnSocket(req: ClientRequest, socket: Any) -> None:
    insecure = req.insecureHTTPParser
    parser = _allocParser(bool(insecure), req.maxHeaderSize)
    req.socket = socket
    req.connection = socket
    parser.socket = socket
    parser.outgoing = req
    # Only the response to HEAD or CONNECT has a body to skip
    # (_parserOnIncomingClient): any other is handed to llhttp whole.
    method = req.method
    parser.maySkipBody = method == "HEAD" or method == "CONNECT"
    req.parser = parser
    socket.parser = parser
    socket._httpMessage = req

    h = _hooks(socket)
    if not h.installed:
        # 'drain' propagation and the request's 'error'/'close' listeners.
        h.installed = True
        socket.on("drain", h.onDrain)
        socket.on("error", h.onError)
        socket.on("close", h.onClose)
    h.busy = True

    # Propagate the headers limit from the request to the parser.
    m = req.maxHeadersCount
    if m is not None and m.__class__ is int:
        parser.maxHeaderPairs = m << 1

    if h.fast:
        socket._ondata = h.onData
        socket._onend = h.onEnd
    else:
        socket.on("data", h.onData)
        socket.on("end", h.onEnd)

    if req.timeout is not None:
        _listenSocketTimeout(req)
    if req._flushPending:
        req._flushPending = False
        req._flushOnSocket()
    if "socket" in req._events:
        req.emit("socket", socket)


def _listenSocketTimeout(req: ClientRequest) -> None:
    if req.timeoutCb is not None:
        return

    def emitRequestTimeout() -> None:
        req.emit("timeout")

    # Set timeoutCb so it is cleaned up when the request ends.
    req.timeoutCb = emitRequestTimeout
    # Delegate the socket's timeout event.
    if req.socket is not None:
        req.socket.once("timeout", emitRequestTimeout)
    else:
        req.on("socket", lambda socket: socket.once("timeout", emitRequestTimeout))

    # Remove the socket's timeout listener after the response ends.
    def onResponse(res: IncomingMessage) -> None:
        res.once("end", lambda: req.socket.removeListener("timeout", emitRequestTimeout))

    req.once("response", onResponse)


def _onSocketNT(req: ClientRequest, socket: Any) -> None:
    if req.aborted:
        # Aborted while waiting for a socket: skip the whole thing.
        if req.agent is None:
            socket.destroy()
        else:
            socket.emit("free")
    else:
        _tickOnSocket(req, socket)


def _setSocketTimeout(sock: Any, msecs: float) -> None:
    if getattr(sock, "connecting", False):
        sock.once("connect", lambda: sock.setTimeout(msecs))
    else:
        sock.setTimeout(msecs)


# -- http.request / http.get ---------------------------------------------------------------

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
