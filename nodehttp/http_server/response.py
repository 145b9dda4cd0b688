"""Node's ``ServerResponse`` (from ``_http_server.js``): the response the
server creates for each request.

Node keeps it in ``_http_server.js`` next to ``Server``; here the server is
a package split by concept (docs/architecture.md): this class is the
per-request half, :mod:`.connection` the per-connection half that creates
it and hands it the socket, :mod:`.server` the listening half.

Invariant: a response owns the socket (``socket._httpMessage``) only while
it is at the head of its connection's queue; ``_onFinish`` hands the socket
back to the connection state (``resOnFinish``) before ``'finish'`` is emitted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

from ..errors import codes, js_int32
from ..http_common import STATUS_CODES, checkInvalidHeaderChar
from ..http_outgoing import OutgoingMessage
from ..net import hadError

if TYPE_CHECKING:
    from .connection import _ConnectionState

__all__ = ["ServerResponse"]

_chunkExpression = re.compile(r"(?:^|\W)chunked(?:$|\W)", re.I).search

_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_PROCESSING = b"HTTP/1.1 102 Processing\r\n\r\n"

# 'HTTP/1.1 200 OK\r\n' per (status, message), built once.
_status_lines: dict[tuple[int, str], str] = {}


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from ..event_overloads import ServerResponseBase as _ServerResponseBase
else:
    _ServerResponseBase = OutgoingMessage


class ServerResponse(_ServerResponseBase):
    """Node's ``http.ServerResponse``: created by the server for each request
    and passed as the second argument of ``'request'``.

    ``statusCode`` (200), ``statusMessage``, ``writeHead``, ``writeContinue``,
    ``writeProcessing``, plus everything of :class:`OutgoingMessage`.
    ``'close'`` means the connection died before the response was finished
    (Node 10); ``'finish'`` means the last byte was handed to the socket.
    """

    statusCode: int = 200
    statusMessage: str | None = None
    sendDate = True
    _sent100 = False
    _expect_continue = False
    _state: _ConnectionState | None = None
    _req: Any = None
    _countsPending = True  # _onPendingData below counts (read only when output is buffered)

    def __init__(self, req: Any) -> None:
        # OutgoingMessage.__init__, inlined: an emitter with no listeners yet.
        self._events = {}
        self._maxListeners = None
        # Read by every header block and end(): set here (always in this
        # order), so each read is of an instance attribute, which CPython's
        # attribute cache serves; a class default read through the instance
        # is a full lookup (~200 instructions) each time.
        self.maxRequestsOnConnectionReached = False
        self._hasBody = req.method != "HEAD"
        self.finished = False
        self._header = None
        self._headerSent = False
        self.chunkedEncoding = False
        self._kOutHeaders = None
        self.output = ()
        self.sendDate = True
        self.useChunkedEncodingByDefault = True
        self._contentLength = None
        self._removedConnection = False
        self._removedContLen = False
        self._removedTE = False
        self._keepAliveTimeout = 0
        self._last = False
        self._trailer = ""
        self.statusMessage = None
        self._expect_continue = False
        # Node 15's res.req; resOnFinish's argument (dropped on 'finish').
        self._req = req
        if req.httpVersionMajor < 1 or req.httpVersionMinor < 1:
            te = req.headers.get("te")
            self.useChunkedEncodingByDefault = bool(te) and _chunkExpression(str(te)) is not None
            self.shouldKeepAlive = False

    def _onPendingData(self, delta: int) -> None:
        """Node 10's ``updateOutgoingData`` (``res._onPendingData``, bound to
        the connection in ``parserOnIncoming``): output this response buffers
        while another one owns the socket counts against its connection's
        ``outgoingData``; reading paused for it starts again once the count
        fell below the high-water mark.  The response in flight's ``'drain'``
        comes from the socket's ``'drain'`` only (Node 12+ also emits it
        here, when the count moves: conformance case
        ``server_pipelined_drain``).  A method, not a bound function stored
        per response: the connection only sets ``_state``."""
        state = self._state
        if state is not None:
            state.outgoingData += delta
            if state.paused and state.outgoingData < state.writableHighWaterMark:
                state.resumeIfDrained()

    def _markLast(self) -> None:
        """The peer ended (allowHalfOpen): the socket ends after this
        response (Node's ``socketOnEnd``: ``_last = true``)."""
        self._last = True

    def writeContinue(self, cb: Callable | None = None) -> None:
        """Send ``HTTP/1.1 100 Continue`` now."""
        self._writeRaw(_CONTINUE, None, cb)
        self._sent100 = True

    def writeProcessing(self, cb: Callable | None = None) -> None:
        """Send ``HTTP/1.1 102 Processing`` now."""
        self._writeRaw(_PROCESSING, None, cb)

    def _implicitHeader(self) -> None:
        self.writeHead(self.statusCode)

    def writeHead(self, statusCode: int = None, reason: Any = None,  # type: ignore[assignment]
                  obj: Any = None) -> ServerResponse:
        """Node's ``writeHead(statusCode[, statusMessage][, headers])``; returns self.

        ``headers`` is a dict, a list of ``[name, value]`` pairs or a flat raw
        list; headers given here win over ``setHeader`` ones.
        """
        originalStatusCode = statusCode
        if statusCode.__class__ is not int:
            statusCode = js_int32(statusCode)  # Node: statusCode |= 0
        if statusCode < 100 or statusCode > 999:
            raise codes.ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode)
        if self._header is not None:
            raise codes.ERR_HTTP_HEADERS_SENT("write")
        if isinstance(reason, str):
            # writeHead(statusCode, reasonPhrase[, headers])
            self.statusMessage = reason
        else:
            # writeHead(statusCode[, headers])
            if not self.statusMessage:
                self.statusMessage = STATUS_CODES.get(statusCode, "unknown")
            if obj is None:  # Node 20's `obj ??= reason`: a bytes reason never becomes headers
                obj = reason
        self.statusCode = statusCode

        if self._kOutHeaders is not None:
            # Slow case: the progressive API and header fields are both used.
            if obj:
                if isinstance(obj, dict):
                    for k, v in obj.items():
                        if k:
                            self.setHeader(k, v)
                elif obj and isinstance(obj[0], (list, tuple)):
                    for k, v in obj:
                        self.setHeader(k, v)
                else:
                    for i in range(0, len(obj) - 1, 2):
                        self.setHeader(obj[i], obj[i + 1])
            headers = self._kOutHeaders
        else:
            # Only writeHead() called.
            headers = obj

        message = self.statusMessage
        key = (statusCode, message)
        statusLine = _status_lines.get(key)
        if statusLine is None:
            if checkInvalidHeaderChar(message):
                raise codes.ERR_INVALID_CHAR("statusMessage")
            statusLine = f"HTTP/1.1 {statusCode} {message}\r\n"
            if len(_status_lines) < 1024:
                _status_lines[key] = statusLine

        if statusCode == 204 or statusCode == 304 or statusCode < 200:
            # RFC 7230 3.3: 1xx, 204 and 304 responses never carry a body.
            self._hasBody = False

        # Don't keep alive connections where the client expects 100 Continue
        # but we sent a final status; they may put extra bytes on the wire.
        if self._expect_continue and not self._sent100:
            self.shouldKeepAlive = False

        self._storeHeader(statusLine, headers)
        return self

    # Docs-only deprecated alias.
    writeHeader = writeHead

    def _onFinish(self, *args: Any) -> None:
        socket = self.socket
        if socket is not None and hadError(socket):
            return
        state = self._state
        if state is not None:
            # Node registers resOnFinish as the first 'finish' listener.
            self._state = None
            # Dropped: a request listener that answers (an 'end' closure) holds
            # this response, so the reference would make a cycle for the GC.
            req, self._req = self._req, None
            state.resOnFinish(req, self, self._last)
        if "finish" in self._events:
            self.emit("finish")
