"""The socket side of Node's ``_http_client.js``: the response parser (and
its free list), the socket listeners, ``onSocketNT``/``tickOnSocket``, ``responseKeepAlive``.

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
- parsers come from the free list both sides share (``http_common.parsers``);
- ``'information'`` carries ``statusMessage``, ``httpVersion``, ``headers``
  and ``rawHeaders`` too, as later Node versions do (Node 10: ``statusCode`` only).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from .. import events as _events
from .. import loop as _loop
from ..errors import connection_reset
from ..events import EventEmitter
from ..http_common import freeParser
from ..http_common import maxHeaderSize as _defaultMaxHeaderSize
from ..http_common import parsers
from ..http_incoming import IncomingMessage
from ..http_outgoing import emitDrain, httpMessageOf, setHttpMessage
from ..http_parser import HTTPParser, HTTPResponseParser
from ..net import Socket, consume, hadError, readStart, setHadError

if TYPE_CHECKING:
    from .request import ClientRequest

next_tick = _loop.next_tick
_MAX_HEADER_PAIRS = 2000
_SKIP_BODY_METHODS = frozenset(("HEAD", "CONNECT"))


class _ClientParser(HTTPResponseParser):
    """A RESPONSE parser with Node's client-side callbacks bound once."""

    # Per-parser state, defaults on the class.
    socket: Any = None
    incoming: IncomingMessage | None = None
    outgoing: ClientRequest | None = None
    maxHeaderPairs = _MAX_HEADER_PAIRS
    _trailersRaw: list | None = None
    _ownerDefaults = ()  # its callbacks are its methods: free() resets nothing

    def __init__(self) -> None:
        HTTPParser.__init__(self, HTTPParser.RESPONSE, _defaultMaxHeaderSize, False)

    # Node's parserOnHeadersComplete (client half).
    def _onHeadersComplete(self, versionMajor: int, versionMinor: int, headers: list,
                           method: Any, url: Any, statusCode: int, statusMessage: str,
                           upgrade: bool, shouldKeepAlive: bool) -> int:
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
            incoming._addHeaderLines(headers, m if 0 < m < n else n)
        incoming.statusCode = statusCode
        incoming.statusMessage = statusMessage
        # -- Node's parserOnIncomingClient(res, shouldKeepAlive), inline (its one caller) --
        res = incoming
        socket = self.socket
        req = self.outgoing  # socket._httpMessage (see _socketOnData)
        if req.res is not None:
            # A response object already exists: the server sent a double response.
            socket.destroy()
            return 0
        req.res = res

        # Skip body and treat as Upgrade.
        if res.upgrade:
            return 2

        # Responses to CONNECT are handled as Upgrade.
        reqMethod = req.method  # (the parameter method is a request parser's)
        if reqMethod == "CONNECT":
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
            self.incoming = None
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
        # (installAll does not look up the arity: _responseOnEnd takes none,
        # which tests/test_client_path.py pins against what on() stores.)
        onEnd = req._responseOnEnd
        if not _events.installAll(res, (("end", onEnd, 0),)):
            EventEmitter.on(res, "end", onEnd)
        req._prefinishHook = True  # Node: req.on('prefinish', requestOnPrefinish); see _finish
        handled = req.emit("response", res)

        # Nobody listens for 'response': dump the body so the socket does not hang.
        if not handled:
            res._dump()

        if reqMethod == "HEAD":
            return 1  # skip body, but not an upgrade
        return 0

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
            readStart(socket)

    # The parser's callbacks are this class's methods.
    onHeadersComplete = _onHeadersComplete
    onBody = _onBody
    onTrailers = _onTrailers
    onMessageComplete = _onMessageComplete


def _freeParser(parser: _ClientParser | None, req: Any, socket: Any) -> None:
    """Node's ``freeParser`` (``http_common``), and the trailers kept here."""
    if parser is not None:
        parser._trailersRaw = None
    freeParser(parser, req, socket)


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
        self.fast = isinstance(socket, Socket)


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
            emitDrain(socket)

        # Partials, not closures: the parser's bytes reach _socketOnData
        # without a Python frame in between.
        self.onData = partial(_socketOnData, socket, self)
        self.onEnd = partial(_socketOnEnd, socket)
        self.onClose = onClose
        self.onError = onError
        self.onDrain = onDrain


class ClientSocket(Protocol):
    """The client's seam on a socket: ``_httpClientHooks`` is its
    :class:`_Hooks` (the listeners installed once per socket), created by
    :func:`_hooks` and used only in this module."""

    _httpClientHooks: _Hooks | None


def _hooks(socket: Any) -> _Hooks:
    # (getattr, not socket.__dict__: see events.py on __dict__.)
    h = getattr(socket, "_httpClientHooks", None)
    if h is None:
        h = socket._httpClientHooks = _Hooks(socket)
    return h


def _detachData(socket: Any, h: _Hooks) -> None:
    """Stop feeding the parser (Node: remove the 'data'/'end' listeners)."""
    if h.fast:
        consume(socket, None, None)
    else:
        socket.removeListener("data", h.onData)
        socket.removeListener("end", h.onEnd)


