"""The libuv-handle role of Node's ``net`` (``tcp_wrap``/``pipe_wrap``): the
asyncio Protocol a :class:`~nodehttp.net.Socket` owns as ``socket._handle``,
the listening handle a :class:`~nodehttp.net.Server` owns, and the one
translation of OS errors into Node's (``connect ECONNREFUSED ...``).

Invariants kept here (see the package docstring for the consumer seams):
every asyncio callback into a handle (``connection_made``, ``data_received``,
``eof_received``, ``connection_lost``, ``pause_writing``/``resume_writing``)
is an *entry* (guarded, nextTick queue drained), inlined on the data path; a
handle refs the loop only while it is active (libuv's rule: connecting,
reading, writing or closing) and wanted (``socket.ref()``); the bytes a
socket writes reach ``transport.write`` only through the handle's write
batching, which keeps each write's completion exactly as if it went alone; a
short read on a socket that has hung up (the peer's RST came with its last
bytes) ends the stream there, as libuv up to 1.51 does (Node 10 and 20), not
with the ``ECONNRESET`` uvloop's libuv 1.52 would read next (asked of the
kernel unless a whole write in the same callback answered it); an I/O error
uvloop reports after the socket was destroyed still reaches it; a failed
write (uvloop closes the transport inside the failed send and reports the
errno only in ``connection_lost``) is reported as the write's (``failed``
is ``"write"``), and a read callback whose write failed does not end the
stream."""

from __future__ import annotations

import asyncio
import os
import select as _select
import socket as _socket
from typing import Any, Callable

from .. import loop as _loop
from ..errors import NodeError, codes, errno_code, from_oserror
from typing import TYPE_CHECKING

from .address import _addr_dict  # noqa: F401 - re-exported for the server

if TYPE_CHECKING:
    from .server import Server
    from .socket import Socket
_ticks = _loop.ticks
_drain_ticks = _loop.drain_ticks
_uncaught = _loop.uncaught
_entry = _loop.entry


def _noop(*_: Any) -> None:
    pass


