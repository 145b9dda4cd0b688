"""Node's ``net`` module: :class:`Socket` (a Duplex over an asyncio Protocol) and :class:`Server`.

Invariant kept here: :meth:`Socket._write` / :meth:`Socket._writev` are the
one place in nodehttp that writes bytes to a socket, and every asyncio
callback into this module (``connection_made``, ``data_received``,
``eof_received``, ``connection_lost``, ``pause_writing``/``resume_writing``)
is an *entry* (guarded, nextTick queue drained), inlined on the data path.
The structure is Node v10's ``lib/net.js``: the asyncio protocol object plays
the role of the libuv handle (``socket._handle``), ``'close'`` (hadError) is
emitted when the handle has really closed (``connection_lost``), after
``'error'``, as Node's handle-close callback does.

Seams for protocol consumers (the HTTP server and client):

``socket._ondata: Callable[[bytes], None] | None``
    When set, ``data_received`` calls it with each chunk (after counting
    ``bytesRead`` and refreshing the inactivity timer) and does **not** push
    into the Readable side.  When ``None`` (the default, and after an
    upgrade/CONNECT hands the socket back), chunks are ``push()``-ed into the
    Readable; a ``False`` from ``push`` pauses the transport until ``_read``.
    The consumer that clears it pushes nothing itself: the bytes it already
    got (``head``) are handed to the user separately.
``socket._onend: Callable[[], None] | None``
    Called first on EOF from the peer, before the Readable side ends
    (``push(None)``, then ``'end'`` as in Node).  With ``allowHalfOpen``
    False, ``'end'`` then ends the writable side (Node's
    ``onReadableStreamEnd``).
``socket._pauseReading()`` / ``socket._resumeReading()``
    Stop/start reading from the transport (idempotent; Node's
    ``handle.readStop()``/``readStart()``), for the consumer's back-pressure;
    ``socket._readingPaused`` tells which.  Bytes uvloop still hands over
    right after ``connection_made`` while paused are kept and replayed (as
    ``_ondata`` calls or pushes) once reading resumes.
Writes
    ``socket.write(data)`` → Writable → ``_write`` → ``transport.write``.
    The write callback is called synchronously (the Writable defers it with
    nextTick) unless the transport asked us to pause writing; then it is held
    until ``resume_writing``.  That is how ``write()`` returning False and
    ``'drain'`` reach users.  Writes made while one ``data_received``
    callback runs leave in at most two transport writes (the first at once,
    the rest batched until the callback ends), as long as the transport
    stays under its high-water mark; see :class:`_SocketProtocol`.

``'connection'`` is emitted synchronously inside ``connection_made``, so a
``'connection'`` listener can set ``_ondata`` before the first byte arrives.

Differences from Node, on purpose: sockets start with ``TCP_NODELAY`` on
(uvloop's and asyncio's default; Node >= 17's http default too) —
``setNoDelay(False)`` turns Nagle back on.  ``destroy()`` closes gracefully
(pending bytes flushed) once ``end()`` has run, and discards them otherwise,
as Node's handle close does.
"""

from __future__ import annotations

import asyncio
import os
import socket as _socket
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, overload

from . import loop as _loop
from .errors import NodeError, NodeTypeError, codes, errno_code, from_oserror, invalid_arg_type, js_inspect
from .events import EventEmitter
from .stream import Duplex, ReadableState, Writable, WritableState
from .stream import _nop as _stream_nop
from .stream import _write_in_flight
from .timers import Timeout

__all__ = [
    "Socket", "Stream", "Server", "createServer", "connect", "createConnection",
    "isIP", "isIPv4", "isIPv6",
]

_ticks = _loop.ticks
_drain_ticks = _loop.drain_ticks
_uncaught = _loop.uncaught
_entry = _loop.entry


def _noop(*_: Any) -> None:
    pass


# _SocketProtocol.wbuf outside a list (a batch): how the next write goes out.
_FIRST = object()  # in a read callback, nothing written yet: straight to the transport
_MORE = object()   # in a read callback, written before: batch what follows


# -- IP helpers -------------------------------------------------------------------


