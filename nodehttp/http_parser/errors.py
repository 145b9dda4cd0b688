"""How :class:`~nodehttp.http_parser.HTTPParser` fails: httptools' exceptions
turned into Node's ``HPE_*`` errors (with Node's codes where httptools'
newer llhttp names the same bytes differently), the header-size overflow
counted as Node counts it, and the pending-bytes checks.

Invariant: a parse error is set once (``_set_error``); after it the parser
is dead, as Node's is, and ``execute`` returns it (or nothing, while Node's
upgrade flag keeps errors quiet).  The methods live on :class:`_ParserErrors`,
a base of ``HTTPParser`` only.
"""

from __future__ import annotations


from httptools import HttpParserCallbackError, HttpParserError

from ..llhttp import HEADER_CODES as _HEADER_CODES
from ..llhttp import bad_value_byte as _bad_value_byte
from ..llhttp import block_end as _block_end
from ..llhttp import code_for as _code_for
from ..llhttp import content_length_tab as _content_length_tab
from ..llhttp import cr_without_lf as _cr_without_lf
from ..llhttp import cr_without_lf_cut as _cr_without_lf_cut
from ..llhttp import START_LINES as _START_LINES
from ..llhttp import empty_te_end as _empty_te_end
from ..llhttp import header_block_verdict as _header_block_verdict
from ..llhttp import error_without_empty_te as _error_without_empty_te
from ..llhttp import first_error_offset as _first_error_offset
from ..llhttp import parse_error
from ..llhttp import start_line as _start_line


def _closed_error_pos(kind: int, insecure: bool, data: bytes) -> int:
    """Node 20's ``bytesParsed`` for data after a closed message: llhttp's
    closed state consumes the byte it rejects (``skipTo``), so its error
    position is one past that byte."""
    return _first_error_offset(kind, insecure, data) + 1