def _socketCloseListener(socket: Any) -> None:
    req = httpMessageOf(socket)
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
        if not hadError(req.socket):
            # This socket error fired before we started to receive a
            # response: the error goes to the request.
            setHadError(req.socket)
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
    req = httpMessageOf(socket)
    if req is not None:
        # Don't double-fire: later errors are ignored.
        setHadError(req.socket)
        req.emit("error", err)
    parser = getattr(socket, "parser", None)
    if parser is not None:
        parser.finish()
        _freeParser(parser, req, socket)
    # Ensure that no further data will come out of the socket.
    _detachData(socket, _hooks(socket))
    socket.destroy()


def _socketOnEnd(socket: Any) -> None:
    req = httpMessageOf(socket)
    parser = getattr(socket, "parser", None)
    if req is not None and req.res is None and not hadError(req.socket):
        # No response: the socket ended prematurely.
        setHadError(req.socket)
        req.emit("error", connection_reset())
    if parser is not None:
        parser.finish()  # ends a close-delimited body; Node ignores an error here
        _freeParser(parser, req, socket)
    socket.destroy()


def _socketOnData(socket: Any, h: _Hooks, d: bytes) -> None:
    parser = getattr(socket, "parser", None)
    # Node's assert: data reaches us only while a request's parser is attached.
    assert parser is not None and parser.socket is socket
    # socket._httpMessage: _onSocketNT sets both, _freeParser clears this first.
    req = parser.outgoing
    ret = parser.execute(d)
    if ret is not None:
        _freeParser(parser, req, socket)
        socket.destroy()
        setHadError(req.socket)
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
            setHttpMessage(socket, None)
            socket.readableFlowing = None
            req.emit(eventName, incoming, socket, bodyHead)
            req.emit("close")
        else:
            # Requested an upgrade or used CONNECT, but no handler.
            socket.destroy()
    elif incoming.complete:
        # (A 1xx never gets here: parserOnIncomingClient drops it from the
        # parser, which stays attached for the final response.)
        # _detachData and _freeParser, inline: the trailers were taken by
        # _onMessageComplete, which made the message complete.
        if h.fast:
            consume(socket, None, None)
        else:
            _detachData(socket, h)
        freeParser(parser, req, socket)


def _responseKeepAlive(res: IncomingMessage, req: ClientRequest) -> None:
    socket = req.socket
    if not req.shouldKeepAlive:
        if socket.writable:
            destroySoon = getattr(socket, "destroySoon", None)
            if destroySoon is not None:
                destroySoon()
            else:
                socket.end()
        assert not socket.writable  # Node's assert: ended (or already not writable)
    else:
        if req.timeoutCb is not None:
            socket.setTimeout(0, req.timeoutCb)
            req.timeoutCb = None
        # Node swaps the request's 'close'/'error' listeners for the free
        # socket's 'error' listener here; the hooks dispatch on busy instead.
        socket._httpClientHooks.busy = False  # installed by _onSocketNT
        # Mark the socket available after user-added 'end' handlers ran.
        next_tick(socket.emit, "free")


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
    """Node's ``onSocketNT``, with its ``tickOnSocket`` inline (one frame
    less per request): attach the request to ``socket`` and start it."""
    if req.aborted:
        # Aborted while waiting for a socket: skip the whole thing.
        if req.agent is None:
            socket.destroy()
        else:
            socket.emit("free")
        return
    # -- Node's tickOnSocket(req, socket) --
    # Node: parsers.alloc(); parser.reinitialize(HTTPParser.RESPONSE) (a
    # parser at rest keeps its llhttp: HTTPParser.initialize); maxHeaderPairs below.
    parser = parsers.alloc(_ClientParser)
    parser.initialize(HTTPParser.RESPONSE, req.maxHeaderSize or _defaultMaxHeaderSize,
                      bool(req.insecureHTTPParser))
    req.socket = socket
    req.connection = socket
    parser.socket = socket
    parser.outgoing = req
    # Only the response to HEAD or CONNECT has a body to skip
    # (parserOnIncomingClient): any other is handed to llhttp whole.
    method = req.method
    parser.maySkipBody = method in _SKIP_BODY_METHODS
    req.parser = parser
    socket.parser = parser
    setHttpMessage(socket, req)

    h = getattr(socket, "_httpClientHooks", None)  # _hooks(socket), inline
    if h is None:
        h = socket._httpClientHooks = _Hooks(socket)
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
    else:
        parser.maxHeaderPairs = _MAX_HEADER_PAIRS

    if h.fast:
        consume(socket, h.onData, h.onEnd)
    else:
        socket.on("data", h.onData)
        socket.on("end", h.onEnd)

    if req.timeout is not None:
        _listenSocketTimeout(req)
    if req._flushPending:
        req._flushPending = False
        req._flushOnSocket()
    if _events.has(req, "socket"):
        req.emit("socket", socket)


def _setSocketTimeout(sock: Any, msecs: float) -> None:
    if getattr(sock, "connecting", False):
        sock.once("connect", lambda: sock.setTimeout(msecs))
    else:
        sock.setTimeout(msecs)


# -- http.request / http.get ---------------------------------------------------------------
