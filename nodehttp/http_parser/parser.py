"""Node's ``node_http_parser.cc`` over httptools: :class:`HTTPParser` (the
request and response parser; the package docstring states its contract,
:mod:`.errors` how it fails)."""

from __future__ import annotations

from typing import Any, Callable

from httptools import HttpParserError, HttpParserUpgrade

from ..llhttp import connection_verdict as _connection_verdict
from ..llhttp import is_chunked as _is_chunked
from ..llhttp import new_parser as _new_parser
from ..llhttp import next_header_end as _next_header_end
from ..llhttp import parse_error

from .errors import _ParserErrors, _Stop, _UpgradeDone

__all__ = ['HTTPParser', 'parse_error', 'split_headers']

class _Closed:
    """Callbacks of a RESPONSE llhttp kept in its closed state (none)."""


class _UpgradeBody:
    """Callbacks of the llhttp that reads a declined Upgrade request's body:
    primed with a synthetic request head carrying only the framing header,
    then forwarding body, trailers and completion to the owning parser."""

    def __init__(self, parser: HTTPParser) -> None:
        self.parser = parser
        self.primed = False
        self.on_body = parser.on_body

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.primed:  # a trailer (the priming header is not reported)
            self.parser.on_header(name, value)

    def on_message_complete(self) -> None:
        self.parser.on_message_complete()
        raise _UpgradeDone



_UNKNOWN = -3  # RESPONSE framing not computed yet
_VERSIONS = {'1.1': (1, 1), '1.0': (1, 0), '0.9': (0, 9), '2.0': (2, 0)}
_method_names: dict[bytes, str] = {}


def split_headers(block: str) -> list[str]:
    """A raw header block (``HTTPParser.headerBlock``) as Node's flat
    ``rawHeaders`` list of names and values."""
    return block.split('\r') if block else []


def _nothing(*args: Any) -> None:
    return None


