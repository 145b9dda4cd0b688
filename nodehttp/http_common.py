"""Node's ``_http_common.js`` (plus ``_http_outgoing``'s header validation).

Everything here is per-process and precomputed: ``METHODS``, ``STATUS_CODES``,
the one header-validation path used by every outgoing message, the status-line
cache, the once-per-second ``Date`` header cache, and the parser free list
(``parsers``, ``freeParser``) both the server and the client allocate from.
The values are Node 10's (the seed's reference); where Node 20 differs it is
noted.

Invariant: a parser in ``parsers`` has no owner (no socket, request,
response or callbacks of one); whoever allocates it calls
``parser.initialize(kind, ...)`` before using it, as Node does.
"""
from __future__ import annotations

import re
import time
from time import time as _time
from email.utils import formatdate
from typing import Any, Callable

from . import loop as _loop
from .errors import codes, js_string
from .http_parser import HTTPParser

__all__ = [
    'METHODS', 'STATUS_CODES', 'maxHeaderSize', 'CRLF', 'FreeList', 'parsers', 'freeParser',
    'checkIsHttpToken', 'checkInvalidHeaderChar',
    'validateHeaderName', 'validateHeaderValue',
    'utcDate', 'dateLine',
]

CRLF = '\r\n'

#: Node's default ``--max-http-header-size`` (bytes of header content).
maxHeaderSize = 8192

#: ``http.METHODS`` of Node 10.24.1, sorted (Node 20 adds ``QUERY``).
METHODS: list[str] = [
    'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD',
    'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL',
    'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
    'PURGE', 'PUT', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE',
    'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE',
]

#: ``http.STATUS_CODES`` of Node 10.24.1, keyed by ``int``.
STATUS_CODES: dict[int, str] = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing',
    103: 'Early Hints',
    200: 'OK', 201: 'Created', 202: 'Accepted',
    203: 'Non-Authoritative Information', 204: 'No Content',
    205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
    208: 'Already Reported', 226: 'IM Used',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found',
    303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
    307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required',
    403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    406: 'Not Acceptable', 407: 'Proxy Authentication Required',
    408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed',
    413: 'Payload Too Large', 414: 'URI Too Long',
    415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
    417: 'Expectation Failed', 418: "I'm a Teapot",
    421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
    424: 'Failed Dependency', 425: 'Unordered Collection',
    426: 'Upgrade Required', 428: 'Precondition Required',
    429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
    451: 'Unavailable For Legal Reasons',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Gateway Timeout',
    505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
    507: 'Insufficient Storage', 508: 'Loop Detected',
    509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
    511: 'Network Authentication Required',
}


def _node_error(code: str, message: str, kind: str = 'Error') -> Exception:
    # errors.py is owned by the lead; import lazily so this module loads first.
    try:
        from .errors import node_error
    except ImportError:  # pragma: no cover - only before errors.py lands
        base = TypeError if kind == 'TypeError' else Exception
        err = type('NodeError', (base,), {})(message)
        err.code = code
        err.message = message
        return err
    return node_error(code, message, kind)


# Node: /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/ (RFC 7230 tchar).
_token_match = re.compile(r"[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+").fullmatch
# Node: /[^\t\x20-\x7e\x80-\xff]/ (a hit means an invalid character).
_invalid_char_search = re.compile('[^\t\x20-\x7e\x80-\xff]').search

# Header names already validated (most programs use a handful); bounded.
_valid_names: set[str] = set()
_VALID_NAMES_MAX = 2048


def checkIsHttpToken(val: str) -> bool:
    """Node's ``checkIsHttpToken``: ``val`` is a non-empty RFC 7230 token."""
    return isinstance(val, str) and _token_match(val) is not None


def checkInvalidHeaderChar(val: Any) -> bool:
    """Node's ``checkInvalidHeaderChar``: True when ``val`` holds a character
    outside HTAB, SP-``~`` and ``\\x80``-``\\xff`` (non-strings are ``str()``-ed,
    as JavaScript's regex test coerces)."""
    if not isinstance(val, str):
        val = js_string(val)  # String(val): a Buffer is its UTF-8 text
    return _invalid_char_search(val) is not None


def validateHeaderName(name: Any) -> None:
    """Node's ``validateHeaderName``: raise ``ERR_INVALID_HTTP_TOKEN`` (a
    TypeError) unless ``name`` is a non-empty token string."""
    try:
        if name in _valid_names:
            return
    except TypeError:  # an unhashable name (a dict): not a token either
        pass
    if not isinstance(name, str) or _token_match(name) is None:
        shown = js_string(name)
        raise codes.ERR_INVALID_HTTP_TOKEN('Header name', shown)
    if len(_valid_names) < _VALID_NAMES_MAX:
        _valid_names.add(name)