def isIPv4(input: Any) -> bool:
    """Node's ``net.isIPv4``: a dotted-quad IPv4 address string."""
    if not isinstance(input, str):
        return False
    try:
        _socket.inet_pton(_socket.AF_INET, input)
    except (OSError, ValueError):
        return False
    return True


def isIPv6(input: Any) -> bool:
    """Node's ``net.isIPv6``: an IPv6 address string (a ``%zone`` suffix allowed)."""
    if not isinstance(input, str):
        return False
    addr = input.split("%", 1)[0] if "%" in input else input
    try:
        _socket.inet_pton(_socket.AF_INET6, addr)
    except (OSError, ValueError):
        return False
    return True


def isIP(input: Any) -> int:
    """Node's ``net.isIP``: 4, 6, or 0 when ``input`` is not an IP address."""
    if isIPv4(input):
        return 4
    if isIPv6(input):
        return 6
    return 0


def _family_name(af: int) -> str:
    return "IPv6" if af == _socket.AF_INET6 else "IPv4"


def _addr_dict(sock: Any, name: Any) -> dict:
    if sock is not None and sock.family == getattr(_socket, "AF_UNIX", None):
        return {}
    if not isinstance(name, tuple):
        return {}
    fam = "IPv6" if len(name) == 4 else "IPv4"
    return {"address": name[0], "family": fam, "port": name[1]}


# -- errors ---------------------------------------------------------------------------

def _code_of(exc: BaseException) -> str:
    return errno_code(exc)


def _errno_exception(exc: BaseException, syscall: str, address: Any = None,
                     port: Any = None) -> NodeError:
    """Node's ``exceptionWithHostPort``: ``connect ECONNREFUSED 127.0.0.1:80``."""
    return from_oserror(exc, syscall, address, port)


def _uv_exception(exc: BaseException, syscall: str, address: Any = None,
                  port: Any = None) -> NodeError:
    """Node's ``uvExceptionWithHostPort``: ``listen EADDRINUSE: address already in use ::1:80``."""
    return from_oserror(exc, syscall, address, port, uv=True)


def _lookup_error(exc: BaseException, host: str) -> NodeError:
    """Node's dns ``errnoException(err, 'getaddrinfo', hostname)``."""
    return from_oserror(exc, "getaddrinfo", hostname=host)


async def _lookup(host: str, family: int) -> list:
    """``dns.lookup``: the resolver's answers for ``host`` (a seam for tests)."""
    return await _loop.get_loop().getaddrinfo(host, None, family=family,
                                              type=_socket.SOCK_STREAM)


def _socket_closed() -> NodeError:
    return codes.ERR_SOCKET_CLOSED()


# -- the handle: asyncio Protocol ----------------------------------------------------


