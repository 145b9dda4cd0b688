"""Node's ``TLSWrap``: TLS between a TCP transport and a socket's handle.

:class:`TLSTransport` is two things at once, as Node's ``TLSWrap`` is a
stream over a stream:

- the TCP transport's *protocol*: encrypted bytes arrive in
  :meth:`data_received` and go into an ``ssl.SSLObject``'s incoming
  ``MemoryBIO``; whatever OpenSSL writes to the outgoing ``MemoryBIO`` is
  handed to the TCP transport (:meth:`flushOutgoing`);
- the socket handle's *transport*: plaintext written with :meth:`write` /
  :meth:`writelines` is encrypted, and decrypted bytes reach the handle's
  ``data_received``, exactly as TCP bytes reach a plain ``net.Socket``'s.

It replaces asyncio's/uvloop's ``SSLProtocol`` for one reason Node users
see: TLS half-close.  ``SSLProtocol`` shuts the connection down as soon as
the peer's ``close_notify`` arrives and cannot send ``close_notify`` while
reading on.  Here, as in Node:

- the peer's ``close_notify`` (or a bare TCP FIN, which Node also reads as
  the end) is the handle's ``eof_received``: ``'end'``; the socket decides,
  by ``allowHalfOpen``, whether to end its side too, and can still write;
- :meth:`write_eof` (the socket's ``end()``) sends ``close_notify`` then the
  TCP FIN, and reading goes on until the peer ends;
- :meth:`close` (``destroy()``) sends ``close_notify`` and closes TCP
  without waiting for the peer's (Node does not wait either).

Invariants: the ``SSLObject`` is born in :meth:`connection_made` through the
context's ``wrap_bio`` (so session resumption, SNI and the key log see it);
the handle's ``connection_made`` is called once, when the handshake has
completed, and its ``connection_lost`` only after that; writes made before
the handshake completes are kept and sent, in order, right after it; the
handshake outcome is reported once, to ``onhandshake(exc_or_None)``; an
OpenSSL error after it goes to ``onerror(exc)`` before TCP is aborted.
"""

from __future__ import annotations

import asyncio
import ssl
from typing import Any, Callable

__all__ = ["TLSTransport"]

_READ_MAX = 256 * 1024


