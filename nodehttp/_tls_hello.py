"""The ClientHello parser Node (before the OpenSSL cert callback) used to pause a
server handshake for an asynchronous ``SNICallback``.

Python's ``sni_callback`` runs inside OpenSSL and cannot wait, so a server
with an ``SNICallback`` reads the client's first bytes raw
(:class:`ClientHelloReader` as the TCP transport's protocol), takes the
server name out of the ClientHello (:func:`parseClientHello`), lets the
callback answer when it likes, and only then starts TLS, feeding it the
bytes already read (:func:`feed`).

Invariants: no byte is lost or reordered (everything read is fed, in order,
to the SSL protocol); the parser never raises on hostile input (anything that
is not a well-formed ClientHello is "not a hello", and OpenSSL then rejects
it as it would have); the raw buffer is bounded (:data:`MAX_HELLO`).
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

__all__ = ["parseClientHello", "ClientHelloReader", "feed", "NEED_MORE", "NOT_HELLO",
           "MAX_HELLO"]

NEED_MORE = object()  #: the ClientHello is not complete yet
NOT_HELLO = object()  #: the bytes are not a TLS ClientHello (plain HTTP, garbage, SSLv2)
#: A ClientHello is at most a few KB; past this the bytes are not one we parse.
MAX_HELLO = 64 * 1024


def _handshake_bytes(buf: bytes) -> Any:
    # Concatenate the payloads of the leading handshake records (type 22)
    # until the first handshake message is complete.
    out = bytearray()
    i = 0
    while True:
        if len(buf) - i < 5:
            return NEED_MORE
        if buf[i] != 22 or buf[i + 1] != 3:
            return NOT_HELLO
        n = int.from_bytes(buf[i + 3:i + 5], "big")
        if n == 0 or n > 16384 + 2048:
            return NOT_HELLO
        if len(buf) - i - 5 < n:
            return NEED_MORE
        out += buf[i + 5:i + 5 + n]
        i += 5 + n
        if len(out) >= 4:
            if out[0] != 1:  # not a ClientHello
                return NOT_HELLO
            if len(out) >= 4 + int.from_bytes(out[1:4], "big"):
                return bytes(out[4:4 + int.from_bytes(out[1:4], "big")])


def parseClientHello(buf: bytes) -> Any:
    """The SNI host name in the ClientHello at the start of ``buf``: a ``str``,
    None when the hello names no server, :data:`NEED_MORE` or :data:`NOT_HELLO`."""
    if len(buf) > MAX_HELLO:
        return NOT_HELLO
    body = _handshake_bytes(buf)
    if not isinstance(body, bytes):
        return body
    try:
        i = 2 + 32  # client_version, random
        i += 1 + body[i]  # session_id
        i += 2 + int.from_bytes(body[i:i + 2], "big")  # cipher_suites
        i += 1 + body[i]  # compression_methods
        if i == len(body):
            return None  # no extensions
        end = i + 2 + int.from_bytes(body[i:i + 2], "big")
        i += 2
        while i + 4 <= end:
            etype = int.from_bytes(body[i:i + 2], "big")
            elen = int.from_bytes(body[i + 2:i + 4], "big")
            i += 4
            if etype == 0:  # server_name: a list of (type, name)
                j, lend = i + 2, i + 2 + int.from_bytes(body[i:i + 2], "big")
                while j + 3 <= lend:
                    ntype, nlen = body[j], int.from_bytes(body[j + 1:j + 3], "big")
                    if ntype == 0:
                        return body[j + 3:j + 3 + nlen].decode("ascii")
                    j += 3 + nlen
                return None
            i += elen
        return None
    except (IndexError, UnicodeDecodeError):
        return NOT_HELLO


class ClientHelloReader(asyncio.Protocol):
    """The raw TCP transport's protocol until the ClientHello is read.

    ``onhello(servername)`` is called once (``servername``: str, or None when
    there is none or the bytes are not a hello); ``onclose(exc)`` if the
    connection ends first.  Reading pauses after the hello; :attr:`buffer`
    holds every byte read, for :func:`feed`.
    """

    def __init__(self, onhello: Callable[[Any], None],
                 onclose: Callable[[BaseException | None], None]) -> None:
        self.buffer = bytearray()
        self.transport: Any = None
        self._onhello: Any = onhello
        self._onclose: Any = onclose

    def connection_made(self, transport: Any) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        cb = self._onhello
        if cb is None:
            return
        name = parseClientHello(bytes(self.buffer))
        if name is NEED_MORE:
            return
        self._onhello = None
        self.transport.pause_reading()
        cb(None if name is NOT_HELLO else name)

    def eof_received(self) -> bool:
        self._closed(None)
        return False

    def connection_lost(self, exc: BaseException | None) -> None:
        self._closed(exc)

    def _closed(self, exc: BaseException | None) -> None:
        cb = self._onclose
        self._onclose = self._onhello = None
        if cb is not None:
            cb(exc)


def feed(protocol: Any, data: bytes) -> None:
    """Hand ``data`` (bytes read before ``protocol`` took the transport) to it,
    as the transport would have: a buffered protocol's ``get_buffer`` /
    ``buffer_updated`` (asyncio's and uvloop's SSL protocols), else
    ``data_received``."""
    if not data:
        return
    if not hasattr(protocol, "get_buffer"):
        protocol.data_received(data)
        return
    view = memoryview(data)
    while view:
        buf = protocol.get_buffer(len(view))
        n = min(len(buf), len(view))
        buf[:n] = view[:n]
        protocol.buffer_updated(n)
        view = view[n:]