# _SocketProtocol.hupPoll: an OS socket, no poll object made yet (see data_received).
_NO_POLL = object()
# _SocketProtocol.wbuf outside a list (a batch): how the next write goes out.
_FIRST = object()  # in a read callback, nothing written yet: straight to the transport
_MORE = object()   # in a read callback, written before: batch what follows


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
                 "wbuf", "wroom", "hupPoll", "failed", "closeHadError")

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
        # The hang-up check's poll over our fd: None until the first short read,
        # then False (no OS socket), _NO_POLL (a socket; no poll needed yet) or the poll.
        self.hupPoll: Any = None
        # The transport failed on its own (an I/O error): True when it was
        # closing when we closed it; "write" when it is known to be a write's
        # error (the one uvloop reports in connection_lost).
        self.failed: bool | str = False
        self.closeHadError = False  # close()'s hadError, for its callback

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
        written = self.bytesWritten
        self.wbuf = _FIRST
        # Ticks queued in here are drained before returning: loop.next_tick
        # needs no call_soon safety net meanwhile (one per request otherwise).
        st = _loop.state
        scheduled = st.tick_scheduled
        st.tick_scheduled = True
        try:
            try:
                t = s._timer
                if t is not None:
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
            st.tick_scheduled = scheduled
            # The batch leaves even if the callback raised (process.exit()).
            if self.wbuf.__class__ is list:
                try:
                    self._flushBatch()
                except BaseException as exc:  # noqa: BLE001
                    _uncaught(exc)
            self.wbuf = None
        p = self.hupPoll
        if p is not False and self.reading and len(data) < _READ_SIZE and not self.closing:
            if p is None:
                p = self.hupPoll = self._hasOsSocket()
                if p is False:
                    return
            if self.bytesWritten != written:
                # Bytes written since this read all left by a write() that
                # succeeded: the peer had not reset (nor had we both shut
                # down) when the data was polled -- no POLLHUP, no check.
                t = self.transport
                if not t.is_closing():
                    if not t.get_write_buffer_size():
                        return
                else:
                    # Not closed by us (self.closing is False): a write in
                    # this callback failed, and uvloop closed the transport
                    # at the failed send.  Node destroyed the socket there,
                    # so the stream does not end; the write's error follows
                    # (connection_lost).
                    self.failed = "write"
                    return
            if p is _NO_POLL:
                p = self._hangupPoll()
            ready = p.poll(0)
            if ready and ready[0][1] & _POLLHUP and not self.eof:
                self._hangup()

    # libuv up to 1.51 (Node 10: 1.34, Node 20: 1.46), uv__stream_io: when the
    # poll that woke a stream reported POLLHUP and the read was short, the
    # stream ends there (uv__stream_eof) without reading again.  So a peer's
    # RST that arrives with its last bytes ends the stream normally in Node,
    # and the pending ECONNRESET is never read (a later write still sees it).
    # uvloop bundles libuv 1.52, which reads again and reports ECONNRESET
    # (libuv #4997).  data_received asks the kernel after a short read (poll
    # with no events asked: only POLLHUP/POLLERR come back) whether the
    # socket hung up, and if so ends it as Node's libuv does.
    #
    # The question needs the kernel: 1.52's uv__read still returns after a
    # short read, so the ECONNRESET is read in the *next* poll phase, as it
    # is for a reset that came later; nothing uvloop shows tells the two
    # apart afterwards (loop.time() is not cached per iteration, and no
    # iteration count is exposed).  But it is skipped when the callback
    # proved the answer: bytes written after the read that all left by a
    # successful write() (uvloop buffers none, the transport is not closing)
    # mean the socket was not in TCP_CLOSE then, nor shut down both ways --
    # the only POLLHUP states, and CLOSE is final -- so the poll that brought
    # the data had no POLLHUP: Node does not end there either.  A server
    # answering in its request callback, or a client writing its next
    # request, so pays no syscall.  A failed or only queued write proves
    # nothing: the check runs.

    def _hasOsSocket(self) -> Any:
        """``_NO_POLL`` when the transport has an OS socket to ask (not a pipe), else False."""
        t = self.transport
        if self.isPipe or t is None or t.get_extra_info("socket") is None:
            return False
        return _NO_POLL

    def _hangupPoll(self) -> Any:
        """The poll object over our socket for the hang-up check (made once)."""
        p = self.hupPoll = _select.poll()
        p.register(self.transport.get_extra_info("socket").fileno(), 0)
        return p

    def _hangup(self) -> None:
        # uv__stream_eof: reading stops (uvloop must not read the ECONNRESET), EOF.
        self.transport.pause_reading()
        self.eof_received()

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
                if exc is not None and self.owner is not None:
                    # A write (or read) failed before the socket was destroyed
                    # (``failed``): uvloop reports it only now; Node had
                    # destroyed the socket with that error at the failed call.
                    # Else a graceful close() left bytes unsent and sending
                    # them failed (an abort, or a close with nothing left to
                    # send, reports no error): Node's shutdown would still
                    # have waited for that write, and its failure is the
                    # socket's error.
                    if not self.failed:
                        self.failed = "write"
                    self.owner._onHandleFailed(self, exc)
                else:
                    cb(self, self.closeHadError)
            elif self.owner is not None:
                self.owner._onHandleLost(exc, self.failed == "write")
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
        if t is not None and not t.is_closing() and not self.eof:
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

    def close(self, callback: Callable, graceful: bool, hadError: bool = False) -> None:
        """Node's ``handle.close(cb)``: ``callback(handle, hadError)`` runs once the
        OS handle is closed (the arguments spare the caller a closure per socket)."""
        self.closing = True
        self.closeHadError = hadError
        self.connecting = False
        if not self.refed:
            self.updateRef()  # a closing handle keeps the loop until it has closed
        t = self.transport
        if t is not None and not self.lost:
            if self.wbuf.__class__ is list:  # flushWrites()
                self._flushBatch()
            self.onclose = callback
            if not self.failed:
                self.failed = t.is_closing()
            if graceful or not t.get_write_buffer_size():
                t.close()
            else:
                t.abort()
        else:
            task = self.task
            if task is not None and not task.done():
                task.cancel()
            _loop.call_soon(callback, self, hadError)

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
#: uvloop's read size for a stream (UV_STREAM_RECV_BUF_SIZE): a read that
#: fills it is followed at once by another read, in libuv as in uvloop.
_READ_SIZE = 256000
_POLLHUP = _select.POLLHUP


# -- Socket ------------------------------------------------------------------------------

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


#: The socket handle class, for a handle subclass in another unit (tls's TLS
#: handle): Node's ``tcp_wrap.TCP``, which ``_tls_wrap.js`` wraps.
SocketHandle = _SocketProtocol