class _SocketProtocol(asyncio.Protocol):
    """The libuv handle of a :class:`Socket`: asyncio's callbacks, as Node entries.

    ``reading`` mirrors ``handle.reading``; ``writePaused`` is the transport's
    flow control; ``heldCb`` is a write callback waiting for ``resume_writing``.

    Writes made while one ``data_received`` callback runs (a pipelined
    batch's responses, say) leave in as few transport writes as possible:
    the first goes out at once, the next ones are kept in ``wbuf`` (a list)
    and handed over together when the callback ends, or earlier, before
    anything closes, shuts down or inspects the transport
    (:meth:`flushWrites`).  Only as many bytes are kept as the transport
    can take without reaching its high-water mark, so a write that would
    have paused the transport (``pause_writing``) is made at once, as
    without batching: the Writable sees every write complete as before.
    ``wbuf`` is None outside a read callback, else ``_FIRST``, ``_MORE``
    or the batch; ``wroom`` is how many more bytes the batch may take.

    Liveness is libuv's rule for a stream handle (see :mod:`nodehttp.loop`):
    the handle keeps the loop alive (``refed``) only while it is *active* —
    connecting, reading (read started and no EOF yet), with written bytes
    still in the transport's buffer, or closing — and ``wantRef`` (the
    socket is not unref'd).  :meth:`updateRef` applies the rule; it runs
    when one of these changes (connect, readStart/readStop, EOF, a write
    while inactive, close), never per chunk on an active handle.
    """

    __slots__ = ("owner", "server", "transport", "reading", "writePaused", "heldCb",
                 "bytesRead", "bytesWritten", "lost", "closing", "onclose", "task",
                 "refed", "wantRef", "connecting", "eof", "drainPoll", "isPipe", "stash",
                 "wbuf", "wroom")

    def __init__(self, owner: Socket | None = None, server: Server | None = None) -> None:
        self.owner = owner
        self.server = server
        self.transport: Any = None
        self.reading = True
        self.writePaused = False
        self.heldCb: Callable | None = None
        self.bytesRead = 0
        self.bytesWritten = 0
        self.lost = False
        self.closing = False
        self.onclose: Callable | None = None
        self.task: Any = None
        self.refed = False      # counted in loop.ref(): wantRef and active (see updateRef)
        self.wantRef = True     # socket.ref()/unref()
        self.connecting = False
        self.eof = False        # the peer's FIN arrived: reading is over (libuv READ_EOF)
        self.drainPoll: Any = None
        self.isPipe = False
        self.stash: list | None = None
        self.wbuf: Any = None
        self.wroom = 0

    # -- asyncio callbacks (entries) ------------------------------------------------

    def connection_made(self, transport: Any) -> None:
        self.transport = transport
        if self.connecting:
            self.connecting = False  # reading now: still active, the ref stays
        if self.closing:  # destroyed while connecting
            transport.abort()
            return
        try:
            server = self.server
            if server is not None:
                server._onconnection(self)
            else:
                self.owner._afterConnect()  # type: ignore[union-attr]
        except BaseException as exc:  # noqa: BLE001 - Node: uncaught
            _uncaught(exc)
        if _ticks:
            _drain_ticks()

    def data_received(self, data: bytes) -> None:
        s = self.owner
        if s is None:
            return
        if not self.reading:
            self._stashData(data)
            return
        self.bytesRead += len(data)
        self.wbuf = _FIRST
        # Ticks queued in here are drained before returning: loop.next_tick
        # needs no call_soon safety net meanwhile (one per request otherwise).
        scheduled = _loop._tick_scheduled
        _loop._tick_scheduled = True
        try:
            try:
                t = s._timer
                if t is not None:
                    if t._active:  # Timeout.refresh() of an armed timer, inlined
                        t._idleStart = t._loop.time()
                    else:
                        t.refresh()
                ondata = s._ondata
                if ondata is not None:
                    ondata(data)
                elif not s.push(data):
                    self.readStop()
            except BaseException as exc:  # noqa: BLE001 - Node: uncaught
                _uncaught(exc)
            if _ticks:
                _drain_ticks()
        finally:
            _loop._tick_scheduled = scheduled
            # The batch leaves even if the callback raised (process.exit()).
            if self.wbuf.__class__ is list:
                try:
                    self._flushBatch()
                except BaseException as exc:  # noqa: BLE001
                    _uncaught(exc)
            self.wbuf = None

    def eof_received(self) -> bool:
        s = self.owner
        if self.stash is not None:
            self.stash.append(None)
        elif s is not None:
            # libuv's uv__stream_eof: reading stops, the handle is inactive
            # unless writes are pending.
            self.eof = True
            if self.refed:
                self.updateRef()
            try:
                s._onEOF()
            except BaseException as exc:  # noqa: BLE001
                _uncaught(exc)
            if _ticks:
                _drain_ticks()
        return True  # keep the transport: half-close is the socket's decision

    def connection_lost(self, exc: BaseException | None) -> None:
        self.lost = True
        self.heldCb = None
        cb = self.onclose
        try:
            if cb is not None:
                self.onclose = None
                cb()
            elif self.owner is not None:
                self.owner._onHandleLost(exc)
        except BaseException as exc2:  # noqa: BLE001
            _uncaught(exc2)
        if _ticks:
            _drain_ticks()

    def pause_writing(self) -> None:
        self.writePaused = True

    def resume_writing(self) -> None:
        self.writePaused = False
        cb = self.heldCb
        if cb is not None:
            self.heldCb = None
            try:
                cb()
            except BaseException as exc:  # noqa: BLE001
                _uncaught(exc)
            if _ticks:
                _drain_ticks()

    # -- writes batched during a read callback ------------------------------------------

    def batchWrite(self, data: bytes) -> None:
        """A write after the first in this read callback: keep it if it fits, else write now."""
        wbuf = self.wbuf
        n = len(data)
        if wbuf is _MORE:
            # Room: what the transport takes before it reaches its high-water mark.
            t = self.transport
            limits = getattr(t, "get_write_buffer_limits", None)
            room = limits()[1] - t.get_write_buffer_size() if limits is not None else -1
            if n <= room:
                self.wbuf = [data]
                self.wroom = room - n
                return
        elif n <= self.wroom:
            wbuf.append(data)
            self.wroom -= n
            return
        else:
            self.flushWrites()
        self.transport.write(data)

    def flushWrites(self) -> None:
        """Hand the batched writes to the transport now (before it is closed or inspected)."""
        if self.wbuf.__class__ is list:
            self._flushBatch()

    def _flushBatch(self) -> None:
        wbuf = self.wbuf
        self.wbuf = _MORE
        t = self.transport
        if len(wbuf) == 1:
            t.write(wbuf[0])
        else:
            t.writelines(wbuf)

    # -- reads that arrive while paused ------------------------------------------------

    def _stashData(self, data: bytes) -> None:
        # uvloop starts reading after connection_made even when it paused
        # reading (pauseOnConnect, a consumer's _pauseReading): keep the bytes
        # until reading resumes, as libuv would have left them in the kernel.
        if self.stash is None:
            self.stash = []
        self.stash.append(data)
        t = self.transport
        if t is not None and not t.is_closing():
            t.pause_reading()

    def readStart(self) -> None:
        """Node's ``handle.readStart()`` (idempotent)."""
        if self.reading:
            return
        self.reading = True
        t = self.transport
        if t is not None and not t.is_closing():
            t.resume_reading()
        if not self.refed:
            self.updateRef()
        if self.stash is not None:
            _loop.get_loop().call_soon(self._flushStash)

    def readStop(self) -> None:
        """Node's ``handle.readStop()`` (idempotent)."""
        if self.reading:
            self.reading = False
            t = self.transport
            if t is not None and not t.is_closing():
                t.pause_reading()
            if self.refed:
                self.updateRef()

    def _flushStash(self) -> None:
        stash = self.stash
        if stash is None or not self.reading:
            return
        self.stash = None
        for i, data in enumerate(stash):
            if self.stash is not None:  # paused again: keep the rest, in order
                self.stash.extend(stash[i:])
                return
            if data is None:
                self.eof_received()
            else:
                self.data_received(data)

    # -- handle operations ----------------------------------------------------------

    def close(self, callback: Callable, graceful: bool) -> None:
        """Node's ``handle.close(cb)``: ``callback`` runs once the OS handle is closed."""
        self.closing = True
        self.connecting = False
        if not self.refed:
            self.updateRef()  # a closing handle keeps the loop until it has closed
        t = self.transport
        if t is not None and not self.lost:
            if self.wbuf.__class__ is list:  # flushWrites()
                self._flushBatch()
            self.onclose = callback
            if graceful or not t.get_write_buffer_size():
                t.close()
            else:
                t.abort()
        else:
            task = self.task
            if task is not None and not task.done():
                task.cancel()
            _loop.call_soon(callback)

    # -- liveness (libuv's uv__handle_start/stop) ------------------------------------

    def updateRef(self) -> None:
        """Ref the loop while ``wantRef`` and active, unref otherwise (libuv's rule)."""
        want = self.wantRef and not self.lost and (
            self.closing or self.connecting or (self.reading and not self.eof)
            or self._writesPending())
        if want:
            if not self.refed:
                self.refed = True
                _loop.ref()
        elif self.refed:
            self.refed = False
            _loop.unref()

    def _writesPending(self) -> bool:
        # libuv keeps a write (and a shutdown) request active until the kernel
        # has the bytes.  asyncio reports no "drained" event below the
        # high-water mark, so an otherwise inactive handle with bytes still
        # buffered polls until they are gone.
        t = self.transport
        if t is None or self.lost or not t.get_write_buffer_size():
            return False
        if self.drainPoll is None:
            self.drainPoll = _loop.get_loop().call_later(_DRAIN_POLL, self._drainPolled)
        return True

    def _drainPolled(self) -> None:
        self.drainPoll = None
        self.updateRef()

    def unref(self) -> None:
        """Release the loop for good (the handle has closed)."""
        if self.refed:
            self.refed = False
            _loop.unref()


