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
``net.consume(socket, ondata, onend)`` sets both seams (None, None: unconsume).
``net.readStop(socket)`` / ``net.readStart(socket)`` (the methods
``socket._pauseReading()`` / ``socket._resumeReading()``)
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

The package mirrors what Node keeps in ``lib/net.js`` plus the libuv
handle it drives: :mod:`.address` (``isIP`` and address dicts),
:mod:`.handle` (the asyncio Protocol in the role of the libuv handle, the
listening handle, OS-error translation), :mod:`.socket` (``Socket``,
``connect``) and :mod:`.server` (``Server``).

Differences from Node, on purpose: sockets start with ``TCP_NODELAY`` on
(uvloop's and asyncio's default; Node >= 17's http default too) —
``setNoDelay(False)`` turns Nagle back on.  ``destroy()`` closes gracefully
(pending bytes flushed) once ``end()`` has run, and discards them otherwise,
as Node's handle close does.
"""

from __future__ import annotations

from .address import isIP, isIPv4, isIPv6
from .handle import _lookup_error as _lookup_error  # used by http_client's lookups
from .handle import _ServerHandle as _ServerHandle  # the tls server reuses it
from .handle import _SocketProtocol as _SocketProtocol  # subclassed by tls
from .handle import createServerHandle
from .server import Server, createServer
from .connect import connect, createConnection
from .socket import Socket, Stream, readStart, readStop  # noqa: F401 - read*: internal API
from .consumer import consume, hadError, setHadError  # noqa: F401 - the HTTP layers' API

__all__ = [
    "Socket", "Stream", "Server", "createServer", "connect", "createConnection",
    "isIP", "isIPv4", "isIPv6", "createServerHandle",
]