class HTTPParser(_ParserErrors):
    """Node's ``HTTPParser`` binding over httptools (llhttp); see the module
    docstring for the full owner contract."""

    REQUEST = 0
    RESPONSE = 1

    # The owner's callbacks (see the module docstring).
    onMessageBegin: Callable[[], Any] | None = None
    onHeaders: Callable[[], Any] | None = None
    onHeadersComplete: Callable[..., Any] = staticmethod(_nothing)
    onBody: Callable[[bytes], Any] = staticmethod(_nothing)
    onTrailers: Callable[[list[str]], Any] = staticmethod(_nothing)
    onMessageComplete: Callable[[], Any] = staticmethod(_nothing)

    #: RESPONSE parsers: whether the owner may ask (onHeadersComplete
    #: returning 1 or 2) to skip a body llhttp would otherwise read -- the
    #: response to a HEAD or CONNECT.  When False, a chunk is handed to llhttp
    #: whole instead of in steps (1xx responses and llhttp-detected upgrades
    #: need no steps: llhttp ends or pauses those messages itself).
    maySkipBody = True

    # The state of a fresh parser, kept on the class (a new parser stores
    # only its lists and settings); reinitialize() puts it back on a used one.
    # Between messages _url/_status are b'', _trailers None and _connTab
    # False (each is reset where it is consumed), so a message's start
    # costs two stores.
    upgradeOffset: int | None = None
    _error: Exception | None = None
    _paused = False
    _fresh = True           # nothing fed since (re)initialization
    _inHeaders = 0          # message begun, headers not complete: 2 if it
    #                         began during the current feed, else 1
    _inBody = False         # headers complete, message not complete
    _nread = 0              # Node-20 header byte count (set at headers complete)
    _hdrRaw = 0             # raw header-section bytes (estimate)
    _url = b''
    _status = b''
    _trailers: list[bytes] | None = None
    _skip = 0               # RESPONSE: owner asked to skip (1) / upgrade (2)
    _closeAfter = False     # RESPONSE: the skipped message is not kept alive
    _inValue = False        # headers incomplete at a chunk's end: the last line
    #                         is past its name's colon
    _code = 0               # RESPONSE: status code of the current message
    _length = _UNKNOWN      # RESPONSE: its framing (see _body_length), on demand
    _bodyRead = 0           # RESPONSE: its body bytes so far
    _connTab: Any = False   # the untrimmed header block when a Connection
    #                         (or, RESPONSE, Transfer-Encoding) value ended
    #                         in a tab (see _check_values)
    _sticky = False         # _afterUpgrade, _lenientKA or _flushed is set
    _flushed = False        # Node's have_flushed_ (see onHeaders)
    _afterUpgrade = False   # REQUEST: a declined Upgrade's flag (errors are quiet)
    _lenientKA = False      # REQUEST: llhttp's lenient_keep_alive is on for one message
    _upBody: bytes | None = None  # its framing header while its body is unread
    _quiet = False          # the error was swallowed (_afterUpgrade): ignore all
    #: When True, ``onHeadersComplete`` gets the raw header block instead of
    #: the list of str (a str: names and values, latin-1 decoded, joined by
    #: CR, '' when none), for owners that split it (split_headers) on demand.
    headerBlock = False
    #: REQUEST: False when the current message certainly has no Connection
    #: and no Expect header (set at headers complete); ``expect``: False
    #: when it certainly has no Expect header.
    rare = True
    expect = True
    # RESPONSE: the message whose headers complete next began a chunk with
    # "HTTP/1.1 " (its version is known without httptools' get_http_version(),
    # which formats a string).
    _v11 = False

    def __init__(self, kind: int, maxHeaderSize: int = 8192, insecure: bool = False) -> None:
        self.maxHeaderSize = maxHeaderSize
        self.insecure = insecure
        self.kind = kind
        self._parser = _new_parser(kind, self, insecure)
        self._buffered: list[bytes] = []
        self._headers: list[Any] = []   # raw bytes until headers complete, then str
        # What every message reads, in the instance (a read that falls
        # through to the class is not specialized by CPython 3.11).
        self.upgradeOffset = None
        self._error = None
        self._paused = False
        self._inHeaders = 0
        self._inBody = False
        self._url = b''
        self._status = b''
        self._trailers = None
        self._connTab = False
        self._skip = 0
        self._v11 = False
        self._sticky = False
        self._afterUpgrade = False
        self._upBody = None

    # -- lifecycle ---------------------------------------------------------
    def initialize(self, kind: int) -> None:
        """Node's ``parser.initialize(kind)``: a fresh parser of ``kind``."""
        self.kind = kind
        self.reinitialize()

    def reinitialize(self) -> None:
        """Forget all state (including a previous error); keep the callbacks."""
        self._parser = _new_parser(self.kind, self, self.insecure)
        self._error = None
        self._paused = False
        self._buffered = []
        self._fresh = True
        self.upgradeOffset = None
        self._inHeaders = 0
        self._inBody = False
        self._nread = 0
        self._hdrRaw = 0
        self._url = b''
        self._status = b''
        self._headers = []
        self._trailers = None
        self._skip = 0
        self._closeAfter = False
        self._code = 0
        self._length = _UNKNOWN
        self._bodyRead = 0
        self._connTab = False
        self._v11 = False
        self._sticky = False
        self._flushed = False
        self._afterUpgrade = False
        self._lenientKA = False
        self._upBody = None
        self._quiet = False

    def free(self) -> None:
        """Node's ``parser.free()``: the owner is done with this parser.

        Drops the llhttp instance, whose callbacks are bound methods of this
        object: the cycle would otherwise wait for the garbage collector.
        A freed parser is not executed again."""
        self._parser = None

    # -- httptools callbacks (the parser object is the protocol) -----------
    def on_message_begin(self) -> None:
        self._inHeaders = 2
        self._headers = []
        if self.onMessageBegin is not None:
            self.onMessageBegin()

    # The header bytes (url, status message, names and values) are counted
    # when the headers complete, when a chunk ends inside them, and when a
    # parse error stops them (_header_bytes): the verdict is the one a
    # per-callback count gives, since httptools reports nothing before a
    # header line is complete, and nothing of a message reaches the owner
    # before its headers are complete.
    def on_url(self, url: bytes) -> None:
        self._url = self._url + url if self._url else url

    def on_status(self, status: bytes) -> None:
        self._status = self._status + status if self._status else status

    def _header_bytes(self) -> int:
        raw = self._headers
        return len(self._url) + len(self._status) + (sum(map(len, raw)) if raw else 0)

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._inBody:
            self._on_trailer(name, value)
            return
        # Checked once per message at headers complete (_check_values).
        raw = self._headers
        raw.append(name)
        raw.append(value)

    def _on_trailer(self, name: bytes, value: bytes) -> None:
        if value and value[-1] in (32, 9):  # Node trims trailing SP/HTAB
            value = value.rstrip(b' \t')
        n = self._nread + len(name) + len(value)
        self._nread = n
        if n > self.maxHeaderSize:
            raise _Stop('HPE_HEADER_OVERFLOW', 'Header overflow')
        if self._trailers is None:
            self._trailers = []
        self._trailers += (name, value)

    def _check_values(self, raw: list[bytes], block: str) -> None:
        """Trim trailing SP/HTAB from header values (as Node does), with
        Node 20's checks on the tab cases."""
        for i in range(1, len(raw), 2):
            value = raw[i]
            if value and value[-1] in (32, 9):
                if 9 in value:
                    name = raw[i - 1].lower()
                    if name == b'content-length':
                        # Node 20's llhttp (9.3) rejects a tab after the length's
                        # digits; httptools' newer llhttp lets it through: a
                        # smuggling vector.
                        raise _Stop('HPE_INVALID_CONTENT_LENGTH',
                                    'Invalid character in Content-Length')
                    if name == b'connection' or (name == b'transfer-encoding'
                                                 and self.kind == 1):
                        self._connTab = block
                raw[i] = value.rstrip(b' \t')

    def on_headers_complete(self) -> None:
        # llhttp never lets CR into a name or value: join all pairs at once,
        # count their bytes from the joined length, and look for trailing
        # whitespace and the rare headers (Connection, Expect) in one block.
        raw = self._headers
        url = self._url
        status = self._status
        if raw:
            # (str searches: bytes.__contains__ costs a buffer export per call.)
            block = b'\r'.join(raw).decode('latin-1')
            if ' \r' in block or '\t\r' in block or block[-1] in ' \t':
                self._check_values(raw, block)
                block = b'\r'.join(raw).decode('latin-1')
            n = len(url) + len(status) + len(block) - len(raw) + 1
            if len(raw) > 64:  # Node flushed at the 33rd field (kOnHeaders)
                self._flushed = self._sticky = True
        else:
            block = ''
            n = len(url) + len(status)
        if n > self.maxHeaderSize:
            raise _Stop('HPE_HEADER_OVERFLOW', 'Header overflow')
        self._nread = n
        self._inHeaders = 0
        self._inBody = True
        if self._sticky:
            self._unstick()
        if self.headerBlock:
            headers: Any = block
            self._headers = []
        else:
            headers = self._headers = split_headers(block)
        p = self._parser
        if self.kind == 0:
            self._url = b''
            m = p.get_method()
            method = _method_names.get(m)
            if method is None:
                method = _method_names[m] = m.decode('latin-1')
            keepAlive = p.should_keep_alive()
            # Whether a Connection or Expect header may be there (a value
            # holding either word counts too: then the slow paths run).
            low = block.lower()
            expect = self.expect = 'expect' in low
            rare = self.rare = expect or 'connection' in low
            if keepAlive and not rare and not self.insecure:
                # llhttp keeps a request without a Connection header alive
                # only when major > 0 and minor > 0, and its strict version
                # check admits no such version but 1.1: the version is known
                # without get_http_version(), which formats a string.
                major = minor = 1
            else:
                version = p.get_http_version()
                major, minor = _VERSIONS.get(version) or tuple(map(int, version.split('.')))
            if rare and (self._connTab or '\t' in block):
                # A tab in a Connection value: Node's llhttp (10 and 20) and
                # httptools' newer one read its tokens differently.
                src = self._connTab or block
                self._connTab = False
                keepAlive = self._tab_keep_alive(src, major, minor, keepAlive)
            # llhttp's upgrade flag needs "Connection: upgrade", or CONNECT.
            if rare and method != 'CONNECT' and p.should_upgrade():
                # An Upgrade request: the owner takes it (2) or declines it.
                if self.onHeadersComplete(major, minor, headers, method,
                                          url.decode('latin-1'), None, None, True,
                                          keepAlive) != 2:
                    self._declined_upgrade(split_headers(block))
                return
            self.onHeadersComplete(major, minor, headers, method, url.decode('latin-1'),
                                   None, None, method == 'CONNECT', keepAlive)
            return
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

    def on_body(self, body: bytes) -> None:
        self._bodyRead += len(body)
        self.onBody(body)

    def on_message_complete(self) -> None:
        if self._trailers is not None:
            if self._upBody is not None:
                return  # httptools skipped a declined Upgrade's body: read it first
            self._inBody = False
            raw, self._trailers = self._trailers, None
            self.onTrailers(b'\r'.join(raw).decode('latin-1').split('\r'))
            self._flushed = self._sticky = True
            if self.onHeaders is not None:
                self.onHeaders()
        else:
            self._inBody = False
        self.onMessageComplete()

    # -- public API --------------------------------------------------------
    def execute(self, data: bytes) -> Exception | None:
        """Node's ``parser.execute(data)``: parse ``data``; None on success,
        else the (dead parser's) parse error.  Sets ``upgradeOffset``."""
        if self._error is not None:
            return None if self._quiet else self._error
        self.upgradeOffset = None
        if self._paused:
            self._buffered.append(data)
            return None
        if self.kind == 1:
            return self._execute_response(data)
        if self._inHeaders:
            self._inHeaders = 1
        try:
            self._parser.feed_data(data)
        except HttpParserUpgrade as exc:
            self._fresh = False
            self.upgradeOffset = exc.args[0]
            if self._upBody is None:
                return None
        except HttpParserError as exc:
            return self._fail(exc, data)
        else:
            self._fresh = False
        if self._upBody is not None:  # (outside the except: a clean __context__)
            return self._read_upgrade_body(data, self.upgradeOffset)
        if self._inHeaders:
            return self._check_pending(data)
        return None

    def _read_upgrade_body(self, data: bytes, offset: int) -> Exception | None:
        """A declined Upgrade request has a body: read it (and only it) with
        an llhttp primed with its framing header; see the module docstring."""
        proto = _UpgradeBody(self)
        p = self._parser = _new_parser(0, proto, self.insecure)
        p.feed_data(b'PUT / HTTP/1.1\r\n' + self._upBody + b'\r\n')
        proto.primed = True
        self._upBody = None
        self._trailers = None
        self.upgradeOffset = None
        if offset == len(data):
            return None
        try:
            p.feed_data(data[offset:])
        except HttpParserError as exc:
            return self._fail(exc, data)
        return None

    def _unstick(self) -> None:
        """A message's headers completed: llhttp's upgrade flag is reset, a
        one-message lenient_keep_alive is turned off again, and once Node
        has flushed headers, it flushes them again (``onHeaders``)."""
        self._afterUpgrade = False
        if self._lenientKA:
            self._lenientKA = False
            self._parser.set_dangerous_leniencies(lenient_keep_alive=False)
        if self._flushed:
            if self.onHeaders is not None:
                self.onHeaders()
        else:
            self._sticky = False

    def _tab_keep_alive(self, block: str, major: int, minor: int, keepAlive: bool) -> bool:
        """Node's keep-alive verdict for a request whose Connection values hold
        a tab (``block``: its untrimmed header block).  Node's llhttp ends a
        token at a comma or spaces only, so ``close<TAB>`` is no close token
        (httptools' llhttp trims the tab and reads ``close``); every other
        Connection header still counts.  When Node keeps the connection and
        httptools' llhttp would not, llhttp is told to (for this message only)."""
        verdict = _connection_verdict(split_headers(block), major, minor)
        if verdict and not keepAlive and not self.insecure:
            self._parser.set_dangerous_leniencies(lenient_keep_alive=True)
            self._lenientKA = self._sticky = True
        return verdict

    def _closed_parser(self) -> Any:
        """A RESPONSE llhttp in its ``closed`` state, as Node's is after a
        message that is not kept alive: it skips CR and LF and fails anything
        else with ``HPE_CLOSED_CONNECTION`` (primed with a throw-away message,
        its callbacks go nowhere)."""
        p = _new_parser(1, _Closed(), False)
        p.feed_data(b'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return p

    def _declined_upgrade(self, raw: list[str]) -> None:
        """The owner declined an Upgrade request: note llhttp's upgrade flag
        and, when the request has a body by llhttp's rule (Content-Length > 0
        or a Transfer-Encoding ending in chunked), its framing header."""
        self._afterUpgrade = self._sticky = True
        length = 0
        chunked = False
        for i in range(0, len(raw) - 1, 2):
            name = raw[i].lower()
            if name == 'content-length':
                length = int(raw[i + 1])
            elif name == 'transfer-encoding':
                chunked = _is_chunked(raw[i + 1])
        if chunked:
            self._upBody = b'Transfer-Encoding: chunked\r\n'
        elif length > 0:
            self._upBody = b'Content-Length: %d\r\n' % length
        else:
            return
        # (on_message_complete looks at _upBody only when _trailers is set)
        self._trailers = []

    def _feed_step(self, data: Any, offset: int, full: bytes) -> Exception | bool | None:
        """Feed one slice (RESPONSE parser); True means an upgrade stopped it."""
        try:
            self._parser.feed_data(data)
        except HttpParserUpgrade as exc:
            self.upgradeOffset = offset + exc.args[0]
            self._parser = _new_parser(1, self, self.insecure)
            return True
        except HttpParserError as exc:
            if str(exc) == 'Pause on CONNECT/Upgrade':
                # A 101 without Upgrade headers: llhttp still stops there.
                self.upgradeOffset = offset + len(data)
                self._parser = _new_parser(1, self, self.insecure)
                return True
            return self._fail(exc, full)
        return None

    def _execute_response(self, data: bytes) -> Exception | None:
        if self._inHeaders:
            self._inHeaders = 1
        else:
            inBody = self._inBody
            if not inBody and data[:9] == b'HTTP/1.1 ':
                self._v11 = True  # a message starts at this chunk's first byte
            if (not self.maySkipBody and (inBody or data[9:10] > b'1')
                    and b' 101' not in data):
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
                if self._closeAfter:
                    self._closeAfter = False
                    self._parser = self._closed_parser()
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
        if self._error is not None:
            return None if self._quiet else self._error
        if self._inBody and self.kind == 1 and self._body_length() == -1:
            self.on_message_complete()
            return None
        if self._inHeaders or self._inBody:
            err = parse_error('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0, None)
            self._error = err
            return err
        return None

    def pause(self) -> None:
        """Buffer the data of later ``execute`` calls until ``resume()``."""
        self._paused = True

    def resume(self) -> Exception | None:
        """Parse the data buffered while paused; returns its execute result."""
        self._paused = False
        if not self._buffered:
            return None
        data = b''.join(self._buffered)
        self._buffered = []
        return self.execute(data)

    @property
    def headerCount(self) -> int:
        """Number of header pairs received so far in the current message."""
        return len(self._headers) >> 1

