"""Node's ``net.Socket`` (``lib/net.js``): a Duplex over a handle
(:mod:`nodehttp.net.handle`), plus ``connect``/``createConnection``.

Invariant: :meth:`Socket._write` / :meth:`Socket._writev` are the one place
in nodehttp that writes bytes to a socket; ``'close'`` (hadError) is emitted
when the handle has really closed, after ``'error'``, as Node's handle-close
callback does."""

from __future__ import annotations

import asyncio
import socket as _socket
import weakref
from typing import TYPE_CHECKING, Any, Callable

from .. import loop as _loop
from ..errors import NodeError, NodeTypeError, codes, invalid_arg_type
from ..stream import Duplex, ReadableState, Writable, WritableState
from ..stream import nop as _stream_nop
from ..stream import write_in_flight as _write_in_flight
from ..debuglog import debuglog
from ..events import installAll as _installAll
from ..timers import TIMEOUT_MAX, Timeout
from ..timers import reschedule as _reschedule
from .address import _normalize_args, _SocketAddresses
from .socket_connect import _SocketConnect
from .handle import (
    _FIRST,
    _MORE,
    _errno_exception,
    _socket_closed,
    _SocketProtocol,
)


debug = debuglog("net")
_INF = float("inf")


class _OnReadableStreamEnd(weakref.ref):
    """Node's ``onReadableStreamEnd``, the first ``'end'`` listener of a
    socket: calls its socket's ``_onReadableStreamEnd``.  It refers to the
    socket weakly, so a socket is not in a reference cycle through its own
    listeners: once closed and dropped it is freed at once, without the
    garbage collector (a bound method would hold the socket)."""

    __slots__ = ()

    def __call__(self) -> None:  # type: ignore[override]
        socket = weakref.ref.__call__(self)
        if socket is not None:
            socket._onReadableStreamEnd()

    def __repr__(self) -> str:
        return "<onReadableStreamEnd>"


class _WriteAfterFIN(weakref.ref):
    """Node's ``writeAfterFIN``, a socket's ``write`` once the peer has ended
    (and half-open is not allowed): its socket's ``_writeAfterFIN``, held
    weakly for the same reason as :class:`_OnReadableStreamEnd`."""

    __slots__ = ()

    def __call__(self, chunk: Any, encoding: Any = None,  # type: ignore[override]
                 cb: Callable | None = None) -> bool:
        socket = weakref.ref.__call__(self)
        return socket._writeAfterFIN(chunk, encoding, cb) if socket is not None else False

    def __repr__(self) -> str:
        return "<writeAfterFIN>"


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from ..event_overloads import NetSocketBase as _SocketBase
else:
    _SocketBase = Duplex


