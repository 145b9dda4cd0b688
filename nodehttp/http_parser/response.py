"""Node's ``HTTPParser`` of kind ``RESPONSE``: :class:`HTTPResponseParser`,
the client's parser.  It binds llhttp's ``on_status`` (no ``on_url``), and
feeds llhttp in steps so that a body the owner asks to skip (the response to
HEAD or CONNECT) ends at the right byte (see the package docstring)."""

from __future__ import annotations

from typing import Any

from httptools import HttpParserError, HttpParserUpgrade

from ..llhttp import connection_verdict as _connection_verdict
from ..llhttp import is_chunked as _is_chunked
from ..llhttp import new_parser as _new_parser
from ..llhttp import next_header_end as _next_header_end
from .parser import _UNKNOWN, _VERSIONS, HTTPParser, split_headers

__all__ = ['HTTPResponseParser']

class _Closed:
    """Callbacks of a RESPONSE llhttp kept in its closed state (none)."""


class HTTPResponseParser(HTTPParser):
    """Node's ``new HTTPParser(HTTPParser.RESPONSE)``: parses responses and
    reports them with ``onHeadersComplete(major, minor, headers, None, None,
    statusCode, statusMessage, upgrade, shouldKeepAlive)``."""

    kind = HTTPParser.RESPONSE

    #: Whether the owner may ask (onHeadersComplete returning 1 or 2) to skip
    #: a body llhttp would otherwise read -- the response to a HEAD or
    #: CONNECT.  When False, a chunk is handed to llhttp whole instead of in
    #: steps (1xx responses and llhttp-detected upgrades need no steps:
    #: llhttp ends or pauses those messages itself).
    maySkipBody = True

    # (its state, _skip, _closeAfter, _code, _length, _bodyRead: slots of HTTPParser)

    def on_status(self, status: bytes) -> None:
        self._status = self._status + status if self._status else status

    def on_body(self, body: bytes) -> None:
        self._bodyRead += len(body)
        self.onBody(body)

    def on_headers_complete(self) -> None:
        status = self._status
        headers, block = self._headers_done(len(status))
        p = self._parser
        self._status = b''
        if self._v11:  # this message began its chunk with "HTTP/1.1 "
            self._v11 = False
            major = minor = 1
        else:
            version = p.get_http_version()
            major, minor = _VERSIONS.get(version) or tuple(map(int, version.split('.')))
        code = self._code = p.get_status_code()
        self._length = _UNKNOWN
        self._bodyRead = 0
        keepAlive = p.should_keep_alive()
        if not keepAlive:  # (set True again only by a new llhttp: a closed one stays so)
            self._restart = self.insecure
        src = self._connTab
        if src:
            # A Connection or Transfer-Encoding value ended in a tab: frame
            # by the untrimmed values (``chunked<TAB>`` is not chunked, to
            # llhttp) and, as for a request (see _tab_keep_alive),
            # ``close<TAB>`` is no close token; a body to EOF still closes.
            self._connTab = False
            length = self._length = self._framing(split_headers(src))
            if self._tab_keep_alive(src, major, minor, keepAlive) and not keepAlive:
                keepAlive = length != -1
        ret = self.onHeadersComplete(major, minor, headers, None, None, code,
                                     status.decode('latin-1'),
                                     p.should_upgrade(), keepAlive)
        if ret:
            self._skip = 2 if ret == 2 else 1
            if ret != 2 and not self.insecure:
                # Node's llhttp decides again once the skipped message is
                # complete (its body no longer runs to EOF): not kept alive,
                # it reads nothing more (see _closed_parser).
                self._closeAfter = not _connection_verdict(
                    split_headers(src or block), major, minor)


    def _body_length(self) -> int:
        """The current response's body framing, computed once from its
        headers: its Content-Length, -1 when it runs to EOF, -2 when it is
        chunked or has no body."""
        length = self._length
        if length == _UNKNOWN:
            length = self._length = self._framing()
        return length

    def _bodyCovers(self, n: int) -> bool:
        """Whether the next ``n`` bytes are all this response's body (it runs
        to EOF, or more of its Content-Length is due): then no other response
        can start in them, and the chunk needs no search for a ``101``."""
        length = self._body_length()
        return length == -1 or length - self._bodyRead >= n

    def _framing(self, headers: list[str] | None = None) -> int:
        code = self._code
        if code < 200 or code == 204 or code == 304:
            return -2
        if headers is None:
            headers = self._headers
        length = -1
        chunked = False
        for i in range(0, len(headers), 2):
            n = headers[i]
            if len(n) == 14 and n.lower() == 'content-length':
                length = int(headers[i + 1])
            elif len(n) == 17 and n.lower() == 'transfer-encoding':
                chunked = _is_chunked(headers[i + 1])
        return -2 if chunked else length

    def _closed_parser(self) -> Any:
        """A RESPONSE llhttp in its ``closed`` state, as Node's is after a
        message that is not kept alive: it skips CR and LF and fails anything
        else with ``HPE_CLOSED_CONNECTION`` (primed with a throw-away message,
        its callbacks go nowhere)."""
        p = _new_parser(1, _Closed(), False)
        p.feed_data(b'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return p

    def _feed_step(self, data: Any, offset: int, full: bytes) -> Exception | bool | None:
        """Feed one slice (RESPONSE parser); True means an upgrade stopped it."""
        try:
            self._parser.feed_data(data)
        except HttpParserUpgrade as exc:
            self.upgradeOffset = offset + exc.args[0]
            self._parser = _new_parser(1, self, self.insecure)
            self._restart = True
            return True
        except HttpParserError as exc:
            if str(exc) == 'Pause on CONNECT/Upgrade':
                # A 101 without Upgrade headers: llhttp still stops there.
                self.upgradeOffset = offset + len(data)
                self._parser = _new_parser(1, self, self.insecure)
                self._restart = True
                return True
            return self._fail(exc, full)
        return None

    def execute(self, data: bytes) -> Exception | None:
        """Node's ``parser.execute(data)``: parse ``data``; None on success,
        else the (dead parser's) parse error.  Sets ``upgradeOffset``."""
        if self._error is not None:
            return None if self._quiet else self._error
        self.upgradeOffset = None
        if self._paused:
            self._buffered.append(data)
            return None

        if self._inHeaders:
            self._inHeaders = 1
        else:
            inBody = self._inBody
            if not inBody and data[:9] == b'HTTP/1.1 ':
                self._v11 = True  # a message starts at this chunk's first byte
            if (not self.maySkipBody and (inBody or data[9:10] > b'1')
                    and ((inBody and self._bodyCovers(len(data))) or b' 101' not in data)):
                # One feed, when no skip can be asked for: the chunk continues a
                # body or starts with a final response, and anything after that
                # is a double response (the owner drops the connection).  1xx
                # responses (their body is skipped even with a Content-Length)
                # and 101s (without Upgrade headers llhttp fails without a
                # position) take the steps below.
                r = self._feed_step(data, 0, data)
                self._fresh = False
                if r is not None:
                    return None if r is True else r
                self._skip = 0
                if self._inHeaders:
                    return self._check_pending(data)
                return None
        n = len(data)
        pos = 0
        view = memoryview(data)
        while pos < n:
            if self._inBody and not self._skip:
                length = self._body_length()
                end = n if length < 0 else min(n, pos + length - self._bodyRead)
                if end <= pos:
                    end = n
            else:
                end = _next_header_end(data, pos, n)
            r = self._feed_step(view[pos:end] if pos or end != n else data, pos, data)
            if r is not None:
                self._fresh = False
                return None if r is True else r
            pos = end
            if self._skip:
                skip = self._skip
                self._skip = 0
                if self._inBody:  # llhttp still expects a body: end it here
                    self.on_message_complete()
                    self._parser = _new_parser(1, self, self.insecure)
                    self._restart = True
                if self._closeAfter:
                    self._closeAfter = False
                    self._parser = self._closed_parser()
                    self._restart = False
                if skip == 2:
                    self.upgradeOffset = pos
                    self._fresh = False
                    return None
        self._fresh = False
        if self._inHeaders:
            return self._check_pending(data)
        return None

    def finish(self) -> Exception | None:
        """Node's ``parser.finish()`` at EOF: completes a body delimited by the
        connection close; returns ``HPE_INVALID_EOF_STATE`` mid-message."""
        if self._error is None and self._inBody and self._body_length() == -1:
            self.on_message_complete()
            return None
        return HTTPParser.finish(self)
