"""The header half of Node's ``_http_outgoing.js``: ``setHeader`` and its
family, and ``_storeHeader`` -- the header block and the framing decisions
(keep-alive, ``Content-Length``, chunked) -- with the caches that let a
header dict passed again, or one of the usual shapes, skip re-rendering.

Invariant: a cached rendering is used only where it is exactly what the
general code below it would produce (each such guard is pinned in
tests/test_shortcuts.py); the caches are bounded.  The methods live on
:class:`_Headers`, a base of :class:`~nodehttp.http_outgoing.OutgoingMessage`
and of nothing else, so they read the message's own fields.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import codes, js_string
from ..http_common import (
    dateLine,
    validateHeaderName,
    validateHeaderValue,
)

# Node's OutgoingMessage inherits the legacy ``Stream`` (EventEmitter + pipe)

if TYPE_CHECKING:
    from .message import OutgoingMessage

HIGH_WATER_MARK = 16 * 1024

_RE_CONN_CLOSE = re.compile(r"(?:^|\W)close(?:$|\W)", re.I).search
_RE_TE_CHUNKED = re.compile(r"(?:^|\W)chunked(?:$|\W)", re.I).search

_CRLF = b"\r\n"
_LAST_CHUNK = b"0\r\n\r\n"
_CRLF_LAST = b"\r\n0\r\n\r\n"  # a chunk's CRLF, then the last chunk
_EMPTY = b""


def _check_name_string(name: Any) -> None:
    if not isinstance(name, str):
        raise codes.ERR_INVALID_ARG_TYPE("name", "string", name)


def _is_cookie_field(s: str) -> bool:
    return len(s) == 6 and s.lower() == "cookie"



class _HeaderState:
    """``_storeHeader``'s bookkeeping (Node's ``state`` object literal), plus
    what ``matchHeader`` does to the message (applied once all headers are in)."""

    # Defaults on the class: a new state costs one store.
    connection = False
    contLen = False
    te = False
    date = False
    expect = False
    trailer = False
    connClose = False   # a Connection header said close
    connKeep = False    # a Connection header said anything else
    teChunked = False   # a Transfer-Encoding header said chunked
    types: tuple = ()
    # Cached dicts: only a Content-Length among the headers Node looks at
    # (the usual response) -- the block's tail (Date, Connection, CRLF) is
    # then kept with it for the current Date line.
    plainLength = False
    # Cached dicts with none of the headers Node looks at (the docs' handler:
    # ``{'Content-Type': ...}``): the tail is Date, Connection: keep-alive,
    # Transfer-Encoding: chunked and the CRLF when no length is known.
    plainChunked = False
    tail = ""
    tailDate = ""

    def __init__(self, firstLine: str) -> None:
        self.header = firstLine


# Rendered header dicts: ``tuple(headers.items())`` -> the state holding the
# rendered lines and flags (valid when the value types match too, since
# ``True == 1`` but renders differently).  Bounded.
_header_cache: dict[tuple, _HeaderState] = {}
_HEADER_CACHE_MAX = 512
# id(dict) -> (a copy of it, its state): the same dict object passed again
# (a module-level constant) is recognised by one comparison with the copy.
# Bounded like _header_cache; a reused id fails the comparison.
_header_ids: dict[int, tuple[dict, _HeaderState]] = {}


_NO_HEADERS = _HeaderState("")  # read-only flags for a message without headers


class _Headers:
    """``OutgoingMessage``'s header methods (Node keeps them in the same file)."""

    def _storeHeader(self, firstLine: str, headers: Any) -> None:
        """Build ``_header`` from ``firstLine`` and ``headers`` (our own
        ``_kOutHeaders`` map, a dict, a list of pairs or a flat raw list) and
        decide the framing: keep-alive, Content-Length, chunked or
        close-delimited, exactly as Node's ``_storeHeader``."""
        header: str | None = None
        if headers:
            if headers is self._kOutHeaders:
                state = _HeaderState(firstLine)
                for field, value in headers.values():
                    if isinstance(value, (list, tuple)):
                        if len(value) < 2 or not _is_cookie_field(field):
                            for v in value:
                                self._storeOne(state, field, v, False)
                            continue
                        value = "; ".join(js_string(v) for v in value)
                    self._storeOne(state, field, value, False)
            elif isinstance(headers, dict):
                # The same dict object, unchanged since it was last rendered
                # (a module-level constant): one C-level comparison.
                hit = _header_ids.get(id(headers))
                if hit is not None and hit[0] == headers:
                    state = hit[1]
                else:
                    state = self._dictHeaderState(headers)
                if (state.plainLength and self.sendDate and self.shouldKeepAlive
                        and not self._removedConnection and not self.chunkedEncoding
                        and not self._removedContLen and not self._keepAliveTimeout
                        and not self.maxRequestsOnConnectionReached):
                    # The usual keep-alive response: Date and
                    # Connection: keep-alive added, nothing else to decide.
                    date = dateLine()
                    if state.tailDate is not date:
                        state.tail = state.header + date + "Connection: keep-alive\r\n\r\n"
                        state.tailDate = date
                    self._header = firstLine + state.tail
                    self._headerSent = False
                    return
                if (state.plainChunked and self.sendDate and self.shouldKeepAlive
                        and self.useChunkedEncodingByDefault and self._hasBody
                        and self._contentLength is None and not self.chunkedEncoding
                        and not self._removedConnection and not self._removedTE
                        and not self._keepAliveTimeout
                        and not self.maxRequestsOnConnectionReached):
                    # The docs' handler (no length known yet): Date,
                    # Connection: keep-alive and Transfer-Encoding: chunked
                    # added, exactly what the general path below decides.
                    date = dateLine()
                    if state.tailDate is not date:
                        state.tail = (state.header + date + "Connection: keep-alive\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n")
                        state.tailDate = date
                    self._header = firstLine + state.tail
                    self._headerSent = False
                    self.chunkedEncoding = True
                    return
                if state.connection or state.te or state.contLen:
                    self._applyHeaderState(state)
                header = firstLine + state.header
            elif isinstance(headers, (list, tuple)):
                state = _HeaderState(firstLine)
                if headers and isinstance(headers[0], (list, tuple)):
                    for pair in headers:
                        self._processHeader(state, pair[0], pair[1])
                else:
                    if len(headers) % 2:
                        raise codes.ERR_INVALID_ARG_VALUE("headers", headers)
                    for i in range(0, len(headers), 2):
                        self._processHeader(state, headers[i], headers[i + 1])
            else:
                state = _HeaderState(firstLine)
            if header is None:
                self._applyHeaderState(state)
                header = state.header
        else:
            state = _NO_HEADERS
            header = firstLine

        # Date header
        if self.sendDate and not state.date:
            header += dateLine()

        # A 204/304 with a user-set chunked Transfer-Encoding: no zero chunk,
        # and the connection closes (it would confuse proxies otherwise).
        statusCode = self.statusCode
        if (statusCode == 204 or statusCode == 304) and self.chunkedEncoding:
            self.chunkedEncoding = False
            self.shouldKeepAlive = False

        # keep-alive logic
        if self._removedConnection:
            self._last = True
            self.shouldKeepAlive = False
        elif not state.connection:
            if self.shouldKeepAlive and (state.contLen or self.useChunkedEncodingByDefault
                                         or self.agent):
                if self.maxRequestsOnConnectionReached:
                    header += "Connection: close\r\n"
                else:
                    header += "Connection: keep-alive\r\n"
                    if self._keepAliveTimeout and "\nkeep-alive:" not in header.lower():
                        m = self._maxRequestsPerSocket
                        header += (f"Keep-Alive: timeout={int(self._keepAliveTimeout // 1000)}"
                                   + (f", max={m}" if m and m > 0 else "") + "\r\n")
            else:
                self._last = True
                header += "Connection: close\r\n"

        if not state.contLen and not state.te:
            if not self._hasBody:
                # Make sure we don't end the 0\r\n\r\n at the end of the message.
                self.chunkedEncoding = False
            elif not self.useChunkedEncodingByDefault:
                self._last = True
            elif (not state.trailer and not self._removedContLen
                  and self._contentLength is not None):
                header += "Content-Length: " + str(self._contentLength) + "\r\n"
            elif not self._removedTE:
                header += "Transfer-Encoding: chunked\r\n"
                self.chunkedEncoding = True
            # else: both Content-Length and Transfer-Encoding were removed.

        # A non-chunked message cannot carry trailers.
        if not self.chunkedEncoding and state.trailer:
            raise codes.ERR_HTTP_TRAILER_INVALID()

        self._header = header + "\r\n"
        self._headerSent = False

        # Wait until the first body chunk, or end(), is sent to flush,
        # UNLESS we're sending Expect: 100-continue.
        if state.expect:
            self._send(_EMPTY)

    def _dictHeaderState(self, headers: dict) -> _HeaderState:
        """The rendered state of a headers dict, from the content-keyed cache
        (or rendered and validated now, and cached)."""
        try:
            key = tuple(headers.items())
            cached = _header_cache.get(key)
        except TypeError:  # an unhashable value (a list)
            key = cached = None
        if cached is not None and cached.types == tuple(map(type, headers.values())):
            state = cached
        else:
            state = _HeaderState("")
            for field, value in headers.items():
                self._processHeader(state, field, value)
            if key is None:
                return state
            if len(_header_cache) >= _HEADER_CACHE_MAX:
                # Per-response values (lengths, ETags) filled it: start over
                # so the dicts that do repeat get cached again.
                _header_cache.clear()
            state.types = tuple(map(type, headers.values()))
            state.plainLength = state.contLen and not (
                state.connection or state.te or state.date or state.expect
                or state.trailer)
            state.plainChunked = not (state.contLen or state.connection or state.te
                                      or state.date or state.expect or state.trailer)
            _header_cache[key] = state
        # Equality stands for "renders the same" only when no value can equal
        # a bool (True == 1 renders "true" vs "1"): str, and numbers other
        # than 0 and 1.
        for value in headers.values():
            c = value.__class__
            if c is not str and (c is not int and c is not float or value == 0 or value == 1):
                return state
        if len(_header_ids) >= _HEADER_CACHE_MAX:
            _header_ids.clear()
        _header_ids[id(headers)] = (dict(headers), state)
        return state

    def _processHeader(self, state: _HeaderState, key: Any, value: Any) -> None:
        validateHeaderName(key)
        if isinstance(value, (list, tuple)):
            if len(value) < 2 or not _is_cookie_field(key):
                for v in value:
                    self._storeOne(state, key, v, True)
                return
            value = "; ".join(js_string(v) for v in value)
        self._storeOne(state, key, value, True)

    def _storeOne(self, state: _HeaderState, key: str, value: Any, validate: bool) -> None:
        if validate:
            validateHeaderValue(key, value)
        if value.__class__ is not str:
            value = js_string(value)  # String(value); a Buffer is its UTF-8 text
        state.header += key + ": " + value + "\r\n"
        n = len(key)
        if n < 4 or n > 17:
            return
        field = key.lower()
        if field == "connection":
            state.connection = True
            if _RE_CONN_CLOSE(value):
                state.connClose = True
            else:
                state.connKeep = True
        elif field == "transfer-encoding":
            state.te = True
            if _RE_TE_CHUNKED(value):
                state.teChunked = True
        elif field == "content-length":
            state.contLen = True
        elif field == "date":
            state.date = True
        elif field == "expect":
            state.expect = True
        elif field == "trailer":
            state.trailer = True

    def _applyHeaderState(self, state: _HeaderState) -> None:
        """Node's ``matchHeader`` effects on the message, for all headers at once."""
        if state.connection:
            self._removedConnection = False
            if state.connClose:
                self._last = True
            if state.connKeep:
                self.shouldKeepAlive = True
        if state.te:
            self._removedTE = False
            if state.teChunked:
                self.chunkedEncoding = True
        if state.contLen:
            self._removedContLen = False

    # -- header map API -----------------------------------------------------------

    def setHeader(self, name: str = None, value: Any = None) -> OutgoingMessage:  # type: ignore[assignment]
        """Set one header (a list value sends the header once per item).

        A bytes value (a Buffer) is sent as its text, as Node's ``String(buf)``;
        an omitted argument is ``undefined``, with Node's error.
        """
        if self._header is not None:
            raise codes.ERR_HTTP_HEADERS_SENT("set")
        validateHeaderName(name)
        validateHeaderValue(name, value)
        headers = self._kOutHeaders
        if headers is None:
            self._kOutHeaders = headers = {}
        headers[name.lower()] = [name, value]
        return self

    def getHeader(self, name: str = None) -> Any:  # type: ignore[assignment]
        """The value set for ``name`` (case-insensitive), or None."""
        _check_name_string(name)
        headers = self._kOutHeaders
        if headers is None:
            return None
        entry = headers.get(name.lower())
        return entry[1] if entry is not None else None

    def getHeaderNames(self) -> list[str]:
        """The lower-cased names of the headers set so far."""
        headers = self._kOutHeaders
        return list(headers) if headers is not None else []

    def getHeaders(self) -> dict[str, Any]:
        """A copy of the headers set so far, keyed by lower-cased name."""
        headers = self._kOutHeaders
        if headers is None:
            return {}
        return {k: v[1] for k, v in headers.items()}

    def hasHeader(self, name: str = None) -> bool:  # type: ignore[assignment]
        """Whether ``name`` (case-insensitive) is set."""
        _check_name_string(name)
        headers = self._kOutHeaders
        return headers is not None and name.lower() in headers

    def removeHeader(self, name: str = None) -> None:  # type: ignore[assignment]
        """Remove ``name``; removing Connection/Content-Length/Transfer-Encoding/Date
        also stops Node from adding its own."""
        _check_name_string(name)
        if self._header is not None:
            raise codes.ERR_HTTP_HEADERS_SENT("remove")
        key = name.lower()
        if key == "connection":
            self._removedConnection = True
        elif key == "content-length":
            self._removedContLen = True
        elif key == "transfer-encoding":
            self._removedTE = True
        elif key == "date":
            self.sendDate = False
        headers = self._kOutHeaders
        if headers is not None:
            headers.pop(key, None)

    def _renderHeaders(self) -> dict[str, Any]:
        """The headers as ``{original name: value}`` (used by ClientRequest)."""
        if self._header is not None:
            raise codes.ERR_HTTP_HEADERS_SENT("render")
        headers = self._kOutHeaders
        if headers is None:
            return {}
        return {name: value for name, value in headers.values()}