class TLSTransport(asyncio.Protocol):
    """TLS over ``raw`` (set by :meth:`connection_made`) for the handle ``app``."""

    def __init__(self, app: Any, context: ssl.SSLContext, server_side: bool,
                 server_hostname: str | None, onhandshake: Callable[[Any], None],
                 onerror: Callable[[BaseException], None]) -> None:
        self.app = app
        self.context = context
        self.server_side = server_side
        self.server_hostname = server_hostname
        self.onhandshake: Callable[[Any], None] | None = onhandshake
        self.onerror = onerror
        self.raw: Any = None
        self.sslobj: Any = None
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.handshaking = True
        self.pending: list[bytes] = []   # plaintext written before the handshake completed
        self.eofPending = False          # write_eof() before the handshake completed
        self.notifySent = False          # our close_notify is out
        self.eofReceived = False         # the peer's close_notify (or FIN) is in
        self.closed = False
        self.appConnected = False

    # -- the TCP transport's protocol ---------------------------------------------------

    def connection_made(self, transport: Any) -> None:
        self.raw = transport
        self.sslobj = self.context.wrap_bio(self.incoming, self.outgoing, self.server_side,
                                            self.server_hostname)
        self._handshake()

    def data_received(self, data: bytes) -> None:
        self.incoming.write(data)
        if self.handshaking:
            self._handshake()
        else:
            self._read()

    def eof_received(self) -> bool:
        if self.handshaking:
            self._handshakeDone(ConnectionResetError("EOF during the TLS handshake"))
        elif not self.eofReceived:
            self._read()  # whatever complete records came before the FIN
            self._peerEnded()
        return True  # the socket decides (allowHalfOpen), as for TCP

    def connection_lost(self, exc: BaseException | None) -> None:
        self.closed = True
        if self.handshaking:
            self._handshakeDone(exc or ConnectionResetError("connection lost during the TLS "
                                                            "handshake"))
        if self.appConnected:
            self.appConnected = False
            self.app.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.appConnected:
            self.app.pause_writing()

    def resume_writing(self) -> None:
        if self.appConnected:
            self.app.resume_writing()

    # -- the handshake -------------------------------------------------------------------

    def _handshake(self) -> None:
        try:
            self.sslobj.do_handshake()
        except ssl.SSLWantReadError:
            self.flushOutgoing()
            return
        except Exception as exc:  # noqa: BLE001 - OpenSSL's verdict, reported once
            self.flushOutgoing()  # the alert, if OpenSSL wrote one
            self._handshakeDone(exc)
            return
        self.flushOutgoing()
        self.handshaking = False
        self._handshakeDone(None)
        if self.closed or self.raw is None or self.raw.is_closing():
            return
        self.appConnected = True
        self.app.connection_made(self)
        pending, self.pending = self.pending, []
        if pending and not self.closed:
            self.writelines(pending)
        if self.eofPending and not self.closed:
            self.write_eof()
        if self.incoming.pending and not self.closed:
            self._read()

    def _handshakeDone(self, exc: BaseException | None) -> None:
        cb = self.onhandshake
        if cb is not None:
            self.onhandshake = None
            cb(exc)

    # -- reading -------------------------------------------------------------------------

    def _read(self) -> None:
        obj = self.sslobj
        chunks = []
        ended = False
        incoming = self.incoming
        failed: ssl.SSLError | None = None
        try:
            while True:
                # Plaintext is never longer than the ciphertext it came in: ask
                # for no more (read() allocates what it is asked for).
                n = incoming.pending + obj.pending()
                if not n:
                    break
                data = obj.read(n if n < _READ_MAX else _READ_MAX)
                if not data:
                    ended = True
                    break
                chunks.append(data)
        except ssl.SSLWantReadError:
            pass
        except ssl.SSLZeroReturnError:
            ended = True
        except ssl.SSLError as exc:
            failed = exc
        self.flushOutgoing()  # a read can write (TLS 1.3 key update, an alert)
        # What decrypted before a failure is delivered first, as Node's ClearOut does.
        if chunks and self.appConnected:
            self.app.data_received(chunks[0] if len(chunks) == 1 else b"".join(chunks))
        if failed is not None:
            self._fatal(failed)
        elif ended:
            self._peerEnded()

    def _peerEnded(self) -> None:
        if self.eofReceived:
            return
        self.eofReceived = True
        if self.appConnected:
            self.app.eof_received()

    def _fatal(self, exc: BaseException) -> None:
        # A broken record after the handshake: the connection is over, and
        # the socket is destroyed with OpenSSL's error (onerror), as in Node;
        # the handle then closes when TCP has.
        if self.appConnected and not self.closed:
            self.onerror(exc)
        self.closed = True
        raw = self.raw
        if raw is not None and not raw.is_closing():
            raw.abort()

    # -- writing -------------------------------------------------------------------------

    def flushOutgoing(self) -> None:
        out = self.outgoing
        if out.pending:
            data = out.read()
            raw = self.raw
            if raw is not None and not raw.is_closing():
                raw.write(data)

    def write(self, data: Any) -> None:
        """Encrypt and send ``data`` (kept until the handshake completes)."""
        if self.handshaking:
            self.pending.append(bytes(data))
            return
        if self.closed or self.notifySent:
            return
        obj = self.sslobj
        n = len(data)
        if not n:
            return
        try:
            sent = obj.write(data)
            while sent < n:  # partial writes, if OpenSSL makes any
                sent += obj.write(memoryview(data)[sent:])
        except ssl.SSLError as exc:
            self._fatal(exc)
            return
        self.flushOutgoing()

    def writelines(self, list_of_data: Any) -> None:
        """One ``write`` of the joined data: the records leave together."""
        self.write(b"".join(list_of_data))

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        """Node's shutdown over TLS: ``close_notify``, then the TCP FIN; reading goes on."""
        if self.handshaking:
            self.eofPending = True
            return
        if self.closed:
            return
        self._closeNotify()
        raw = self.raw
        if raw is not None and not raw.is_closing() and raw.can_write_eof():
            raw.write_eof()

    def _closeNotify(self) -> None:
        if self.notifySent:
            return
        self.notifySent = True
        try:
            # unwrap() sends close_notify, then looks for the peer's: with
            # nothing unread in the incoming BIO that look finds nothing
            # (SSLWantReadError) and reading continues with read().
            if self.incoming.pending:
                self._read()
            self.sslobj.unwrap()
        except ssl.SSLError:
            pass
        self.flushOutgoing()

    def close(self) -> None:
        """``destroy()``: ``close_notify`` (after the handshake), then close TCP without
        waiting for the peer's."""
        if self.closed:
            return
        self.closed = True
        if not self.handshaking:
            self._closeNotify()
        raw = self.raw
        if raw is not None and not raw.is_closing():
            raw.close()

    def abort(self) -> None:
        self.closed = True
        raw = self.raw
        if raw is not None:
            raw.abort()

    def is_closing(self) -> bool:
        raw = self.raw
        return self.closed or raw is None or raw.is_closing()

    # -- reading flow control and information, from the TCP transport ---------------------

    def pause_reading(self) -> None:
        raw = self.raw
        if raw is not None and not raw.is_closing():
            raw.pause_reading()

    def resume_reading(self) -> None:
        raw = self.raw
        if raw is not None and not raw.is_closing():
            raw.resume_reading()

    def get_write_buffer_size(self) -> int:
        raw = self.raw
        return (raw.get_write_buffer_size() if raw is not None else 0) + \
            sum(len(d) for d in self.pending)

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.raw.get_write_buffer_limits()

    def set_write_buffer_limits(self, high: Any = None, low: Any = None) -> None:
        self.raw.set_write_buffer_limits(high, low)

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        if name == "ssl_object":
            return self.sslobj
        if name == "sslcontext":
            return self.context
        if name == "peercert":
            return self.sslobj.getpeercert() if self.sslobj is not None else default
        raw = self.raw
        return raw.get_extra_info(name, default) if raw is not None else default

    def get_protocol(self) -> Any:
        return self.app

    def set_protocol(self, protocol: Any) -> None:
        self.app = protocol