def validateHeaderValue(name: str, value: Any) -> None:
    """Node's ``validateHeaderValue``: ``None`` (JavaScript ``undefined``) raises
    ``ERR_HTTP_INVALID_HEADER_VALUE``; a value (or any item of a list value)
    with a character outside the allowed set raises ``ERR_INVALID_CHAR``."""
    if value is None:
        raise codes.ERR_HTTP_INVALID_HEADER_VALUE(value, name)
    if isinstance(value, (list, tuple)):
        bad = any(checkInvalidHeaderChar(v) for v in value)
    elif isinstance(value, str):
        bad = _invalid_char_search(value) is not None
    else:
        bad = checkInvalidHeaderChar(value)
    if bad:
        raise codes.ERR_INVALID_CHAR('header content', name)


_date_second = -1
_date_string = ''


def utcDate() -> str:
    """Node's ``utcDate()``: the current time as an IMF-fixdate
    (``'Thu, 01 Jan 1970 00:00:00 GMT'``, ``Date.prototype.toUTCString``),
    recomputed at most once per second."""
    global _date_second, _date_string
    now = int(time.time())
    if now != _date_second:
        _date_string = formatdate(now, usegmt=True)
        _date_second = now
    return _date_string


# The one Date cache: the 'Date: ...\r\n' line is built once and dropped by
# a timer at the next second boundary (Node's utcDate cache), so a response
# reads no clock.  Off a nodehttp loop it is rebuilt each time.
_date_line = ''
_NO_LOOP = object()
_date_loop: object = _NO_LOOP  # the loop whose timer keeps _date_line current


def _clear_date_line() -> None:
    global _date_loop
    _date_loop = _NO_LOOP


def dateLine() -> str:
    """``'Date: <utcDate()>\r\n'``, cached until the next second boundary."""
    global _date_line, _date_loop
    aloop = _loop.current()
    if _date_loop is aloop:
        return _date_line
    _date_line = 'Date: ' + utcDate() + '\r\n'
    if aloop is not None and not aloop.is_closed():
        _date_loop = aloop
        aloop.call_later(1.0 - _time() % 1.0, _clear_date_line)
    return _date_line



class FreeList:
    """Node's ``internal/freelist.js``: up to ``max`` objects kept for reuse.

    ``alloc(ctor)`` returns the object freed last among those built by
    ``ctor`` (here a class: Node's one parser class is two, and a parser is
    reused as it is only by its own kind), or ``ctor()`` (default: the list's
    own ``ctor``); ``free(obj)`` keeps ``obj`` and returns True while fewer
    than ``max`` objects are kept, else returns False."""

    def __init__(self, name: str, max: int, ctor: Callable[[], Any]) -> None:
        self.name = name
        self.max = max
        self.ctor = ctor
        self.lists: dict[Any, list[Any]] = {}
        self.size = 0

    def alloc(self, ctor: Callable[[], Any] | None = None) -> Any:
        """An object kept by ``free`` (built by ``ctor``), else a new one."""
        kept = self.lists.get(ctor or self.ctor)
        if kept:
            self.size -= 1
            return kept.pop()
        return (ctor or self.ctor)()

    def free(self, obj: Any) -> bool:
        """Keep ``obj`` for ``alloc`` unless ``max`` objects are kept already."""
        if self.size < self.max:
            self.size += 1
            kept = self.lists.get(obj.__class__)
            if kept is None:
                kept = self.lists[obj.__class__] = []
            kept.append(obj)
            return True
        return False


def _newParser() -> HTTPParser:
    return HTTPParser(HTTPParser.REQUEST)


#: Node's ``parsers``: idle HTTP parsers of both sides (1000 at most).
parsers = FreeList('parsers', 1000, _newParser)


def freeParser(parser: HTTPParser | None, req: Any, socket: Any) -> None:
    """Node's ``freeParser``: detach ``parser`` from its owner (its socket,
    request and response, and, ``parser.free()``, its callbacks) and keep it
    in ``parsers`` (or ``close()`` it when the list is full); clear
    ``req.parser`` and ``socket.parser``."""
    if parser is not None:
        s = parser.socket
        if s is not None:
            s.parser = None
            parser.socket = None
        parser.incoming = parser.outgoing = None
        # parsers.free(parser), inline (one call less per request on the
        # client, per connection on the server): kept while fewer than max.
        if parsers.size < parsers.max:
            parsers.size += 1
            kept = parsers.lists.get(parser.__class__)
            if kept is None:
                kept = parsers.lists[parser.__class__] = []
            kept.append(parser)
            if parser.freeResets:  # (False: its callbacks are its class's)
                parser.free()
        else:
            parser.close()
    if req is not None:
        req.parser = None
    if socket is not None:
        socket.parser = None
