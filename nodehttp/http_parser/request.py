"""Node's ``HTTPParser`` of kind ``REQUEST``: :class:`HTTPRequestParser`,
the server's parser.  It binds llhttp's ``on_url`` (no ``on_status``), and
reads a declined Upgrade request's body with a second llhttp primed with its
framing (see the package docstring)."""

from __future__ import annotations

from typing import Any

from httptools import HttpParserError, HttpParserUpgrade

from ..llhttp import is_chunked as _is_chunked
from ..llhttp import new_parser as _new_parser
from .errors import _UpgradeDone
from .parser import _VERSIONS, HTTPParser, split_headers

__all__ = ['HTTPRequestParser']

_method_names: dict[bytes, str] = {}


class _UpgradeBody:
    """Callbacks of the llhttp that reads a declined Upgrade request's body:
    primed with a synthetic request head carrying only the framing header,
    then forwarding body, trailers and completion to the owning parser."""

    def __init__(self, parser: HTTPRequestParser) -> None:
        self.parser = parser
        self.primed = False
        self.on_body = parser.on_body

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.primed:  # a trailer (the priming header is not reported)
            self.parser.on_header(name, value)

    def on_message_complete(self) -> None:
        self.parser.on_message_complete()
        raise _UpgradeDone


class HTTPRequestParser(HTTPParser):
    """Node's ``new HTTPParser(HTTPParser.REQUEST)``: parses requests and
    reports them with ``onHeadersComplete(major, minor, headers, method,
    url, None, None, upgrade, shouldKeepAlive)``."""

    kind = HTTPParser.REQUEST

    def _new_llhttp(self) -> Any:
        """A strict REQUEST llhttp never closes: after a message that is not
        kept alive (``Connection: close``, HTTP/1.0) it reads on, and the
        parser itself rejects what follows (``on_message_begin``: Node's
        ``HPE_CLOSED_CONNECTION`` at the same byte), so that a parser freed
        after such a message can be reused as it is (``initialize``)."""
        p = _new_parser(0, self, self.insecure)
        if not self.insecure:
            p.set_dangerous_leniencies(None, None, True)  # lenient_keep_alive
        return p

    def on_url(self, url: bytes) -> None:
        self._url = self._url + url if self._url else url

    def on_headers_complete(self) -> None:
        url = self._url
        headers, block = self._headers_done(len(url))
        p = self._parser
        self._url = b''
        m = p.get_method()
        method = _method_names.get(m)
        if method is None:
            method = _method_names[m] = m.decode('latin-1')
        keepAlive = p.should_keep_alive()
        if not keepAlive:  # (set True again only by a new llhttp: a closed one stays so)
            self._restart = self.insecure
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