class _Stop(Exception):
    """Raised inside a parser callback to abort feed_data with a parse error."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


class _AfterEmptyTE:
    """Stands in for llhttp once it stopped at an empty Transfer-Encoding in
    a header block that goes on in later chunks: Node's llhttp ignores the
    header and reads on, so the verdict waits for the rest of the block --
    its first error, or (nodehttp rejects the empty header on purpose, see
    docs/hardening.md) ``Empty Transfer-Encoding`` when it completes sound.
    It only ever raises that verdict: nothing of the message is delivered."""

    def __init__(self, kind: int, insecure: bool, rest: bytes) -> None:
        self.kind = kind
        self.insecure = insecure
        self.rest = rest  # the block's bytes after the empty header line

    def feed_data(self, data: bytes | memoryview) -> None:
        self.rest += data
        verdict = _header_block_verdict(self.kind, self.insecure,
                                        _START_LINES[self.kind] + self.rest)
        if verdict is True:
            raise HttpParserError('Empty Transfer-Encoding')
        if verdict:
            raise HttpParserError(verdict[1])


class _UpgradeDone(Exception):
    """Raised when the body of a declined Upgrade request is complete."""



class _ParserErrors:
    """``HTTPParser``'s failure paths."""

    def _check_pending(self, data: bytes) -> Exception | None:
        # Headers still incomplete after a whole chunk: bound what httptools
        # has buffered but not yet reported (see module docstring).
        exact = self._header_bytes()
        nl = data.rfind(b'\n')
        buf = self._continued(data)
        # the header line still arriving (its start, for the next chunk)
        self._tail = data[nl + 1:] if nl >= 0 or self._inHeaders == 2 else self._tail + data
        # whether the line still arriving is past its name (see _unfinished)
        self._inValue = b':' in data[nl + 1:] or (nl < 0 and self._inValue)
        if self._inHeaders == 2:
            # The message began in this chunk: its complete lines are
            # reported; the header line still arriving is not (Node counts
            # its name and value bytes so far): its raw bytes count.
            tail = data[data.rfind(b'\n') + 1:]
            partial = 0 if _start_line(tail) else len(tail)
            self._hdrRaw = exact + 3 * (len(self._headers) >> 1) + partial
        else:
            self._hdrRaw += len(data)
        estimate = self._hdrRaw - 3 * (len(self._headers) >> 1)
        over = max(exact, estimate) - self.maxHeaderSize
        if _content_length_tab(buf, len(buf) - max(over, 0)):
            # Node fails at the tab at once, not when the headers complete
            # (nor at an overflow after it)
            return self._set_error(parse_error('HPE_INVALID_CONTENT_LENGTH',
                                               'Invalid character in Content-Length', 0, data))
        if over > 0:
            return self._set_error(parse_error('HPE_HEADER_OVERFLOW', 'Header overflow', 0, None))
        return None

    def _continued(self, data: bytes) -> bytes:
        """``data`` behind the start of the header line it continues (a
        header block begun in an earlier chunk) and an LF: what the
        line-anchored byte checks read."""
        return b'\n' + self._tail + data if self._inHeaders == 1 else data

    def _set_error(self, err: Exception) -> Exception | None:
        """The parser is dead with ``err``: returned, or swallowed (None) while
        a declined Upgrade's flag is up (see the module docstring)."""
        self._error = err
        if self._afterUpgrade:
            self._quiet = True
            return None
        if self._inHeaders and len(self._headers) > 64 and self.onHeaders is not None:
            self.onHeaders()  # Node flushed at the 33rd field, before this error
        return err

    def _fail(self, exc: HttpParserError, data: bytes) -> Exception | None:
        if isinstance(exc, HttpParserCallbackError):
            ctx = exc.__context__
            if isinstance(ctx, _Stop):
                # (data after a closed message: where llhttp would stop)
                parsed = (_closed_error_pos(self.kind, self.insecure, data)
                          if self._fresh and ctx.code == 'HPE_CLOSED_CONNECTION' else 0)
                return self._set_error(parse_error(ctx.code, str(ctx), parsed, data))
            if isinstance(ctx, _UpgradeDone):
                # The declined Upgrade's body is read: parse HTTP again from
                # the next chunk (Node drops the rest of this one).
                self._parser = self._new_llhttp()
                self.upgradeOffset = len(data)
                return None
            self._error = parse_error('HPE_USER', 'User callback error', 0, data)
            if ctx is not None:
                # The listener's own exception, with its own context (not
                # httptools' wrapper, which Python would chain onto it here).
                orig = ctx.__context__
                try:
                    raise ctx
                finally:
                    ctx.__context__ = orig
            raise exc
        if self._inHeaders and self._header_bytes() > self.maxHeaderSize:
            # The headers overflowed before llhttp found this error: Node's
            # per-callback count would have stopped there.
            return self._set_error(parse_error('HPE_HEADER_OVERFLOW', 'Header overflow', 0, data))
        code, reason = _code_for(exc)
        if not self._fresh:
            parsed = 0
        elif code == 'HPE_CLOSED_CONNECTION':
            parsed = _closed_error_pos(self.kind, self.insecure, data)
        else:
            parsed = _first_error_offset(self.kind, self.insecure, data)
        if self._inHeaders and (self._unreported(data, parsed) > 0 if self._fresh
                                else self._inHeaders == 1
                                and self._unfinished(data) > self.maxHeaderSize):
            return self._set_error(parse_error('HPE_HEADER_OVERFLOW', 'Header overflow', 0, data))
        if (self._inHeaders and code != 'HPE_INVALID_CONTENT_LENGTH'
                and (self._fresh or code in _HEADER_CODES)
                and self._content_length_tab_before(data, parsed)):
            # Node stopped at the tab after a Content-Length's digits, before
            # the byte httptools' llhttp rejects.
            code, reason = 'HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length'
        elif reason == 'Empty Transfer-Encoding' and self._inHeaders:
            # Deliberately rejected (docs/hardening.md), but both Nodes read
            # on past it: a later error in the same header block is their
            # answer (a block begun in an earlier chunk or after another
            # message: its lines after the empty one, replayed).
            later: tuple[str, str] | bool | None = (
                _error_without_empty_te(self.kind, self.insecure, data) if self._fresh else None)
            if later is None:
                buf = self._tail + data if self._inHeaders == 1 else data
                end = _empty_te_end(buf)
                if end < 0 and self._inHeaders == 1 and not self._fresh:
                    end = 0  # the empty line ended the last chunk: llhttp failed at data[0]
                if end >= 0:
                    later = _header_block_verdict(self.kind, self.insecure,
                                                  _START_LINES[self.kind] + buf[end:])
                    if later is False:
                        # the block goes on in the next chunk: so does Node
                        self._parser = _AfterEmptyTE(self.kind, self.insecure, buf[end:])
                        self._fresh = False
                        # (a response's execute checks the pending headers itself)
                        return self._check_pending(data) if self.kind == 0 else None
            if isinstance(later, tuple):
                code, reason = later
        elif reason == 'Expected CRLF after version' and (
                _cr_without_lf(data) or (self._inHeaders == 1 and (data[:1] == b'\r' or _cr_without_lf_cut(data)))):
            # Node 20's code for a CR not followed by LF there (llhttp only
            # rejects a CR's next byte: also when the request line began in
            # an earlier chunk, cut before or inside the version).
            # Left: the CR ending one chunk, the rejected byte (not LF)
            # starting the next.
            code = 'HPE_STRICT'
        elif reason == 'Expected LF after CR' and self.kind == 1 and (
                data.startswith(b'HTTP/', data.rfind(b'\n', 0, parsed) + 1)
                and data[parsed:parsed + 1] == b'\r'
                if self._fresh else not self._headers
                and data.find(b'\r') == data.find(b'\r\r') >= 0):
            # The status line's CR followed by another CR: Node 20's llhttp
            # reads on and rejects the next byte as a header name character
            # (or, when it starts a header, accepts the line; any other byte
            # after the CR is HPE_STRICT, as after a header value's CR).
            code, reason = 'HPE_INVALID_HEADER_TOKEN', 'Invalid header field char'
        return self._set_error(parse_error(code, reason, parsed, data))

    def _content_length_tab_before(self, data: bytes, parsed: int) -> bool:
        """Whether the header block llhttp failed in holds a Content-Length
        whose digits are followed by a tab before the error (``parsed``, in a
        fresh parser; else before the block's end, the name possibly begun in
        the previous chunk)."""
        if self._fresh:
            return _content_length_tab(data, parsed + 1)
        buf = self._continued(data)
        return _content_length_tab(buf, len(buf) - len(data) + _block_end(data))

    def _unfinished(self, data: bytes) -> int:
        """Node's header count when llhttp hit an error in ``data``, a later
        chunk of a header block begun in an earlier one (where httptools
        gives no error position):
        the estimate so far (see _check_pending) plus the header line that
        was still arriving, which ends at ``data``'s first LF -- or at its
        first byte no header value admits, where llhttp would stop first."""
        end = data.find(b'\n')
        m = _bad_value_byte(data, 0, len(data) if end < 0 else end)
        stop = (len(data) if end < 0 else end) if m is None else m.start()
        # Node counts a name or value once llhttp ends it (at ':', CR or
        # LF); a byte llhttp rejects inside it stops it uncounted.
        ended = data[stop] == 13 if m is not None else end >= 0
        if self._inValue:
            n = stop if ended else 0
        else:
            colon = data.find(b':', 0, stop)
            n = 0 if colon < 0 else stop if ended else colon
        return self._hdrRaw - 3 * (len(self._headers) >> 1) + n

    def _unreported(self, data: bytes, parsed: int) -> int:
        """How far over ``maxHeaderSize`` Node's count was when llhttp hit
        the error at ``data[parsed]`` (a message that began at ``data[0]``):
        httptools reports a header only once the next one is named, so the
        line before the rejected one may be unreported."""
        start = data.rfind(b'\n', 0, parsed) + 1   # the rejected line
        prev = data.rfind(b'\n', 0, max(start - 1, 0)) + 1
        name, _, value = data[prev:start].rstrip(b'\r\n').partition(b':')
        raw = self._headers
        pending = parsed - start  # the rejected line's bytes before the error
        if data.count(b'\n', 0, start) - 1 > len(raw) >> 1:  # (the start line)
            pending += len(name) + len(value.strip(b' \t'))
        return self._header_bytes() + pending - self.maxHeaderSize
