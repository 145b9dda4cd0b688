"""Node's ``_http_outgoing.js``: :class:`OutgoingMessage`, the one base of
``ServerResponse`` and ``ClientRequest``.

Invariant kept here: everything about an outgoing message's *framing* lives
in this class (its header half in :mod:`.headers`) — the header block (``_storeHeader``), keep-alive and
``Content-Length``/chunked decisions, the buffering of output until a socket
is assigned (``output``), and ``write``/``end``.  Subclasses only supply the
first line (``_implicitHeader``) and the socket plumbing.

The internal names are Node's (``_header``, ``_headerSent``, ``_send``,
``_writeRaw``, ``_flushOutput``, ``_last``, ``chunkedEncoding``,
``useChunkedEncodingByDefault``, ``shouldKeepAlive``, ``_removedConnection``,
``_removedContLen``, ``_removedTE``, ``_contentLength``, ``_hasBody``,
``_trailer``, ``finished``, ``_onPendingData``, ``outputData``) so that Node's
``_http_client.js``/``_http_server.js`` logic ports on top unchanged.

Where we differ, for speed: everything reaching the socket is ``bytes``
(encoded once, in :meth:`_send`), and the header block is joined with the
first body chunk — and a chunk's size line and CRLFs with the chunk — so a
small response is one ``socket.write`` (Node relies on ``cork`` for that).
Defaults of the many flags live on the class (as Node's prototype values)
so constructing a message costs a few attribute stores.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Protocol

from .. import loop as _loop
from ..encoding import encode as _encode
from ..errors import NodeTypeError, codes, js_string
from ..http_common import (
    checkInvalidHeaderChar,
    checkIsHttpToken,
)

# Node's OutgoingMessage inherits the legacy ``Stream`` (EventEmitter + pipe)
from ..net import hadError
from ..stream import Stream as _Base
from .headers import _Headers

__all__ = ["OutgoingMessage", "HIGH_WATER_MARK", "HttpSocket", "httpMessageOf"]

#: Node's ``HIGH_WATER_MARK`` for buffered (not yet socket-assigned) output.
HIGH_WATER_MARK = 16 * 1024

_RE_CONN_CLOSE = re.compile(r"(?:^|\W)close(?:$|\W)", re.I).search
_RE_TE_CHUNKED = re.compile(r"(?:^|\W)chunked(?:$|\W)", re.I).search

_CRLF = b"\r\n"
_LAST_CHUNK = b"0\r\n\r\n"
_CRLF_LAST = b"\r\n0\r\n\r\n"  # a chunk's CRLF, then the last chunk
_EMPTY = b""
_next_tick = _loop.next_tick


def _noop_pending(n: int) -> None:
    pass


def _to_bytes(chunk: Any, encoding: str | None) -> bytes:
    """A body chunk as bytes: a string in ``encoding`` (Node's, via
    :mod:`nodehttp.encoding`), a Buffer (bytes-like) as is."""
    if isinstance(chunk, str):
        return _encode(chunk, encoding)
    if isinstance(chunk, (bytes, bytearray, memoryview)):
        return bytes(chunk)
    raise codes.ERR_INVALID_ARG_TYPE("first argument", ["string", "Buffer"], chunk)



class HttpSocket(Protocol):
    """The socket seam of an outgoing message (what ``net.Socket`` provides;
    the server also takes any Duplex).  ``_httpMessage`` is Node's
    ``socket._httpMessage``: the message that owns the socket now.  It is
    written only by :meth:`OutgoingMessage.assignSocket` and
    :meth:`OutgoingMessage.detachSocket` (the server's messages) and
    :func:`setHttpMessage` (the client's), read elsewhere through
    :func:`httpMessageOf` and :func:`emitDrain`; a
    socket no message ever owned may lack it."""

    _httpMessage: OutgoingMessage | None
    writable: bool
    destroyed: bool

    def write(self, data: bytes, encoding: Any = None, cb: Callable | None = None) -> bool: ...


def httpMessageOf(socket: Any) -> OutgoingMessage | None:
    """The message that owns ``socket`` now (Node's ``socket._httpMessage``),
    or None: the one reader for other modules (the writer is
    :meth:`OutgoingMessage.assignSocket`/:meth:`~OutgoingMessage.detachSocket`)."""
    return getattr(socket, "_httpMessage", None)


def setHttpMessage(socket: Any, msg: OutgoingMessage | None) -> None:
    """``socket._httpMessage = msg`` where Node's client writes it directly
    (``tickOnSocket``; the agent pooling a free socket and the upgrade
    hand-back clear it): the request keeps its ``socket`` afterwards, which
    :meth:`~OutgoingMessage.detachSocket` would clear."""
    socket._httpMessage = msg


def emitDrain(socket: Any) -> None:
    """The socket drained: its message emits ``'drain'`` if one of its writes
    returned false (Node's ``ondrain`` in ``_http_client.js``, the tail of
    ``socketOnDrain`` in ``_http_server.js``)."""
    msg = getattr(socket, "_httpMessage", None)
    if msg is not None and not msg.finished and msg._needDrain:
        msg._needDrain = False
        msg.emit("drain")


class OutgoingMessage(_Headers, _Base):  # type: ignore[misc, valid-type]
    """Node's ``http.OutgoingMessage``: headers, framing, ``write``/``end``.

    ``ServerResponse`` and ``ClientRequest`` subclass it and implement
    :meth:`_implicitHeader`.  It is a writable stream in Node's sense:
    ``write()`` returns False once output is buffered past the high-water
    mark and ``'drain'`` follows; ``end()`` emits ``'finish'`` once the last
    byte is handed to the socket.
    """

    # Node's internals that its subclasses (_http_server.js, _http_client.js)
    # use on ``this``: on ``self`` only, for tools/check_private_names.py.
    _protected = ("_header", "_headerSent", "_hasBody", "_kOutHeaders", "_storeHeader",
                  "_implicitHeader", "_send", "_writeRaw", "_flush", "_flushOutput",
                  "_finish", "_onFinish", "_last", "_contentLength", "_needDrain",
                  "_onPendingData", "_countsPending", "_removedConnection", "_removedContLen", "_removedTE",
                  "_trailer", "_keepAliveTimeout")

    # Node's per-instance defaults, kept on the class (prototype values).
    _last = False
    chunkedEncoding = False
    shouldKeepAlive = True
    useChunkedEncodingByDefault = True
    sendDate = False
    _removedConnection = False
    _removedContLen = False
    _removedTE = False
    _contentLength: int | None = None
    _hasBody = True
    _trailer = ""
    finished = False
    _headerSent = False
    _header: str | None = None
    _kOutHeaders: dict[str, list] | None = None
    _needDrain = False
    _corked = False
    agent = None
    statusCode: Any = None  # ServerResponse sets 200; a request has none
    writable = True
    socket: Any = None
    connection: Any = None
    _onPendingData: Callable[[int], None] = staticmethod(_noop_pending)  # type: ignore[assignment]
    # True where _onPendingData counts (a subclass's method: the server's
    # responses, Node's updateOutgoingData): checked per buffered write and
    # flush as a flag (ServerResponse sets it on its class), then called as a
    # plain method call (no bound method read through the instance).
    _countsPending = False

    # Output buffered while another message owns the socket (Node's
    # ``output``/``outputCallbacks``/``outputSize``); lists made on first use.
    output: Any = ()
    outputCallbacks: Any = ()
    outputSize = 0
    # Node 16.10/20 (set by the server per response; see http_defaults):
    # Keep-Alive: timeout=N[, max=M] and Connection: close on the last one.
    _keepAliveTimeout = 0
    _maxRequestsPerSocket = 0
    maxRequestsOnConnectionReached = False

    def __init__(self) -> None:
        _Base.__init__(self)

    # -- Node properties --------------------------------------------------------

    @property
    def headersSent(self) -> bool:
        """True once the header block has been written (Node's ``!!this._header``)."""
        return self._header is not None

    @property
    def writableEnded(self) -> bool:
        """True once ``end()`` has been called."""
        return self.finished

    def setKeepAliveHeader(self, keepAliveTimeout: float, maxRequestsPerSocket: int = 0) -> None:
        """Send ``Keep-Alive: timeout=<s>[, max=<n>]`` with ``Connection:
        keep-alive`` (unless the message sets its own ``Keep-Alive``): what
        Node 20's server does by storing ``res._keepAliveTimeout`` and
        ``res._maxRequestsPerSocket``; ours does it with Node 20's defaults."""
        self._keepAliveTimeout = keepAliveTimeout
        self._maxRequestsPerSocket = maxRequestsPerSocket

    @property
    def writableFinished(self) -> bool:
        """Node 12.7+: ``end()`` was called and every byte left for the
        kernel (nothing buffered here or in the socket)."""
        socket = self.socket
        return (self.finished and self.outputSize == 0
                and (socket is None or not getattr(socket, "writableLength", 0)))

    @property
    def outputData(self) -> list[dict]:
        """Node's ``outputData``: buffered writes as ``{'data', 'encoding', 'callback'}``."""
        return [{"data": d, "encoding": None, "callback": c}
                for d, c in zip(self.output, self.outputCallbacks, strict=True)]

    @property
    def _headers(self) -> dict[str, Any]:
        """Node's deprecated ``_headers`` (same as :meth:`getHeaders`)."""
        return self.getHeaders()

    # -- socket ownership -------------------------------------------------------
    # ``socket._httpMessage`` (the message that owns the socket) is written
    # here only: Node's ServerResponse.assignSocket/detachSocket, the one
    # pair every owner change goes through.

    def assignSocket(self, socket: Any) -> None:
        """Make this message the socket's current one (``socket._httpMessage``),
        emit ``'socket'`` and flush the output buffered until now (Node's
        ``ServerResponse.prototype.assignSocket``)."""
        assert getattr(socket, "_httpMessage", None) is None, "socket owned by another message"
        socket._httpMessage = self
        self.socket = socket
        self.connection = socket
        if "socket" in self._events:
            self.emit("socket", socket)
        if self.output:
            self._flush()
        elif self.finished:
            self._finish()

    def detachSocket(self, socket: Any) -> None:
        """Release the socket this message owns (Node's
        ``ServerResponse.prototype.detachSocket``)."""
        assert socket._httpMessage is self, "socket not owned by this message"
        socket._httpMessage = None
        self.socket = None
        self.connection = None

    # -- timeouts and destruction ---------------------------------------------

    def setTimeout(self, msecs: float, callback: Callable | None = None) -> OutgoingMessage:
        """Set the socket's inactivity timeout (once a socket is assigned)."""
        if callback is not None:
            self.on("timeout", callback)
        if self.socket is None:
            self.once("socket", lambda socket: socket.setTimeout(msecs))
        else:
            self.socket.setTimeout(msecs)
        return self

    def destroy(self, error: BaseException | None = None) -> None:
        """Destroy the socket (now, or once one is assigned)."""
        if self.socket is not None:
            self.socket.destroy(error)
        else:
            self.once("socket", lambda socket: socket.destroy(error))

    # -- raw output ---------------------------------------------------------------

    def _send(self, data: Any, encoding: str | None = None,
              callback: Callable | None = None) -> bool:
        """Write ``data`` after the header block; the first call carries the
        headers in the same write (Node's "shameful hack")."""
        if data.__class__ is not bytes:
            data = _to_bytes(data, encoding)
        if not self._headerSent:
            data = self._header.encode("latin-1") + data  # type: ignore[union-attr]
            self._headerSent = True
        return self._writeRaw(data, None, callback)

    def _writeRaw(self, data: Any, encoding: Any = None,
                  callback: Callable | None = None) -> bool:
        """Write to the socket if this message owns it, else buffer in ``output``."""
        if callable(encoding):
            callback = encoding
        if data.__class__ is not bytes:
            data = _to_bytes(data, encoding if isinstance(encoding, str) else None)
        conn = self.connection
        if conn is not None:
            if conn.destroyed:
                # The socket was destroyed; 'close' has not reached us yet.
                return False
            if conn._httpMessage is self and conn.writable:
                if self.output:
                    self._flushOutput(conn)
                elif not data:
                    if callback is not None:
                        _loop.next_tick(callback)
                    return True
                if callback is None:
                    return conn.write(data)
                return conn.write(data, None, callback)
        return self._buffer(data, callback)

    def _buffer(self, data: bytes, callback: Callable | None) -> bool:
        """Keep ``data`` in ``output`` until this message owns the socket (Node's ``_buffer``).

        An empty write's callback joins the entry before it when that one has
        none: :meth:`_flushOutput` would hand both to the socket as one write
        with that callback anyway (``end()``'s ``'finish'`` callback, usually).
        """
        output = self.output
        n = len(data)
        if not output:
            # (Nothing buffered: outputSize is 0, _flushOutput's invariant.)
            self.output = [data]
            self.outputCallbacks = [callback]
            self.outputSize = n
        else:
            if data or self.outputCallbacks[-1] is not None:
                output.append(data)
                self.outputCallbacks.append(callback)
            else:
                self.outputCallbacks[-1] = callback
            self.outputSize += n
        if self._countsPending:
            self._onPendingData(n)
        # Node 10 returns false here: a write before the message owns its
        # socket asks for 'drain' (Node 12+ compares outputSize with the
        # high-water mark instead).
        return False

    def _flush(self) -> None:
        """Write buffered output to the newly assigned socket (Node's ``_flush``)."""
        socket = self.socket
        if socket is not None and socket.writable:
            ret = self._flushOutput(socket)
            if self.finished:
                # A queue to the server or client to bring in the next message
                # (as in end(): only when _finish has something to do).
                if "prefinish" in self._events or self.__class__._finish is not _baseFinish:
                    self._finish()
            elif ret:
                # Necessary to prevent https from breaking.
                self.emit("drain")

    def _flushOutput(self, socket: Any) -> Any:
        """Hand all of ``output`` to ``socket`` (joined into one write when possible)."""
        output = self.output
        if not output:
            return None
        callbacks = self.outputCallbacks
        self.output = ()
        self.outputCallbacks = ()
        size = self.outputSize
        self.outputSize = 0
        counts = self._countsPending
        if len(output) == 1:  # the usual case: a request's head (and body), a queued response
            data = output[0]
            cb = callbacks[0]
            if cb is not None:
                if data and counts and cb == self._onFinish:
                    # A queued message's last bytes and its 'finish' (end()'s
                    # buffered entry): written without a callback (the
                    # socket's direct path), then 'finish' queued with
                    # nextTick -- where the write's afterWrite would call it
                    # when the write completed at once (an afterWrite still
                    # due for 'drain' is queued by the write, before it).
                    # Bytes still in the socket: the callback follows them.
                    # A server's response only (_countsPending): a client's
                    # socket may be connecting, its write's callback is due
                    # before 'connect' (conformance client_event_order).
                    ret = socket.write(data)
                    if socket.writableLength:
                        socket.write(_EMPTY, None, cb)
                    else:
                        _next_tick(cb)
                else:
                    ret = socket.write(data, None, cb)
            else:
                ret = socket.write(data) if data else None
        else:
            ret = None
            pending = _EMPTY
            for data, cb in zip(output, callbacks, strict=True):
                pending += data
                if cb is not None:
                    ret = socket.write(pending, None, cb)
                    pending = _EMPTY
            if pending:
                ret = socket.write(pending)
        if counts:
            self._onPendingData(-size)
        return ret

    # -- header block -------------------------------------------------------------

    def _implicitHeader(self) -> None:
        """Write the default header block; each subclass supplies it (a bare
        OutgoingMessage emits ``'error'`` ERR_METHOD_NOT_IMPLEMENTED, as Node 10)."""
        self.emit("error", codes.ERR_METHOD_NOT_IMPLEMENTED("_implicitHeader()"))

    # -- body -----------------------------------------------------------------------

    def write(self, chunk: Any, encoding: Any = None, callback: Callable | None = None) -> bool:
        """Write a body chunk; False means "buffered past the high-water mark,
        wait for ``'drain'``" (Node's back-pressure)."""
        if callable(encoding):
            callback = encoding
            encoding = None
        ret = self._write_(chunk, encoding, callback, False)
        if not ret:
            self._needDrain = True
        return ret

    def _write_(self, chunk: Any, encoding: str | None, callback: Callable | None,
                fromEnd: bool) -> bool:
        if self.finished:
            err = codes.ERR_STREAM_WRITE_AFTER_END()
            _loop.next_tick(self._writeAfterEndNT, err, callback)
            return True
        if self._header is None:
            self._implicitHeader()
            if self._header is None:  # a bare OutgoingMessage: 'error' was emitted
                return not chunk  # Node 10: true for an empty chunk, else buffered (false)
        if not self._hasBody:
            # This type of response MUST NOT have a body: write() is ignored.
            return True
        if chunk.__class__ is not bytes:
            chunk = _to_bytes(chunk, encoding)
        if not chunk:
            # An empty write does nothing; the caller may keep writing.
            return True
        if not fromEnd:
            conn = self.connection
            if conn is not None and not self._corked:
                # Node: writes of one tick leave in one batch (and their
                # callbacks come after anything queued with nextTick now).
                conn.cork()
                self._corked = True
                _loop.next_tick(self._connectionCorkNT, conn)
        if self.chunkedEncoding:
            chunk = b"%x\r\n%b\r\n" % (len(chunk), chunk)
        return self._send(chunk, None, callback)

    def _connectionCorkNT(self, conn: Any) -> None:
        self._corked = False
        conn.uncork()

    def _writeAfterEndNT(self, err: BaseException, callback: Callable | None) -> None:
        self.emit("error", err)
        if callback is not None:
            callback(err)

    def end(self, chunk: Any = None, encoding: Any = None,
            callback: Callable | None = None) -> OutgoingMessage:
        """Finish the message (optionally writing a last chunk); returns self.

        When the whole body is given here and no header was sent yet, it is
        framed with ``Content-Length``; ``'finish'`` follows once the last
        byte is handed to the socket.
        """
        if chunk.__class__ is bytes:
            if encoding is not None and callable(encoding):
                callback = encoding
                encoding = None
        elif callable(chunk):
            callback = chunk
            chunk = None
        elif callable(encoding):
            callback = encoding
            encoding = None
        if self.finished:
            return self
        if chunk is not None and (chunk.__class__ is not bytes or chunk):
            if chunk.__class__ is str:
                chunk = _encode(chunk, encoding)  # _to_bytes's first case, one frame less
            elif chunk.__class__ is not bytes:
                chunk = _to_bytes(chunk, encoding)
            if self._header is None:
                self._contentLength = len(chunk)
                self._implicitHeader()
                if self._header is None:  # a bare OutgoingMessage: 'error' was emitted
                    self.finished = True
                    return self
            if not chunk or not self._hasBody:
                chunk = _EMPTY
            elif self.chunkedEncoding:
                body = chunk  # framed once, below, with whatever goes with it
                chunk = None
        else:
            chunk = _EMPTY
            if self._header is None:
                self._contentLength = 0
                self._implicitHeader()
                if self._header is None:  # a bare OutgoingMessage: 'error' was emitted
                    self.finished = True
                    return self

        if callback is not None:
            self.once("finish", callback)

        if self._hasBody and self.chunkedEncoding:
            conn = self.connection
            owned = (not self._headerSent and not self._trailer and conn is not None
                     and conn._httpMessage is self and not self.output
                     and conn.writable and not conn.destroyed)
            if owned:
                # The whole response leaves in this end() (nothing was written
                # before): header block, the one chunk and the terminator in one
                # buffer and one socket.write, then 'finish' on the next tick --
                # the owned path of the non-chunked branch below, and the order
                # Node's _send + _writeRaw(terminator, onFinish) give.
                head = self._header.encode("latin-1")  # type: ignore[union-attr]
                self._headerSent = True
                if chunk is None:
                    conn.write(b"".join((head, b"%x\r\n" % len(body), body, _CRLF_LAST)))
                else:
                    conn.write(head + _LAST_CHUNK)
                _next_tick(self._onFinish)  # 'finish' on the next tick
            else:
                if chunk is None:
                    chunk = b"%x\r\n%b\r\n" % (len(body), body)
                if self._trailer:
                    chunk += b"0\r\n" + self._trailer.encode("latin-1") + _CRLF
                else:
                    chunk += _LAST_CHUNK
                # Last chunk, terminator and (if not sent yet) the header block
                # in one write; 'finish' once the socket took it (Node's order).
                self._send(chunk, None, self._onFinish)
        else:
            conn = self.connection
            owned = (conn is not None and conn._httpMessage is self and not self.output
                     and not conn.destroyed and conn.writable)
            if chunk:
                if owned or conn is None:
                    # _send + _writeRaw, inlined for the common cases.
                    if not self._headerSent:
                        chunk = self._header.encode("latin-1") + chunk  # type: ignore[union-attr]
                        self._headerSent = True
                    if owned:
                        conn.write(chunk)
                    else:
                        # Queued behind another response: the body and 'finish'
                        # are one buffered entry (_flushOutput joins the two writes).
                        self._buffer(chunk, self._onFinish)
                else:
                    self._send(chunk, None, None)
            # Node's "force a flush": with nothing left to write, 'finish'
            # follows on the next tick (else once the socket took the bytes).
            if owned and self._headerSent and not conn.destroyed:
                # _writeRaw(b'', cb), inlined: 'finish' on the next tick.
                _next_tick(self._onFinish)
            elif chunk and conn is None:
                pass  # buffered with the body above
            elif self._headerSent:
                self._writeRaw(_EMPTY, None, self._onFinish)
            else:
                self._send(_EMPTY, None, self._onFinish)
        self.finished = True

        # The first message on the outgoing queue, and everything is with the
        # socket (owned: known above; nothing in between changes ownership).
        if owned or (not self.output and conn is not None and conn._httpMessage is self):
            # _finish() only when it has something to do: a 'prefinish'
            # listener, or a subclass's own _finish (ClientRequest's).
            if "prefinish" in self._events or self.__class__._finish is not _baseFinish:
                self._finish()
        return self

    def _onFinish(self, *args: Any) -> None:
        """The last write completed: emit ``'finish'`` (Node's ``onFinish``)."""
        socket = self.socket
        if socket is not None and hadError(socket):
            return
        if "finish" in self._events:
            self.emit("finish")

    def _finish(self) -> None:
        """Everything is with the socket: emit ``'prefinish'``."""
        if "prefinish" in self._events:
            self.emit("prefinish")

    def addTrailers(self, headers: Any = None) -> None:
        """Set trailing headers, sent after a chunked body (dropped otherwise).

        ``None`` (omitted) raises JavaScript's TypeError for ``Object.keys(undefined)``.
        """
        trailer = ""
        if headers is None:
            raise NodeTypeError("Cannot convert undefined or null to object")
        items = headers if isinstance(headers, (list, tuple)) else headers.items()
        for field, value in items:
            if not isinstance(field, str) or not field or not checkIsHttpToken(field):
                raise codes.ERR_INVALID_HTTP_TOKEN("Trailer name", field)
            if checkInvalidHeaderChar(value):
                raise codes.ERR_INVALID_CHAR("trailer content", field)
            trailer += field + ": " + js_string(value) + "\r\n"
        self._trailer = trailer

    def flushHeaders(self) -> None:
        """Send the header block now, without waiting for the first body chunk."""
        if self._header is None:
            self._implicitHeader()
        # Force-flush the headers.
        self._send(_EMPTY)

    # Node's deprecated alias.
    flush = flushHeaders

    def pipe(self, *args: Any) -> None:
        """An OutgoingMessage is not readable: piping from it is an error."""
        self.emit("error", codes.ERR_STREAM_CANNOT_PIPE())


#: OutgoingMessage's own ``_finish`` (end() skips calling it when it would do nothing).
_baseFinish = OutgoingMessage._finish
