"""Node's ``connectionListenerInternal`` (from ``_http_server.js``): the
per-connection request/response machinery of the http server.

Invariant kept here: one :class:`_ConnectionState` per connection (Node's
``state`` record in ``connectionListenerInternal``) owns the parser, the
queue of requests not yet answered (``incoming``) and of responses waiting
for the socket (``outgoing``), so responses leave strictly in request order.
Only the response at the head of the queue owns the socket
(``socket._httpMessage``); the others buffer their output until
``resOnFinish`` hands the socket on.

Bytes reach the parser through the socket fast path (``socket._ondata``), not
through the socket's Readable; on upgrade/CONNECT the hook is removed and the
socket is handed to the user in stream mode with the unparsed bytes as
``head``.  Node's per-request closures (``resOnFinish.bind``,
``onServerResponseClose``, ``resetHeadersTimeoutOnReqEnd``) are replaced by
methods of the connection state, called from the same places, so a request
costs no listener registrations.  As in Node, the nextTick queue is drained
after each body callback of the parser (and only then), so requests
pipelined in one chunk see Node's event order.

Semantics are Node 10's (``server.timeout`` 120000, ``headersTimeout`` 40000
checked when data arrives and by the server's connections-checking interval, no ``'upgrade'`` listener → an ordinary request,
res ``'close'`` only when the connection dies first); the default
``clientError`` reply is Node 20's (400, or 431 for header overflow, only if
no response bytes were sent yet, then destroy).
"""

from __future__ import annotations

import re
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from .. import loop as _loop
from .. import net
from ..errors import codes
from ..http_common import freeParser as _freeParser
from ..http_common import maxHeaderSize as _maxHeaderSize
from ..events import installAll
from ..http_common import parsers as _parsers
from ..http_incoming import IncomingMessage, findExpect, hasHost
from ..http_outgoing import emitDrain, httpMessageOf
from ..http_parser import HTTPParser, HTTPRequestParser, split_headers
from ..stream import Readable
from ..timers import Timeout
from .response import ServerResponse
from .socket_listeners import (
    SocketOnClose,
    SocketOnData,
    SocketOnDrain,
    SocketOnEnd,
    SocketOnError,
    SocketOnTimeout,
)

if TYPE_CHECKING:
    from .server import Server

_continueExpression = re.compile(r"(?:^|\W)100-continue(?:$|\W)", re.I).search

_badRequestResponse = b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
_requestHeaderFieldsTooLargeResponse = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"
)
_requestTimeoutResponse = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"

_now = time.monotonic
_ticks = _loop.ticks
_drain_ticks = _loop.drain_ticks


def _noop(*args: Any) -> None:
    pass