#: Seconds between checks of an inactive handle's unsent bytes (see _writesPending).
_DRAIN_POLL = 0.02


# -- Socket ------------------------------------------------------------------------------


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from .event_overloads import NetSocketBase as _SocketBase
    from .types import ConnectionListener, NetConnectOpts, NetServerOptions, NoArgListener
else:
    _SocketBase = Duplex


class Socket(_SocketBase):
    """Node's ``net.Socket``: a TCP or unix-domain stream socket (a Duplex).

    ``Socket(options)`` with Node's options ``allowHalfOpen`` (default False:
    when the peer ends, we end too), ``readable``/``writable``.  Connect
    with :meth:`connect` or :func:`createConnection`; a server hands accepted
    sockets to its ``'connection'`` listeners.  Events: ``'lookup'``,
    ``'connect'``, ``'ready'``, ``'data'``, ``'end'``, ``'drain'``,
    ``'timeout'``, ``'error'``, ``'close'`` (hadError).
    """

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

    def _setup(self, handle: _SocketProtocol | None, allowHalfOpen: bool) -> None:
        # The constructor's state, shared with Server._onconnection's accept path.
        # Duplex.__init__(self, {allowHalfOpen: true, emitClose: false}), inlined:
        # default states with emitClose off, no option hooks to look up.
        r = self._readableState = ReadableState(None, self, True)
        w = self._writableState = WritableState(None, self, True)
        r.emitClose = w.emitClose = False
        # Shut down the socket when we're finished with it: the first 'end'
        # listener (Node's constructor adds it; stored directly, nobody can
        # listen for 'newListener' yet).
        onend = self._onReadableStreamEnd
        self._events = {"end": [(onend, 0, onend)]}
        self._maxListeners = None
        self.connecting = False
        self._hadError = False
        self._host: str | None = None
        self._peername: dict | None = None
        self._sockname: dict | None = None
        self._pendingData: Any = None
        self._pendingEncoding = ""
        self._timer: Timeout | None = None
        self.timeout = 0
        self._ondata: Callable[[bytes], None] | None = None
        self._onend: Callable[[], None] | None = None
        self._refed = True
        self._bytesRead = 0
        self._bytesWritten = 0
        self.server: Any = None
        self._server: Any = None
        self.allowHalfOpen = allowHalfOpen
        self._handle: _SocketProtocol | None = handle
        if handle is not None:
            handle.owner = self
            handle.updateRef()

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

    def _onEOF(self) -> None:
        # Node's onread with UV_EOF: the consumer first, then end the Readable.
        onend = self._onend
        if onend is not None:
            onend()
        if self.destroyed:
            return
        self.push(None)
        self.read(0)

    def _onHandleLost(self, exc: BaseException | None) -> None:
        # The transport closed without destroy(): a reset or an I/O error.
        if self.destroyed:
            return
        err = None
        if exc is not None:
            syscall = "write" if isinstance(exc, BrokenPipeError) else "read"
            err = _errno_exception(exc, syscall)
        self.destroy(err)

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
        elif wbuf is _FIRST:  # the first write of a read callback goes out at once
            t.write(data)
            h.wbuf = _MORE
        else:
            h.batchWrite(data)
        h.bytesWritten += len(data)
        if not h.refed:  # inactive (not reading): pending bytes make it active
            h.updateRef()
        t = self._timer
        if t is not None:
            if t._active:  # Timeout.refresh() of an armed timer, inlined
                t._idleStart = t._loop.time()
            else:
                t.refresh()
        if h.writePaused:
            h.heldCb = cb
        else:
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
        h.transport.writelines(data)
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
        if self.pending and self.connecting:
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
            self.write = self._writeAfterFIN  # type: ignore[method-assign]
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
            h.close(partial(self._emitClose, h, exception is not None),
                    self._writableState.finalCalled)
            self._handle = None
            self._sockname = None
        cb(exception)
        server = self._server
        if server is not None:
            server._connections -= 1
            server._emitCloseIfDrained()

    def _emitClose(self, h: _SocketProtocol, hadError: bool) -> None:
        h.unref()
        self.emit("close", hadError)

    # -- connect ---------------------------------------------------------------------

    def connect(self, *args: Any) -> Socket:
        """Node's ``socket.connect(options[, cb])`` / ``(port[, host][, cb])`` / ``(path[, cb])``.

        Options: ``port``, ``host`` (default ``'localhost'``), ``path`` (unix
        socket), ``localAddress``, ``localPort``, ``family`` (4/6), ``timeout``.
        """
        options, cb = _normalize_args(args)
        if getattr(self.write, "__func__", None) is Socket._writeAfterFIN:
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
        # Node's afterConnect (status 0): called from connection_made.
        if self.destroyed:
            return
        self.connecting = False
        self._sockname = None
        self.readable = True
        if not self._writableState.ended:
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

    # -- options and state --------------------------------------------------------------

    def setTimeout(self, msecs: Any = None, callback: Callable | None = None) -> Socket:
        """Emit ``'timeout'`` after ``msecs`` ms of inactivity (0 disables).

        The timer does not keep the process alive; the socket is not closed
        for you, as in Node.
        """
        if isinstance(msecs, bool) or not isinstance(msecs, (int, float)):
            raise codes.ERR_INVALID_ARG_TYPE("msecs", "number", msecs)
        if msecs < 0 or msecs != msecs or msecs == float("inf"):
            raise codes.ERR_OUT_OF_RANGE("msecs", "a non-negative finite number", msecs)
        self.timeout = msecs
        timer = self._timer
        if msecs == 0:
            if timer is not None:
                timer.close()
            if callback is not None:
                self.removeListener("timeout", callback)
        else:
            if timer is None:
                timer = self._timer = Timeout(self._onTimeout, msecs, (), False, False)
                timer.unref()
            timer._reschedule(msecs if msecs >= 1 else 1)
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
        sock = self._sock()
        if sock is not None and sock.family in (_socket.AF_INET, _socket.AF_INET6):
            sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_KEEPALIVE, 1 if enable else 0)
            delay = int((initialDelay or 0) // 1000)
            if enable and delay > 0 and hasattr(_socket, "TCP_KEEPIDLE"):
                sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_KEEPIDLE, delay)
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

    def address(self) -> dict:
        """``{'address', 'family', 'port'}`` of the local end (``{}`` when unknown)."""
        return self._getsockname()

    def _getsockname(self) -> dict:
        if self._sockname is None:
            sock = self._sock()
            if sock is None:
                return {}
            try:
                self._sockname = _addr_dict(sock, sock.getsockname())
            except OSError:
                return {}
        return self._sockname

    def _getpeername(self) -> dict:
        if self._peername is None:
            sock = self._sock()
            if sock is None:
                return {}
            try:
                self._peername = _addr_dict(sock, sock.getpeername())
            except OSError:
                return {}
        return self._peername

    @property
    def remoteAddress(self) -> str | None:
        """The peer's IP address."""
        return self._getpeername().get("address")

    @property
    def remotePort(self) -> int | None:
        """The peer's port."""
        return self._getpeername().get("port")

    @property
    def remoteFamily(self) -> str | None:
        """``'IPv4'`` or ``'IPv6'``."""
        return self._getpeername().get("family")

    @property
    def localAddress(self) -> str | None:
        """The local IP address."""
        return self._getsockname().get("address")

    @property
    def localPort(self) -> int | None:
        """The local port."""
        return self._getsockname().get("port")

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