class Socket(_SocketConnect, _SocketAddresses, _SocketBase):
    """Node's ``net.Socket``: a TCP or unix-domain stream socket (a Duplex).

    ``Socket(options)`` with Node's options ``allowHalfOpen`` (default False:
    when the peer ends, we end too), ``readable``/``writable``.  Connect
    with :meth:`connect` or :func:`createConnection`; a server hands accepted
    sockets to its ``'connection'`` listeners.  Events: ``'lookup'``,
    ``'connect'``, ``'ready'``, ``'data'``, ``'end'``, ``'drain'``,
    ``'timeout'``, ``'error'``, ``'close'`` (hadError).
    """

    # Node's internals that tls.TLSSocket (a subclass, _tls_wrap.js) uses on
    # ``this``: on ``self`` only (tools/check_private_names.py).
    _protected = ("_handle", "_afterConnect", "_getpeername", "_releaseTransport")
    # Called on another socket by its Node counterpart's caller.
    _internal = {"_releaseTransport": "_tls_wrap.js TLSSocket._wrapHandle, tls.connect "
                                      "and tlsConnectionListener (the TLS socket takes "
                                      "over the net socket's handle)"}

    def __init__(self, options: Any = None) -> None:
        if options is None:
            options = {}
        elif isinstance(options, int) and not isinstance(options, bool):
            raise NodeTypeError("net.Socket({fd}) is not supported by nodehttp",
                                "ERR_INVALID_ARG_TYPE")
        elif not isinstance(options, dict):
            raise invalid_arg_type("options", "object", options)
        handle = options.get("handle")
        self._setup(handle, bool(options.get("allowHalfOpen")))
        if handle is not None:
            self.readable = options.get("readable") is not False
            self.writable = options.get("writable") is not False
            if options.get("pauseOnCreate"):
                # Stop the handle from reading and pause the stream.
                handle.readStop()
                self._readableState.flowing = False
            elif self.readable:
                self.read(0)
        else:
            # These will be set once there is a connection.
            self.readable = self.writable = False

    def _setup(self, handle: _SocketProtocol | None, allowHalfOpen: bool,
               server: Any = None) -> None:
        # The constructor's state, shared with Server._onconnection's accept
        # path (*server*: the accepting server, in one call per connection).
        # Duplex.__init__(self, {allowHalfOpen: true, emitClose: false}), inlined:
        # default states with emitClose off, no option hooks to look up.
        r = self._readableState = ReadableState(None, self, True)
        w = self._writableState = WritableState(None, self, True)
        r.emitClose = w.emitClose = False
        # Shut down the socket when we're finished with it: the first 'end'
        # listener (Node's constructor adds it; written into the fresh
        # storage, nobody can listen for 'newListener' yet; the arity, 0, is
        # pinned by tests/test_shortcuts.py).
        self._events = {}
        self._maxListeners = None
        _installAll(self, (("end", _OnReadableStreamEnd(self), 0),))
        # (The private fields' initial values are class attributes, below.)
        self.connecting = False
        self.timeout = 0
        self.server: Any = server
        self._server: Any = server
        self.allowHalfOpen = allowHalfOpen
        self._handle: _SocketProtocol | None = handle
        if handle is not None:
            handle.owner = self
            handle.updateRef()
        if server is not None:
            # The rest of new Socket({handle, allowHalfOpen, pauseOnCreate})
            # for Server._onconnection: a connected socket, reading unless paused.
            self.readable = self.writable = True
            if server.pauseOnConnect:
                handle.readStop()  # type: ignore[union-attr]
                r.flowing = False
            else:
                # this.read(0) on a fresh state whose handle is reading: it only
                # marks the Readable as reading and wanting a 'readable'.
                r.reading = r.needReadable = True
                r.sync = False

    # A new socket's private fields: class attributes until first assigned
    # (no per-socket writes of the initial values at accept).
    _hadError = False
    _host: str | None = None
    _peername: dict | None = None
    _sockname: dict | None = None
    _pendingData: Any = None
    _pendingEncoding = ""
    _timer: Timeout | None = None
    _ondata: Callable[[bytes], None] | None = None
    _onend: Callable[[], None] | None = None
    _refed = True
    _bytesRead = 0
    _bytesWritten = 0
    #: (enable, delay in s) of the last setKeepAlive that reached the socket
    _keepAliveSetting: tuple[bool, int] | None = None

    # -- reading -------------------------------------------------------------------

    def _read(self, n: int) -> None:
        """Start reading from the transport (Node: ``handle.readStart()``)."""
        h = self._handle
        if self.connecting or h is None:
            self.once("connect", lambda: self._read(n))
        elif not h.reading:
            h.readStart()

    def _pauseReading(self) -> None:
        """Stop reading from the transport (idempotent): the consumer's back-pressure."""
        h = self._handle
        if h is not None:
            h.readStop()

    def _resumeReading(self) -> None:
        """Start reading from the transport again (idempotent)."""
        h = self._handle
        if h is not None:
            h.readStart()

    @property
    def _readingPaused(self) -> bool:
        """True while reading from the transport is stopped (back-pressure)."""
        h = self._handle
        return h is not None and not h.reading

    def _releaseTransport(self) -> Any:
        """Give the connected transport up to a protocol that wraps it (tls).

        Returns it (None when there is none) and forgets it: this socket no
        longer reads, writes or closes it, and its destroy() completes at once.
        """
        h = self._handle
        if h is None or h.transport is None or h.lost:
            return None
        t = h.transport
        h.transport = None
        return t

    def _onEOF(self) -> None:
        # Node's onread with UV_EOF: the consumer first, then end the Readable.
        onend = self._onend
        if onend is not None:
            onend()
            if self.destroyed:
                # The consumer stands for Node's first 'end' listener: its
                # destroy() does not keep that same emit from the listeners
                # added after it (the user's socket.on('end')).
                state = self._readableState
                if not state.endEmitted:
                    state.ended = state.endEmitted = True
                    self.readable = False
                    self.emit("end")
                return
        if self.destroyed:
            return
        self.push(None)
        self.read(0)

    def _onHandleLost(self, exc: BaseException | None, wrote: bool = False) -> None:
        # The transport closed without destroy(): a reset or an I/O error
        # (*wrote*: the handle saw a write fail).
        if self.destroyed:
            return
        err = None
        if exc is not None:
            syscall = "write" if wrote or isinstance(exc, BrokenPipeError) else "read"
            err = _errno_exception(exc, syscall)
        self.destroy(err)

    def _onHandleFailed(self, h: _SocketProtocol, exc: BaseException) -> None:
        # The transport failed (uvloop reports a failed write only at the next
        # turn) and destroy() closed it meanwhile: the error Node reported at
        # the failed call, then 'close' with hadError.
        syscall = "write" if isinstance(exc, BrokenPipeError) or h.eof or h.failed == "write" else "read"
        self.emit("error", _errno_exception(exc, syscall))
        self._emitClose(h, True)

    # -- writing -------------------------------------------------------------------

    def write(self, chunk: Any, encoding: Any = None, cb: Callable | None = None) -> bool:
        """Node's ``socket.write(data[, encoding][, callback])`` (Writable.write).

        A Buffer written with no callback to a connected, idle socket (nothing
        buffered, writing or ending; below highWaterMark) goes straight to
        ``_write``: Writable.write's bookkeeping for it would net to nothing
        (the write completes synchronously, and its afterWrite has nothing to
        do; see stream._onwrite).  If the transport asks to pause during the
        write, the write becomes an ordinary one in flight.
        """
        if chunk.__class__ is bytes and cb is None and encoding is None:
            state = self._writableState
            h = self._handle
            if (h is not None and h.transport is not None and not h.writePaused
                    and not (state.writing or state.corked or state.ending or state.destroyed
                             or state.length or state.needDrain)
                    and len(chunk) < state.highWaterMark):
                self._write(chunk, "buffer", _stream_nop)
                if h.heldCb is _stream_nop:
                    # Paused by this write: in flight until resume_writing.
                    h.heldCb = _write_in_flight(self, state, len(chunk))
                return True
        return Writable.write(self, chunk, encoding, cb)

    def _write(self, data: Any, encoding: str, cb: Callable) -> None:
        """Hand ``data`` to the transport: the one place bytes are written."""
        h = self._handle
        # While connecting the handle has no transport yet.
        t = h.transport if h is not None else None
        if t is None:
            self._writeSlow(False, data, encoding, cb)
            return
        if data.__class__ is not bytes:
            data = data.encode(encoding) if isinstance(data, str) else bytes(data)
        wbuf = h.wbuf
        if wbuf is None:
            t.write(data)
            if t.is_closing():
                # The send failed (uvloop closes the transport there; it
                # reports the errno only in connection_lost): the error
                # that comes is this write's.  (In a read callback,
                # data_received finds it out after the callback.)
                h.failed = "write"
        elif wbuf is _FIRST:  # the first write of a read callback goes out at once
            t.write(data)
            h.wbuf = _MORE
        else:
            h.batchWrite(data)
        h.bytesWritten += len(data)
        if not h.refed:  # inactive (not reading): pending bytes make it active
            h.updateRef()
        t = self._timer
        if t is not None and wbuf is None:
            # (Inside a read callback -- wbuf set -- data_received refreshed it
            # this loop turn: the same time, libuv's cached "now" Node uses.)
            t.refresh()
        if h.writePaused:
            h.heldCb = cb
        elif cb is not _stream_nop:  # (write()'s direct path: nothing to call back)
            cb()

    def _writev(self, chunks: list, cb: Callable) -> None:
        """Hand several buffered chunks to the transport at once (``writelines``)."""
        h = self._handle
        if h is None or h.transport is None:
            self._writeSlow(True, chunks, "", cb)
            return
        data = [r.chunk if r.chunk.__class__ is bytes else
                (r.chunk.encode(r.encoding) if isinstance(r.chunk, str) else bytes(r.chunk))
                for r in chunks]
        h.flushWrites()
        t = h.transport
        t.writelines(data)
        if t.is_closing():  # the send failed: see _write
            h.failed = "write"
        h.bytesWritten += sum(map(len, data))
        if not h.refed:
            h.updateRef()
        t = self._timer
        if t is not None:
            t.refresh()
        if h.writePaused:
            h.heldCb = cb
        else:
            cb()

    def _writeSlow(self, writev: bool, data: Any, encoding: str, cb: Callable) -> None:
        # Node's _writeGeneric: buffer while connecting, fail when closed.
        if self.connecting:
            self._pendingData = data
            self._pendingEncoding = encoding

            def onconnect() -> None:
                self._pendingData = None
                self._pendingEncoding = ""
                if writev:
                    self._writev(data, cb)
                else:
                    self._write(data, encoding, cb)

            self.once("connect", onconnect)
            return
        self._pendingData = None
        self.destroy(_socket_closed(), cb)

    def _final(self, cb: Callable) -> None:
        """After ``end()`` and the last write: half-close (Node's shutdown)."""
        if self.connecting:  # (Node: this.pending && this.connecting; connecting implies pending)
            self.once("connect", lambda: self._final(cb))
            return
        # libuv performs a shutdown request on the next turn of the loop (once
        # the write queue has drained) and calls back right after the syscall:
        # doing the same keeps Node's order between this socket's 'finish' /
        # 'close' and what its peer reads meanwhile.
        _loop.get_loop().call_soon(_loop.entry, self._shutdown, cb)

    def _shutdown(self, cb: Callable) -> None:
        h = self._handle
        if h is None or h.transport is None:
            # Node 10: a socket destroyed before its shutdown never finishes
            # (no 'prefinish'/'finish' after destroy()).
            if not self.destroyed:
                cb()
            return
        h.flushWrites()
        t = h.transport
        try:
            if t.can_write_eof():
                t.write_eof()
        except (OSError, RuntimeError) as exc:
            self.destroy(_errno_exception(exc, "shutdown"))
            return
        cb()
        # afterShutdown: the callback may have destroyed the socket.
        if self.destroyed:
            return
        if not self.readable or self._readableState.ended:
            self.destroy()

    def end(self, data: Any = None, encoding: Any = None, callback: Callable | None = None) -> Socket:
        """Half-close: write ``data`` if given, then send FIN once everything is written."""
        Duplex.end(self, data, encoding, callback)
        return self

    def destroySoon(self) -> None:
        """End the writable side, and destroy once it has finished."""
        if self.writable:
            self.end()
        if self._writableState.finished:
            self.destroy()
        else:
            self.once("finish", self.destroy)

    def _onReadableStreamEnd(self) -> None:
        # Node: called when 'end' is emitted.
        if not self.allowHalfOpen:
            self.write = _WriteAfterFIN(self)  # type: ignore[method-assign]
            if self.writable:
                self.end()
        _maybeDestroy(self)

    def _writeAfterFIN(self, chunk: Any, encoding: Any = None, cb: Callable | None = None) -> bool:
        if callable(encoding):
            cb = encoding
        er = NodeError("This socket has been ended by the other party", "EPIPE")
        _loop.next_tick(self.emit, "error", er)
        if callable(cb):
            _loop.next_tick(cb, er)
        return False

    # -- destroy ---------------------------------------------------------------------

    def _destroy(self, exception: BaseException | None, cb: Callable) -> None:
        """Close the handle; ``'close'`` (hadError) follows once the OS has closed it."""
        debugging = debug.enabled
        if debugging:
            debug("destroy")
        self.connecting = False
        self.readable = self.writable = False
        timer = self._timer
        if timer is not None:
            # Node's clearTimeout(this[kTimeout]); a later setTimeout() makes a
            # new one, as Node does.  Dropping both references this socket holds
            # back to itself (the timer's callback, the Writable's bound onwrite)
            # leaves fewer objects for the garbage collector.
            self._timer = None
            timer.close()
        self._writableState.onwrite = None  # made again by a later write
        h = self._handle
        if h is not None:
            self._bytesRead = h.bytesRead
            self._bytesWritten = h.bytesWritten
            h.close(self._emitClose, self._writableState.finalCalled, exception is not None)
            self._handle = None
            self._sockname = None
        cb(exception)
        server = self._server
        if server is not None:
            server._connections -= 1
            # Server._emitCloseIfDrained, unless all it would do is a debug line.
            if debugging or server._handle is None and not server._connections:
                server._emitCloseIfDrained()

    def _emitClose(self, h: _SocketProtocol, hadError: bool) -> None:
        h.unref()
        self.emit("close", hadError)

    # -- connect (the rest of it: .socket_connect) ---------------------------------------

    def connect(self, *args: Any) -> Socket:
        """Node's ``socket.connect(options[, cb])`` / ``(port[, host][, cb])`` / ``(path[, cb])``.

        Options: ``port``, ``host`` (default ``'localhost'``), ``path`` (unix
        socket), ``localAddress``, ``localPort``, ``family`` (4/6), ``timeout``.
        """
        options, cb = _normalize_args(args)
        if self.write.__class__ is _WriteAfterFIN:
            del self.write  # writeAfterFIN from a previous connection
        if self.destroyed:
            self._undestroy()
            self._handle = None
            self._peername = None
            self._sockname = None
        path = options.get("path")
        pipe = bool(path)
        if self._handle is None:
            self._handle = _SocketProtocol(self)
            self._handle.isPipe = pipe
        if cb is not None:
            self.once("connect", cb)
        timeout = options.get("timeout")
        if timeout:
            self.setTimeout(timeout)
        self.connecting = True
        self.writable = True
        if pipe:
            if not isinstance(path, str):
                raise codes.ERR_INVALID_ARG_TYPE("options.path", "string", path)
            self._handle.connecting = True  # the connect starts: the handle is active
            self._handle.wantRef = self._refed
            self._handle.updateRef()
            self._handle.task = asyncio.ensure_future(
                self._connectPipe(self._handle, path), loop=_loop.get_loop())
        else:
            self._lookupAndConnect(options)
        return self

    # -- options and state --------------------------------------------------------------

    def setTimeout(self, msecs: Any = None, callback: Callable | None = None) -> Socket:
        """Emit ``'timeout'`` after ``msecs`` ms of inactivity (0 disables).

        The timer does not keep the process alive; the socket is not closed
        for you, as in Node.
        """
        if isinstance(msecs, bool) or not isinstance(msecs, (int, float)):
            raise codes.ERR_INVALID_ARG_TYPE("msecs", "number", msecs)
        if msecs < 0 or msecs != msecs or msecs == _INF:
            raise codes.ERR_OUT_OF_RANGE("msecs", "a non-negative finite number", msecs)
        self.timeout = msecs
        timer = self._timer
        if msecs == 0:
            if timer is not None:
                timer.close()
            if callback is not None:
                self.removeListener("timeout", callback)
        else:
            if msecs < 1:
                msecs = 1
            if timer is None and msecs <= TIMEOUT_MAX:
                # Node's setUnrefTimeout: armed and unref'd in one call.
                self._timer = Timeout(self._onTimeout, msecs, (), False, True, False)
            else:
                if timer is None:
                    timer = self._timer = Timeout(self._onTimeout, msecs, (), False, False)
                    timer.unref()
                _reschedule(timer, msecs)
            if callback is not None:
                self.once("timeout", callback)
        return self

    def _onTimeout(self) -> None:
        self.emit("timeout")

    def _sock(self) -> Any:
        h = self._handle
        if h is None or h.transport is None:
            return None
        h.flushWrites()  # socket options (Nagle) apply to the bytes written before
        return h.transport.get_extra_info("socket")

    def setNoDelay(self, noDelay: bool = True) -> Socket:
        """Disable (True, the default here) or enable Nagle's algorithm."""
        if self._handle is None or self.connecting:
            self.once("connect", lambda: self.setNoDelay(noDelay))
            return self
        sock = self._sock()
        if sock is not None and sock.family in (_socket.AF_INET, _socket.AF_INET6):
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1 if noDelay else 0)
        return self

    def setKeepAlive(self, enable: bool = False, initialDelay: float = 0) -> Socket:
        """Turn TCP keep-alive on/off; ``initialDelay`` ms before the first probe."""
        if self._handle is None or self.connecting:
            self.once("connect", lambda: self.setKeepAlive(enable, initialDelay))
            return self
        delay = int((initialDelay or 0) // 1000)
        setting = (bool(enable), delay)
        if setting == self._keepAliveSetting:
            return self  # already so: the syscalls would change nothing (an agent's pooling)
        sock = self._sock()
        if sock is not None and sock.family in (_socket.AF_INET, _socket.AF_INET6):
            sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_KEEPALIVE, 1 if enable else 0)
            if enable and delay > 0 and hasattr(_socket, "TCP_KEEPIDLE"):
                sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_KEEPIDLE, delay)
        if self._handle.transport is not None:
            # Its socket never changes: without TCP the call is a no-op for
            # good (Node's Pipe handle has no setKeepAlive).
            self._keepAliveSetting = setting
        return self

    def ref(self) -> Socket:
        """Let the socket keep the process alive while it is active (the default).

        Active is libuv's rule: connecting, reading (not paused, no EOF yet),
        with unsent bytes, or closing — an idle half-open or paused socket
        does not keep the process alive, as in Node.
        """
        self._refed = True
        h = self._handle
        if h is not None:
            h.wantRef = True
            h.updateRef()
        return self

    def unref(self) -> Socket:
        """Let the process exit even while this socket is active."""
        self._refed = False
        h = self._handle
        if h is not None:
            h.wantRef = False
            h.updateRef()
        return self

    @property
    def bytesRead(self) -> int:
        """Bytes received so far."""
        h = self._handle
        return h.bytesRead if h is not None else self._bytesRead

    @property
    def bytesWritten(self) -> int:
        """Bytes written so far, including those still buffered (as Node counts)."""
        h = self._handle
        n = h.bytesWritten if h is not None else self._bytesWritten
        for r in self._writableState.bufferedRequests:
            c = r.chunk
            n += len(c) if not isinstance(c, str) else len(c.encode(r.encoding or "utf8"))
        data = self._pendingData
        if isinstance(data, list):
            for r in data:
                n += len(r.chunk)
        elif data is not None:
            n += len(data)
        return n

    @property
    def _bytesDispatched(self) -> int:
        h = self._handle
        return h.bytesWritten if h is not None else self._bytesWritten

    @property
    def bufferSize(self) -> int | None:
        """Bytes queued for writing: the transport's buffer plus the Writable's."""
        h = self._handle
        if h is None:
            return None
        t = h.transport
        if t is None:
            return self._writableState.length
        h.flushWrites()
        return t.get_write_buffer_size() + self._writableState.length

    @property
    def pending(self) -> bool:
        """True until the socket is connected."""
        return self._handle is None or self.connecting

    @property
    def _connecting(self) -> bool:
        return self.connecting

    @property
    def readyState(self) -> str:
        """``'opening'``, ``'open'``, ``'readOnly'``, ``'writeOnly'`` or ``'closed'``."""
        if self.connecting:
            return "opening"
        if self.readable and self.writable:
            return "open"
        if self.readable and not self.writable:
            return "readOnly"
        if not self.readable and self.writable:
            return "writeOnly"
        return "closed"

    def __repr__(self) -> str:
        return f"<net.Socket {self.readyState} {self._getpeername() or ''}>"


#: Node's legacy name.
Stream = Socket


def readStart(socket: Any) -> None:
    """Node's ``readStart(socket)`` (``_http_incoming.js``) for an HTTP
    consumer of the socket: reading from the transport resumes (idempotent).
    Node resumes the stream; here the handle reads again, below the stream's
    flowing state (see :mod:`nodehttp.net`).  A socket of another kind is
    left as it is."""
    if isinstance(socket, Socket):
        socket._resumeReading()


def readStop(socket: Any) -> None:
    """Node's ``readStop(socket)``: the HTTP consumer's back-pressure, the
    handle stops reading (idempotent).  Other kinds of socket: left as is."""
    if isinstance(socket, Socket):
        socket._pauseReading()


def _maybeDestroy(socket: Socket) -> None:
    if (not socket.readable and not socket.writable and not socket.destroyed
            and not socket.connecting and not socket.writableLength):
        socket.destroy()




# -- Server ------------------------------------------------------------------------------