class _ConnectionState:
    """Node's per-connection ``state`` plus the handlers bound to it."""

    __slots__ = (
        "server", "socket", "parser", "incoming", "outgoing", "outgoingData",
        "keepAliveTimeoutSet", "paused", "parsingHeadersStart", "trailers", "fast",
        "kaTimer", "kaMsecs", "kaWaiting", "parseError", "messageStart", "headersDone", "requestsCount",
        "plain", "onData", "onEnd", "onClose", "onDrain", "onError", "onTimeout",
        "IncomingMessage", "ServerResponse", "writableHighWaterMark", "__weakref__",
    )

    def __init__(self, server: Server, socket: Any) -> None:
        self.server = server
        self.socket = socket
        self.incoming: deque = deque()
        self.outgoing: deque = deque()
        self.outgoingData = 0
        self.keepAliveTimeoutSet = False
        self.kaTimer: Timeout | None = None
        self.kaMsecs = 0
        self.kaWaiting = False
        self.parseError = False
        # Node 18's ConnectionsList record: when the message being parsed
        # began (0: none is, the connection is idle; -1: timed out), whether
        # its headers are complete, how many HTTP/1.1 requests it carried.
        self.messageStart = _now()
        self.headersDone = False
        self.requestsCount = 0
        self.paused = False
        self.trailers: list | None = None
        self.IncomingMessage = server._IncomingMessage
        self.ServerResponse = server._ServerResponse
        # Node's own classes: their methods may be inlined on the hot path.
        self.plain = (self.IncomingMessage is IncomingMessage
                      and self.ServerResponse is ServerResponse)
        # Made once: the same objects are added and removed as listeners.
        # They hold this state weakly (no cycle through the socket): a
        # closed connection is freed by reference counting.
        self.onClose = SocketOnClose(self)
        self.onDrain = SocketOnDrain(self)
        self.onError = SocketOnError(self)
        self.onTimeout = SocketOnTimeout(self)

        insecure = server.insecureHTTPParser
        parser = _parsers.alloc(HTTPRequestParser)
        parser.initialize(HTTPParser.REQUEST, server.maxHeaderSize or _maxHeaderSize,
                          bool(insecure))
        parser.socket = socket
        parser.incoming = None
        parser.onHeadersComplete = self.parserOnHeadersComplete
        parser.onBody = self.parserOnBody
        parser.onMessageComplete = self.parserOnMessageComplete
        parser.onTrailers = self.parserOnTrailers
        parser.onHeaders = self.parserOnHeaders
        parser.headerBlock = True
        if isinstance(server.maxHeadersCount, int) and not isinstance(server.maxHeadersCount,
                                                                      bool):
            parser.maxHeaderPairs = server.maxHeadersCount << 1
        else:
            parser.maxHeaderPairs = 4000
        self.parser = parser
        # We are starting to wait for our headers.
        self.parsingHeadersStart = _now()
        socket.parser = parser
        server._httpConnections.add(self)

        fast = self.fast = isinstance(socket, net.Socket)
        # The socket's (fixed) highWaterMark: read on every request.
        self.writableHighWaterMark = socket.writableHighWaterMark
        if server.timeout and (fast or hasattr(socket, "setTimeout")):
            socket.setTimeout(server.timeout)
        # socket.on() of the four listeners, written into the storage when
        # that is all on() does (a first listener each: events.installAll).
        onTimeout, onError, onClose, onDrain = (
            self.onTimeout, self.onError, self.onClose, self.onDrain)
        if not (socket.__class__ is net.Socket and installAll(socket, (
                ("timeout", onTimeout, 0), ("error", onError, 1),
                ("close", onClose, 0), ("drain", onDrain, 0)))):
            socket.on("timeout", onTimeout)
            socket.on("error", onError)
            socket.on("close", onClose)
            socket.on("drain", onDrain)
        if fast:
            # The fast path: bytes go straight to the parser, EOF to onEnd
            # (bound methods: the hooks are cleared at 'close').
            net.consume(socket, self.socketOnData, self.socketOnEnd)
        else:
            self.onData = SocketOnData(self)
            self.onEnd = SocketOnEnd(self)
            socket.on("data", self.onData)
            socket.on("end", self.onEnd)

    # -- socket events -------------------------------------------------------------

    def socketOnData(self, d: bytes) -> None:
        # Node's assert(!socket._paused): reading stops while responses are queued.
        assert not self.paused, "data arrived while the server paused reading"
        parser = self.parser
        if parser is None or self.parseError:
            # A dead parser consumes nothing more (Node's parser after an error).
            return
        self.kaWaiting = False
        if not self.messageStart:
            # Node 18's on_message_begin, moved to the chunk that carries the
            # message's first bytes (no per-message parser callback): the
            # connection is active from now.  A message that begins inside
            # the chunk that completed the previous one is timed from its
            # next chunk on, and counts as idle until then.
            self.messageStart = _now()
        ret = parser.execute(d)
        # Node 10 (onParserExecute): headers that take longer than
        # headersTimeout are cut off when more data arrives.
        start = self.parsingHeadersStart
        if start < 0:
            # The last message parsed in this chunk ended it
            # (resetHeadersTimeoutOnReqEnd): the next one's headers start now.
            self.parsingHeadersStart = _now()
        elif start and self.parser is not None and _now() - start > self.server.headersTimeout / 1000:
            socket = self.socket
            if not self.server.emit("timeout", socket):
                socket.destroy()
            return
        if ret is None and parser.upgradeOffset is None and not self.keepAliveTimeoutSet:
            return  # the usual case: onParserExecuteCommon has nothing to do
        self.onParserExecuteCommon(ret, d)

    def onParserExecuteCommon(self, ret: Any, d: bytes) -> None:
        if self.keepAliveTimeoutSet:
            self.resetSocketTimeout()
        if ret is not None:
            if getattr(ret, "rawPacket", None) is None:
                ret.rawPacket = d
            self.parseError = True
            self.socketOnError(ret)
            return
        parser = self.parser
        if parser is not None:
            offset = parser.upgradeOffset
            if offset is not None:
                req = parser.incoming
                if req is not None and req.upgrade:
                    self.onUpgrade(req, d[offset:])
                # else: upgrade declined (no 'upgrade' listener): as in Node,
                # the rest of this chunk is dropped and later data is HTTP.

    def onUpgrade(self, req: Any, head: bytes) -> None:
        """Upgrade or CONNECT: give the socket (and the unparsed bytes) away."""
        socket = self.socket
        self.unconsume()
        socket.removeListener("error", self.onError)
        socket.removeListener("timeout", self.onTimeout)
        self.freeParser()
        self.server._httpConnections.discard(self)
        eventName = "connect" if req.method == "CONNECT" else "upgrade"
        server = self.server
        if eventName == "upgrade" or server.listenerCount(eventName) > 0:
            if isinstance(socket, Readable):
                socket.readableFlowing = None
            server.emit(eventName, req, socket, head)
        else:
            # Got CONNECT method, but have no handler.
            socket.destroy()

    def unconsume(self) -> None:
        socket = self.socket
        self.stopKeepAlive()
        if self.fast:
            net.consume(socket, None, None)
        else:
            socket.removeListener("data", self.onData)
            socket.removeListener("end", self.onEnd)
        socket.removeListener("close", self.onClose)
        socket.removeListener("drain", self.onDrain)
        if self.responseInFlight() is not None:
            # Node's onServerResponseClose is the response's own listener:
            # it outlives the connection's.
            socket.once("close", self.onServerResponseClose)
        if self.paused:
            self.paused = False
            self._readStart()

    def freeParser(self) -> None:
        parser = self.parser
        if parser is not None:
            self.parser = None
            _freeParser(parser, None, None)  # (clears socket.parser, which is it)

    def socketOnEnd(self) -> None:
        parser = self.parser
        if parser is None:
            return
        ret = None if self.parseError else parser.finish()
        if ret is not None:
            self.parseError = True
            self.socketOnError(ret)
            return
        socket = self.socket
        if not self.server.httpAllowHalfOpen:
            self.abortIncoming()
            if socket.writable:
                socket.end()
        elif self.outgoing:
            self.outgoing[-1]._markLast()
        elif (msg := httpMessageOf(socket)) is not None:
            msg._markLast()
        elif socket.writable:
            socket.end()

    def socketOnClose(self) -> None:
        self.server._httpConnections.discard(self)
        if self.fast:
            # Nothing more is read: the socket lets go of this state.
            net.consume(self.socket, None, None)
        if self.kaTimer is not None:
            self.stopKeepAlive()
        # Back to the free list: nothing parses for a closed socket ('close'
        # comes from the loop, never from inside execute(); a parser callback
        # finds self.parser None anyway).
        self.freeParser()
        if self.incoming:
            self.abortIncoming()
        self.onServerResponseClose()
        for res in self.outgoing:
            res._state = None

    def responseInFlight(self) -> Any:
        """The response writing to the socket now (Node's
        ``socket._httpMessage``), or None."""
        return httpMessageOf(self.socket)

    def onServerResponseClose(self, *_: Any) -> None:
        """Node's ``onServerResponseClose``: the response in flight never
        finished."""
        res = self.responseInFlight()
        if res is not None:
            res.emit("close")

    def abortIncoming(self) -> None:
        incoming = self.incoming
        while incoming:
            req = incoming.popleft()
            req.aborted = True
            req.emit("aborted")
            req.emit("close")

    def socketOnError(self, e: BaseException) -> None:
        socket = self.socket
        # Ignore further errors.
        socket.removeListener("error", self.onError)
        socket.on("error", _noop)
        if not self.server.emit("clientError", e, socket):
            msg = httpMessageOf(socket)
            if socket.writable and (msg is None or not msg.headersSent):
                code = getattr(e, "code", None)
                if code == "HPE_HEADER_OVERFLOW":
                    socket.write(_requestHeaderFieldsTooLargeResponse)
                elif code == "ERR_HTTP_REQUEST_TIMEOUT":
                    socket.write(_requestTimeoutResponse)
                else:
                    socket.write(_badRequestResponse)
            socket.destroy(e)

    def isIdle(self) -> bool:
        """No message being received (Node 18's idle list) and no response
        owed (every request received has been answered)."""
        return self.messageStart == 0 and not self.incoming

    def onExpired(self, request: bool) -> None:
        """The connections check found this connection's request over
        ``requestTimeout`` (Node 18: ``ERR_HTTP_REQUEST_TIMEOUT`` through
        ``clientError``, 408 by default) or its headers over
        ``headersTimeout`` (Node 10's action: the server's ``'timeout'``,
        else destroy)."""
        self.messageStart = -1  # out of the active list, as Node's PopActive
        if request:
            self.parseError = True  # nothing more is parsed, as after a parse error
            self.socketOnError(codes.ERR_HTTP_REQUEST_TIMEOUT())
            return
        socket = self.socket
        if not self.server.emit("timeout", socket):
            socket.destroy()

    def socketOnTimeout(self) -> None:
        socket = self.socket
        parser = self.parser
        req = parser.incoming if parser is not None else None
        reqTimeout = req is not None and not req.complete and req.emit("timeout", socket)
        res = httpMessageOf(socket)
        resTimeout = res is not None and res.emit("timeout", socket)
        serverTimeout = self.server.emit("timeout", socket)
        if not reqTimeout and not resTimeout and not serverTimeout:
            socket.destroy()

    def socketOnDrain(self) -> None:
        """The socket's ``'drain'``: read on if paused, then the response in
        flight's ``'drain'`` if one of its writes returned false."""
        self.resumeIfDrained()
        emitDrain(self.socket)

    def resumeIfDrained(self) -> None:
        """Node 10's ``socketOnDrain``: reading stopped for queued output
        starts again once that output is not above the high-water mark."""
        needPause = self.outgoingData > self.writableHighWaterMark
        # If we previously paused, then start reading again.
        if self.paused and not needPause:
            self.paused = False
            self._readStart()

    def _readStart(self) -> None:
        if self.fast:
            net.readStart(self.socket)
        else:
            self.socket.resume()

    def _readStop(self) -> None:
        if self.fast:
            net.readStop(self.socket)
        else:
            self.socket.pause()

    # -- keep-alive timeout ------------------------------------------------------------
    # Node switches the socket's inactivity timeout to keepAliveTimeout after
    # each response and back to server.timeout when the next request comes:
    # two timer re-arms per request.  When server.timeout is 0 or longer than
    # keepAliveTimeout the socket's own timer can never fire first, so a
    # per-connection keep-alive timer, refreshed (not re-armed) after each
    # response and ignored once data arrives, emits the same socket
    # 'timeout' at the same moment.

    # The usual case, this connection's keep-alive timer already made for the
    # same time (and server.timeout not shorter), is resOnFinish's own: it
    # refreshes the timer; startKeepAlive does every other case.

    def startKeepAlive(self, ka: float) -> None:
        timeout = self.server.timeout
        if (timeout and timeout < ka) or not self.fast:
            # Node's way, exactly: the socket's own timer.
            self.socket.setTimeout(ka)
            self.keepAliveTimeoutSet = True
            return
        self.kaWaiting = True
        timer = self.kaTimer
        if timer is not None:
            timer.close()
        self.kaTimer = Timeout(self.onKeepAliveTimeout, ka, (), False, True, False)
        self.kaMsecs = ka

    def stopKeepAlive(self) -> None:
        self.kaWaiting = False
        timer = self.kaTimer
        if timer is not None:
            self.kaTimer = None
            timer.close()

    def onKeepAliveTimeout(self) -> None:
        if self.kaWaiting and self.parser is not None:
            self.kaWaiting = False
            self.socket.emit("timeout")

    def resetSocketTimeout(self) -> None:
        self.socket.setTimeout(self.server.timeout or 0)
        self.keepAliveTimeoutSet = False

    # -- parser callbacks ------------------------------------------------------------

    def parserOnHeadersComplete(self, versionMajor: int, versionMinor: int, headers: list,
                                method: Any, url: str, statusCode: Any, statusMessage: Any,
                                upgrade: bool, shouldKeepAlive: bool) -> int:
        """Node's ``parserOnHeadersComplete`` and ``parserOnIncoming`` (server
        half), in one frame: build the request, queue its response, emit."""
        parser = self.parser
        socket = self.socket
        req = parser.incoming = self.IncomingMessage(socket)
        req.httpVersionMajor = versionMajor
        req.httpVersionMinor = versionMinor
        http11 = versionMinor == 1 and versionMajor == 1
        req.httpVersion = "1.1" if http11 else f"{versionMajor}.{versionMinor}"
        req.url = url
        req.upgrade = upgrade
        # The parser hands over the raw header block (headerBlock): the
        # request decodes rawHeaders only if someone reads them.
        if self.plain:
            if headers:
                req._addHeaderLines(headers, parser.maxHeaderPairs or -1)
        else:
            headers = split_headers(headers)
            n = len(headers)
            m = parser.maxHeaderPairs
            if 0 < m < n:
                n = m
            req._addHeaderLines(headers, n)
        req.method = method

        # -- parserOnIncoming --
        server = self.server
        if self.keepAliveTimeoutSet:
            self.resetSocketTimeout()
        # Zero communicates that we have finished parsing headers.
        self.parsingHeadersStart = 0
        self.headersDone = True

        if upgrade:
            req.upgrade = upgrade = method == "CONNECT" or server.listenerCount("upgrade") > 0
            if upgrade:
                return 2

        self.incoming.append(req)

        # If the writable end isn't consuming, stop reading so that we don't
        # become overwhelmed by a flood of pipelined requests.
        if not self.paused:
            if (self.outgoingData >= self.writableHighWaterMark
                    or getattr(socket, "writableNeedDrain", False)):
                self.paused = True
                self._readStop()

        res = self.ServerResponse(req)
        if server._keepAliveHeader:
            res.setKeepAliveHeader(server.keepAliveTimeout, server.maxRequestsPerSocket)
        res.shouldKeepAlive = shouldKeepAlive
        # Node's res._onPendingData = updateOutgoingData.bind(socket, state)
        # and the resOnFinish listener: the response's _onPendingData and
        # _onFinish reach this connection through _state.
        res._state = self

        # (A response waiting in outgoing means one owns the socket: only
        # resOnFinish releases it, and it hands it to the next one there.)
        if self.outgoing or httpMessageOf(socket) is not None:
            # There are already pending outgoing responses: append.
            self.outgoing.append(res)
        else:
            res.assignSocket(socket)

        if http11 and server.requireHostHeader and not hasHost(req):
            # Node 20 (RFC 7230 5.4): an HTTP/1.1 request without Host is a 400.
            res.writeHead(400, ["Connection", "close"])
            res.end()
            return 0

        maxRequests = server.maxRequestsPerSocket
        if http11 and maxRequests and maxRequests > 0:
            # Node 16.10: the request over the limit gets a 503 and
            # 'dropRequest'; the one reaching it says Connection: close.
            self.requestsCount += 1
            res.maxRequestsOnConnectionReached = maxRequests <= self.requestsCount
            if maxRequests < self.requestsCount:
                server.emit("dropRequest", req, socket)
                res.writeHead(503)
                res.end()
                return 0

        # The parser flags a message that may have an Expect header; without
        # one there is nothing to look for.
        expect = findExpect(req) if parser.expect else None
        if expect is not None and http11:
            if _continueExpression(expect):
                res._expect_continue = True
                if server.listenerCount("checkContinue") > 0:
                    server.emit("checkContinue", req, res)
                else:
                    res.writeContinue()
                    server.emit("request", req, res)
            elif server.listenerCount("checkExpectation") > 0:
                server.emit("checkExpectation", req, res)
            else:
                res.writeHead(417)
                res.end()
        else:
            server.emit("request", req, res)
        return 0

    def parserOnBody(self, chunk: bytes) -> None:
        parser = self.parser
        stream = parser.incoming if parser is not None else None
        if stream is not None:
            stream._pushBody(chunk)
        if _ticks and self.fast:
            # Node (10 and 20) drains the nextTick queue after each body
            # callback of a socket its parser consumes -- and only then:
            # requests pipelined in one chunk all arrive before their ticks.
            _drain_ticks()

    def parserOnHeaders(self) -> None:
        # Node's kOnHeaders is a MakeCallback: on a consumed socket the
        # nextTick queue runs after it (so a response an earlier pipelined
        # request finished reaches the wire before a later parse error).
        if _ticks and self.fast:
            _drain_ticks()

    def parserOnTrailers(self, raw: list) -> None:
        self.trailers = raw

    def parserOnMessageComplete(self) -> None:
        parser = self.parser
        if parser is None:
            return
        stream = parser.incoming
        # Idle until the next message's first bytes arrive (socketOnData).
        self.messageStart = 0
        self.headersDone = False
        engaged = False
        if stream is not None:
            trailers = self.trailers
            if trailers is not None:
                self.trailers = None
            engaged = stream._complete(trailers)
        # Node 10's resetHeadersTimeoutOnReqEnd: the next headers start now
        # (read once, when this execute() returns: -1 until then).
        if self.server.keepAliveTimeout > 0:
            self.parsingHeadersStart = -1
        # Force reading the next message (a full body queue may have paused
        # it; a message without body pushed nothing, so it cannot have).
        if engaged and not self.paused:
            if self.fast:
                net.readStart(self.socket)
            elif getattr(self.socket, "readable", False):
                self.socket.resume()

    # -- response done -----------------------------------------------------------------

    def resOnFinish(self, req: Any, res: ServerResponse, last: bool) -> None:
        incoming = self.incoming
        # Usually the first incoming element is our request; it may be gone
        # if abortIncoming() ran.
        assert not incoming or incoming[0] is req, "responses finish in request order"
        if incoming:
            incoming.popleft()
        # If the user never read, piped, resumed or listened for 'data', dump
        # the request so the bytes are pulled off the wire.
        req._dumpUnconsumed()
        socket = self.socket
        res.detachSocket(socket)
        if last:
            destroySoon = getattr(socket, "destroySoon", None)
            if destroySoon is not None:
                destroySoon()
            else:
                socket.end()
        elif not self.outgoing:
            server = self.server
            ka = server.keepAliveTimeout
            if ka and (self.fast or hasattr(socket, "setTimeout")):
                timer = self.kaTimer
                timeout = server.timeout
                if timer is not None and self.kaMsecs == ka and not (timeout and timeout < ka):
                    # This connection's keep-alive timer, for the same time:
                    # re-armed from now (see "keep-alive timeout" above).
                    self.kaWaiting = True
                    timer.refresh()
                else:
                    self.startKeepAlive(ka)
        else:
            # Start sending the next message.
            self.outgoing.popleft().assignSocket(socket)