def _maybeDestroy(socket: Socket) -> None:
    if (not socket.readable and not socket.writable and not socket.destroyed
            and not socket.connecting and not socket._writableState.length):
        socket.destroy()


def _is_pipe_name(s: Any) -> bool:
    if not isinstance(s, str):
        return False
    try:
        return float(s) < 0
    except ValueError:
        return True


def _normalize_args(args: tuple) -> tuple[dict, Callable | None]:
    """Node's ``normalizeArgs``: ``(options[, cb])``, ``(path[, cb])``, ``(port[, host][, cb])``."""
    if not args:
        return {}, None
    cb = args[-1] if callable(args[-1]) else None
    a0 = args[0]
    if isinstance(a0, dict):
        options = a0
    elif _is_pipe_name(a0):
        options = {"path": a0}
    else:
        options = {"port": a0}
        if len(args) > 1 and isinstance(args[1], str):
            options["host"] = args[1]
    return options, cb


@overload
def connect(options: NetConnectOpts, connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(port: int, host: str | None = None,
            connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(port: int, connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(path: str, connectListener: NoArgListener | None = None) -> Socket: ...
def connect(*args: Any) -> Socket:
    """Node's ``net.connect(options[, cb])`` / ``(port[, host][, cb])`` / ``(path[, cb])``."""
    options, cb = _normalize_args(args)
    s = Socket(options)
    return s.connect(options, cb) if cb is not None else s.connect(options)


createConnection = connect


# -- Server ------------------------------------------------------------------------------


def createServerHandle(address: str | None, port: int, addressType: int,
                        backlog: int = 511) -> _socket.socket:
    """A bound, listening, non-blocking TCP socket (Node's ``createServerHandle``,
    which the cluster primary also uses: an internal seam, not Node API).  *address* None binds the
    unspecified address: ``::`` dual-stack where IPv6 exists, else ``0.0.0.0``.
    Raises OSError (with ``.address`` set to the address tried)."""
    if address is None:
        sock = None
        if _socket.has_ipv6:
            try:
                sock = _socket.socket(_socket.AF_INET6, _socket.SOCK_STREAM)
                sock.setsockopt(_socket.IPPROTO_IPV6, _socket.IPV6_V6ONLY, 0)
                address = "::"
            except OSError:
                sock = None
        if sock is None:
            sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            address = "0.0.0.0"
    else:
        sock = _socket.socket(_socket.AF_INET6 if addressType == 6 else _socket.AF_INET,
                              _socket.SOCK_STREAM)
    try:
        sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(backlog)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        exc.address = address  # type: ignore[attr-defined]
        raise
    return sock


def _onconnectionFromPrimary(server: Server, sock: _socket.socket) -> None:
    """A connection the cluster primary accepted and handed to this worker."""
    loop = _loop.get_loop()
    sock.setblocking(False)
    asyncio.ensure_future(
        loop.connect_accepted_socket(partial(_SocketProtocol, None, server), sock), loop=loop)


class _ServerHandle:
    """The listening handle: our bound socket and asyncio's server over it."""

    __slots__ = ("sock", "aserver", "task", "path", "refed", "closed")

    def __init__(self, sock: Any, path: str | None) -> None:
        self.sock = sock
        self.path = path
        self.aserver: Any = None
        self.task: Any = None
        self.refed = False
        self.closed = False

    def ref(self) -> None:
        if not self.refed:
            self.refed = True
            _loop.ref()

    def unref(self) -> None:
        if self.refed:
            self.refed = False
            _loop.unref()

    def close(self) -> None:
        self.closed = True
        self.unref()
        if self.aserver is not None:
            self.aserver.close()
        else:
            if self.task is not None:
                self.task.cancel()
            try:
                self.sock.close()
            except OSError:  # pragma: no cover
                pass
        if self.path is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from .event_overloads import NetServerBase as _ServerBase
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
        from . import cluster

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
        # Node's onconnection: called inside connection_made.
        if self.maxConnections and self._connections >= self.maxConnections:
            h.transport.close()
            return
        # new Socket({handle, allowHalfOpen, pauseOnCreate}), without the
        # options object: the same state as the constructor leaves.
        socket = Socket.__new__(Socket)
        socket._setup(h, self.allowHalfOpen)
        socket.readable = socket.writable = True
        if self.pauseOnConnect:
            h.readStop()
            socket._readableState.flowing = False
        else:
            # this.read(0) on a fresh state whose handle is reading: it only
            # marks the Readable as reading and wanting a 'readable'.
            r = socket._readableState
            r.reading = r.needReadable = True
            r.sync = False
        self._connections += 1
        socket.server = self
        socket._server = self
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
