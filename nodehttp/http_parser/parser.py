"""Node's ``node_http_parser.cc`` over httptools: :class:`HTTPParser`, the
base of the request and the response parser (``request.py``,
``response.py``; the package docstring states their contract,
:mod:`.errors` how they fail).

Invariant: ``HTTPParser(kind, ...)`` (Node's ``new HTTPParser(kind)``)
returns an instance of the class of ``kind``; every state a message leaves
behind is reset where it is consumed, or by ``reinitialize()``.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar

from ..llhttp import connection_verdict as _connection_verdict
from ..llhttp import new_parser as _new_parser
from ..llhttp import parse_error

from .errors import _ParserErrors, _Stop

__all__ = ['HTTPParser', 'parse_error', 'split_headers']

_UNKNOWN = -3  # RESPONSE: framing not computed yet (see response.py)
_VERSIONS = {'1.1': (1, 1), '1.0': (1, 0), '0.9': (0, 9), '2.0': (2, 0)}


def split_headers(block: str) -> list[str]:
    """A raw header block (``HTTPParser.headerBlock``) as Node's flat
    ``rawHeaders`` list of names and values."""
    return block.split('\r') if block else []


def _nothing(*args: Any) -> None:
    return None


# What an owner sets on a parser it allocates (put back by free()).
_OWNER_ATTRS = ('onMessageBegin', 'onHeaders', 'onHeadersComplete', 'onBody', 'onTrailers',
                'onMessageComplete', 'headerBlock')
_ALL_OWNER_DEFAULTS: tuple[tuple[str, Any], ...] = (('all',),)  # type: ignore[assignment]


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
    # The owner's references (Node's cleanParser clears them).
    socket: Any = None
    incoming: Any = None
    outgoing: Any = None

    # The parser's own state: slots (a parser has more attribute names than
    # CPython 3.11 keeps in a class's shared keys -- 30 -- and a dict
    # attribute access is then LOAD_ATTR_WITH_HINT, a class default read
    # through the instance not specialized at all; a slot is LOAD_ATTR_SLOT).
    # Every slot is set by __init__ and reset by reinitialize(); between
    # messages _url/_status are b'', _trailers None and _connTab False (each
    # is reset where it is consumed), so a message's start costs two stores.
    # The response-only names are slots here too: initialize() changes
    # __class__ between the kinds, which needs the same layout.
    __slots__ = (
        'maxHeaderSize', 'insecure', '_parser', '_buffered',
        '_headers',     # raw bytes until headers complete, then str (or, with
        #                 headerBlock, the raw pairs until the next message)
        'upgradeOffset', '_error', '_paused',
        '_fresh',       # nothing fed since (re)initialization
        '_inHeaders',   # message begun, headers not complete: 2 if it began
        #                 during the current feed, else 1
        '_inBody',      # headers complete, message not complete
        '_nread',       # Node-20 header byte count (set at headers complete)
        '_hdrRaw',      # raw header-section bytes (estimate)
        '_url', '_status', '_trailers',
        '_inValue',     # headers incomplete at a chunk's end: the last line is
        #                 past its name's colon
        '_tail',        # headers incomplete at a chunk's end: the start of the
        #                 last line (read when _inHeaders is 1)
        '_connTab',     # the untrimmed header block when a Connection (or,
        #                 RESPONSE, Transfer-Encoding) value ended in a tab
        #                 (see _check_values)
        '_sticky',      # _afterUpgrade, _lenientKA or _flushed is set
        '_restart',     # after the last message llhttp reads the next one
        #                 (False: it rejects all but CR/LF, Node's closed
        #                 state; see HTTPRequestParser)
        '_flushed',     # Node's have_flushed_ (see onHeaders)
        '_afterUpgrade',  # REQUEST: a declined Upgrade's flag (errors are quiet)
        '_lenientKA',   # this message is kept alive though llhttp would not
        #                 (RESPONSE: llhttp's lenient_keep_alive is on for it)
        '_upBody',      # its framing header while its body is unread
        '_quiet',       # the error was swallowed (_afterUpgrade): ignore all
        # RESPONSE: the message whose headers complete next began a chunk
        # with "HTTP/1.1 " (its version is known without httptools'
        # get_http_version(), which formats a string).
        '_v11',
        # RESPONSE (see response.py)
        '_skip',        # the owner asked to skip (1) / upgrade (2)
        '_closeAfter',  # the skipped message is not kept alive
        '_code',        # status code of the current message
        '_length',      # its framing (see _body_length), on demand
        '_bodyRead',    # its body bytes so far
        'rare', 'expect',  # REQUEST: public (see below)
    )
    #: When True, ``onHeadersComplete`` gets the raw header block instead of
    #: the list of str (a str: names and values, latin-1 decoded, joined by
    #: CR, '' when none), for owners that split it (split_headers) on demand.
    headerBlock = False
    # REQUEST, the slots ``rare`` and ``expect`` (True until a request's
    # headers complete): ``rare`` is False when the current message certainly
    # has no Connection and no Expect header; ``expect`` False when it
    # certainly has no Expect header.

    #: ``REQUEST`` or ``RESPONSE``: set by each kind's class.
    kind: ClassVar[int]
    _kinds: ClassVar[dict[int, type[HTTPParser]]] = {}
    _ownerDefaults: ClassVar[tuple[tuple[str, Any], ...]] = ()  # (see free())
    #: Whether ``free()`` has anything to do: False for a class whose
    #: callbacks are all its own methods and that does not override
    #: ``free()`` (``freeParser`` then skips the call).
    freeResets: ClassVar[bool] = True

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        # free() puts back the defaults of the owner attributes a subclass
        # does not define itself (an owner's subclass binds its methods).
        # (A subclass that sets none of them on its instances says so with
        # its own ``_ownerDefaults = ()``.)
        if '_ownerDefaults' not in cls.__dict__:
            defaults = tuple((name, getattr(HTTPParser, name)) for name in _OWNER_ATTRS
                             if getattr(cls, name) is getattr(HTTPParser, name))
            cls._ownerDefaults = (_ALL_OWNER_DEFAULTS if len(defaults) == len(_OWNER_ATTRS)
                                  else defaults)
        cls.freeResets = bool(cls._ownerDefaults) or 'free' in cls.__dict__
        if 'kind' in cls.__dict__:  # the class of a kind (not an owner's subclass)
            HTTPParser._kinds[cls.kind] = cls

    def __new__(cls, *args: Any, **kw: Any) -> HTTPParser:
        if cls is HTTPParser:
            # Node's ``new HTTPParser(kind)``: the class of that kind.  (Not
            # by assigning __class__ in __init__: that costs every later
            # attribute access of the object its inline-values fast path.)
            kind = args[0] if args else kw['kind']
            cls = HTTPParser._kinds[kind]
        return object.__new__(cls)

    def __init__(self, kind: int | None = None, maxHeaderSize: int = 8192,
                 insecure: bool = False) -> None:
        """``HTTPParser(kind, ...)`` or, the kind being the class's,
        ``HTTPRequestParser(maxHeaderSize=..., insecure=...)``."""
        if kind is None:
            kind = self.kind
        assert kind == self.kind, (kind, type(self))
        self.maxHeaderSize = maxHeaderSize
        self.insecure = insecure
        self.reinitialize()

    def _new_llhttp(self) -> Any:
        """A new llhttp of this parser's kind and leniencies, calling back here."""
        return _new_parser(self.kind, self, self.insecure)

    # -- lifecycle ---------------------------------------------------------
    def initialize(self, kind: int, maxHeaderSize: int | None = None,
                   insecure: bool | None = None) -> None:
        """Node's ``parser.initialize(kind[, resource, maxHeaderSize,
        lenient])`` (Node 12+; Node 10's ``reinitialize(kind)``): a parser of
        ``kind`` with no state, as new (a parser of the other kind becomes an
        instance of that kind's class).

        Shortcut: a parser at rest -- between messages, llhttp reading the
        next one, nothing pending, no error, no upgrade, no per-message
        leniency -- keeps its llhttp, whose state is then a new one's (what
        llhttp's own ``llhttp_reset`` would give; httptools exposes none)."""
        same = kind == self.kind
        if not same:
            self.__class__ = HTTPParser._kinds[kind]
        if maxHeaderSize is not None:
            self.maxHeaderSize = maxHeaderSize
        if insecure is not None and insecure != self.insecure:
            self.insecure = insecure
        elif (same and (self._restart or self.kind == 0) and not self._inHeaders and not self._inBody
              and not self._sticky and self._error is None and self.upgradeOffset is None
              and not self._paused):  # (data is buffered only while paused)
            # (a REQUEST llhttp never closes: see HTTPRequestParser)
            self._fresh = self._restart = True
            return
        self.reinitialize()

    def reinitialize(self) -> None:
        """Forget all state (including a previous error); keep the callbacks."""
        self._parser = self._new_llhttp()
        self._error = None
        self._paused = False
        self._buffered = []
        self._fresh = True
        self.upgradeOffset = None
        self._inHeaders = 0
        self._inBody = False
        self._nread = 0
        self._hdrRaw = 0
        self._inValue = False
        self._tail = b''
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
        self._restart = True
        self._flushed = False
        self._afterUpgrade = False
        self._lenientKA = False
        self._upBody = None
        self._quiet = False
        self.rare = self.expect = True

    def free(self) -> None:
        """Node's ``parser.free()``, called by ``freeParser`` when the parser
        goes back to the free list: the owner's callbacks set on this parser
        (instance attributes; a subclass's methods stay) are dropped, so a
        pooled parser keeps no owner alive."""
        defaults = self._ownerDefaults
        if defaults is _ALL_OWNER_DEFAULTS:  # no callback is the class's own
            self.onMessageBegin = self.onHeaders = None
            self.onHeadersComplete = self.onBody = self.onTrailers = _nothing
            self.onMessageComplete = _nothing
            self.headerBlock = False
        elif defaults:
            for name, default in defaults:
                setattr(self, name, default)

    def close(self) -> None:
        """Node's ``parser.close()``: the parser is not used again.  Drops the
        llhttp instance, whose callbacks are bound methods of this object:
        the cycle would otherwise wait for the garbage collector."""
        self.free()
        self._parser = None

    # -- httptools callbacks (the parser object is the protocol) -----------
    def on_message_begin(self) -> None:
        if not self._restart:
            # (only a REQUEST parser's llhttp gets here: see request.py)
            raise _Stop('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`')
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

    def _headers_done(self, n: int) -> tuple[Any, str]:
        """A message's headers are complete: check and count them (Node's
        per-message work common to both kinds; ``n``: the bytes of the start
        line's counted part, the url or the status message); returns
        (headers for ``onHeadersComplete``, the latin-1 header block)."""
        # llhttp never lets CR into a name or value: join all pairs at once,
        # count their bytes from the joined length, and look for trailing
        # whitespace and the rare headers (Connection, Expect) in one block.
        raw = self._headers
        if raw:
            # (str searches: bytes.__contains__ costs a buffer export per call.)
            block = b'\r'.join(raw).decode('latin-1')
            if ' \r' in block or '\t\r' in block or block[-1] in ' \t':
                self._check_values(raw, block)
                block = b'\r'.join(raw).decode('latin-1')
            n += len(block) - len(raw) + 1
            if len(raw) > 64:  # Node flushed at the 33rd field (kOnHeaders)
                self._flushed = self._sticky = True
        else:
            block = ''
        if n > self.maxHeaderSize:
            raise _Stop('HPE_HEADER_OVERFLOW', 'Header overflow')
        self._nread = n
        self._inHeaders = 0
        self._inBody = True
        if self._sticky:
            self._unstick()
        if self.headerBlock:
            # (_headers keeps the raw pairs until the next message begins)
            return block, block
        # split_headers(block), inline: one call less per message
        headers = self._headers = block.split('\r') if block else []
        return headers, block

    def on_body(self, body: bytes) -> None:
        self.onBody(body)

    def on_message_complete(self) -> None:
        if self._trailers is not None:
            if self._upBody is not None:
                return  # httptools skipped a declined Upgrade's body: read it first
            self._inBody = False
            raw, self._trailers = self._trailers, None
            if not self._lenientKA:  # llhttp reads a Connection trailer too
                self._restart = self._parser.should_keep_alive() or self.insecure
            self.onTrailers(b'\r'.join(raw).decode('latin-1').split('\r'))
            self._flushed = self._sticky = True
            if self.onHeaders is not None:
                self.onHeaders()
        else:
            self._inBody = False
        self.onMessageComplete()

    # -- public API --------------------------------------------------------
    def _unstick(self) -> None:
        """A message's headers completed: llhttp's upgrade flag is reset, a
        one-message lenient_keep_alive is turned off again, and once Node
        has flushed headers, it flushes them again (``onHeaders``)."""
        self._afterUpgrade = False
        if self._lenientKA:
            self._lenientKA = False
            if self.kind == 1:
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
            self._restart = self._lenientKA = self._sticky = True
            if self.kind == 1:  # (a request's llhttp never closes: request.py)
                self._parser.set_dangerous_leniencies(lenient_keep_alive=True)
        return verdict

    def finish(self) -> Exception | None:
        """Node's ``parser.finish()`` at EOF: completes a body delimited by the
        connection close; returns ``HPE_INVALID_EOF_STATE`` mid-message."""
        if self._error is not None:
            return None if self._quiet else self._error
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

