"""Node's ``_http_incoming.js``: :class:`IncomingMessage`, the request a
server receives and the response a client receives.

Invariant kept here: an IncomingMessage is a Readable whose body is *pushed*
by the parser (``parserOnBody`` → ``push``), never pulled; ``_read`` only
resumes the socket, and a full read queue pauses it (back-pressure).  Header
duplicate rules are Node 10's ``matchKnownFields`` exactly.

Where we differ, for speed, without a visible difference: the Readable
machinery (``_readableState``) is built on first use — a body chunk, a
``read``/``resume``/``pipe``/``'data'``/``'end'`` listener — so a body-less
request nobody reads costs no stream bookkeeping; ``headers`` (and
``trailers``) are computed from ``rawHeaders`` on first access, and a
server request's ``rawHeaders`` from the parser's raw header block on first
access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from .http_parser import split_headers
from .net import readStart, readStop
from .stream import Readable, ReadableState

__all__ = ["IncomingMessage"]

# Node 10's matchKnownFields: these keep the first value when repeated.
_SINGLE = frozenset((
    "age", "host", "from", "etag", "server", "referer", "expires", "location",
    "user-agent", "retry-after", "content-type", "max-forwards", "authorization",
    "last-modified", "content-length", "if-modified-since", "proxy-authorization",
    "if-unmodified-since",
))


def _add_header_line(field: str, value: str, dest: dict) -> None:
    """Node's ``_addHeaderLine``: merge one header into ``dest`` by Node's rules."""
    key = field.lower()
    if key in _SINGLE:
        # Drop duplicates.
        if key not in dest:
            dest[key] = value
    elif key == "set-cookie":
        # Array header: only Set-Cookie.
        lst = dest.get(key)
        if lst is None:
            dest[key] = [value]
        else:
            lst.append(value)
    else:
        # A delimited list: Cookie with '; ', everything else with ', '.
        prev = dest.get(key)
        if prev.__class__ is str:
            dest[key] = prev + ("; " if key == "cookie" else ", ") + value
        else:
            dest[key] = value


def hasHost(req: IncomingMessage) -> bool:
    """``req.headers.host !== undefined`` without building the header dict."""
    h = req._headers_obj
    if h is not None:
        return "host" in h
    raw = req.rawHeaders
    for i in range(0, len(raw) - 1, 2):
        name = raw[i]
        if len(name) == 4 and name.lower() == "host":
            return True
    return False


def findExpect(req: IncomingMessage) -> str | None:
    """``req.headers.expect`` without building the header dict (one C-level
    search over the lower-cased header block first: Expect is rare)."""
    h = req._headers_obj
    if h is not None:
        return h.get("expect")
    raw = req.rawHeaders
    if "expect" not in "\r".join(raw).lower():
        return None
    values = [raw[i + 1] for i in range(0, len(raw) - 1, 2)
              if len(raw[i]) == 6 and raw[i].lower() == "expect"]
    # "expect" inside another header ("X-Expect", "Referer: .../unexpected")
    # is no Expect header: None, as req.headers.expect would be.
    return ", ".join(values) if values else None


class _LazyReadableState:
    """Builds ``_readableState`` on first access and stores it on the instance
    (a non-data descriptor: later accesses are plain attribute reads)."""

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        return obj._newReadableState()


class _LazyRawHeaders:
    """Decodes ``rawHeaders`` from ``_rawBlock`` (the parser's raw header
    block) on first access and stores the list on the instance."""

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        raw = split_headers(obj._rawBlock)
        obj.rawHeaders = raw
        return raw


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from .event_overloads import IncomingMessageBase as _IncomingMessageBase
    from .net import Socket
else:
    _IncomingMessageBase = Readable


class IncomingMessage(_IncomingMessageBase):
    """Node's ``http.IncomingMessage`` (a Readable of the body).

    Server side: ``method``, ``url``; client side: ``statusCode``,
    ``statusMessage``; both: ``httpVersion*``, ``headers`` (Node's duplicate
    rules), ``rawHeaders``, ``trailers``/``rawTrailers`` (after ``'end'``),
    ``complete``, ``aborted``, ``upgrade``, ``socket``/``connection``.
    """

    #: Private methods Node's lib calls from other files (the HTTP parser's
    #: callbacks and the server/client): this class's internal API.
    _internal = {
        "_addHeaderLines": "_http_common.js parserOnHeadersComplete",
        "_pushBody": "_http_common.js parserOnBody (stream.push, readStop when full)",
        "_complete": "_http_common.js parserOnMessageComplete",
        "_dump": "_http_client.js (abort, no 'response' listener), _http_server.js",
        "_dumpUnconsumed": "_http_server.js resOnFinish",
    }

    _readableState = _LazyReadableState()  # type: ignore[assignment]
    rawHeaders = _LazyRawHeaders()  # a list[str] once read (or assigned)
    _rawBlock = ""

    # Node's per-instance defaults, kept on the class.
    httpVersionMajor: int | None = None
    httpVersionMinor: int | None = None
    httpVersion: str | None = None
    complete = False
    aborted = False
    upgrade: bool | None = None
    url = ""
    method: str | None = None
    statusCode: int | None = None
    statusMessage: str | None = None
    readable = True
    _consuming = False
    _dumped = False
    _engaged = False  # _readableState built (read flags, not __dict__: see events.py)
    _eof = False  # the parser finished the message before the stream was engaged
    _headersCount = -1  # how many rawHeaders entries go into headers (-1: all)
    _headers_obj: dict | None = None
    _trailers_obj: dict | None = None
    rawTrailers: list = []
    socket: Socket  # set in __init__ (declared for checkers)
    connection: Socket

    def __init__(self, socket: Any) -> None:
        self._events = {}
        self._maxListeners = None
        self.socket = socket
        self.connection = socket
        self.client = socket
        # Read on every message's way out (resOnFinish, _dump, _complete):
        # instance attributes, which CPython's attribute cache serves (a
        # class default read through the instance is a full lookup).
        self._consuming = False
        self._dumped = False
        self._engaged = False

    def _newReadableState(self) -> ReadableState:
        # The first use of the stream: its state, then what happened meanwhile.
        state = ReadableState(None, self, False)
        state.readingMore = True
        self._readableState = state  # the descriptor has no __set__: an instance attribute
        self._engaged = True
        self._engage(state)
        return state

    def _engage(self, state: ReadableState) -> None:
        """The stream is being used: replay what happened while it was not."""
        if self._eof:
            self.push(None)
        if self._dumped:
            self.removeAllListeners("data")
            self.resume()

    # -- headers ------------------------------------------------------------------

    @property
    def headers(self) -> dict[str, Any]:
        """The header dict (lower-cased names, Node's duplicate rules)."""
        h = self._headers_obj
        if h is None:
            h = {}
            raw = self.rawHeaders
            n = self._headersCount
            if n < 0 or n > len(raw):
                n = len(raw)
            for i in range(0, n - 1, 2):
                _add_header_line(raw[i], raw[i + 1], h)
            self._headers_obj = h
        return h

    @headers.setter
    def headers(self, value: dict[str, Any]) -> None:
        self._headers_obj = value

    @property
    def trailers(self) -> dict[str, Any]:
        """The trailer dict (filled when the message completes)."""
        t = self._trailers_obj
        if t is None:
            t = {}
            raw = self.rawTrailers
            for i in range(0, len(raw) - 1, 2):
                _add_header_line(raw[i], raw[i + 1], t)
            self._trailers_obj = t
        return t

    @trailers.setter
    def trailers(self, value: dict[str, Any]) -> None:
        self._trailers_obj = value

    def _addHeaderLines(self, headers: list[str] | str, n: int) -> None:
        """Node's ``_addHeaderLines``: raw headers (or trailers, once complete),
        the first ``n`` entries of which make ``headers`` (-1: all).  A str is
        the parser's raw header block of a message's headers: ``rawHeaders``
        is decoded from it on first access."""
        if headers.__class__ is str:
            self._rawBlock = headers  # type: ignore[assignment]
            self._headersCount = n
        elif headers:
            if self.complete:
                self.rawTrailers = headers
                self._trailers_obj = None
            else:
                self.rawHeaders = headers
                self._headersCount = n
                self._headers_obj = None

    def _addHeaderLine(self, field: str, value: str, dest: dict) -> None:
        """Node's ``_addHeaderLine``."""
        _add_header_line(field, value, dest)

    # -- stream plumbing -----------------------------------------------------------

    def on(self, event: Any, listener: Callable | None = None,  # type: ignore[override]
           _ignored: Any = None) -> Any:
        """Readable's ``on``; an ``'end'`` listener on a dumped message engages
        the stream, which must still end."""
        if event == "end" and self._dumped and not self._engaged:
            self._readableState  # noqa: B018 - engage
        return Readable.on(self, event, listener)

    addListener = on

    def prependListener(self, event: Any, listener: Callable, _ignored: Any = None) -> Any:
        """Readable's ``prependListener``, engaging the stream as :meth:`on` does."""
        if event == "end" and self._dumped and not self._engaged:
            self._readableState  # noqa: B018 - engage
        return Readable.prependListener(self, event, listener)

    def read(self, n: int | None = None) -> Any:
        """Node's ``read``: marks the message as consumed by the user."""
        if not self._consuming:
            self._readableState.readingMore = False
            self._consuming = True
        return Readable.read(self, n)

    def _read(self, n: int) -> None:
        # The parser fills the buffer directly (parserOnBody); just let the
        # socket flow again.
        socket = self.socket
        if socket is not None and getattr(socket, "readable", True):
            readStart(socket)

    def _pushBody(self, chunk: bytes) -> None:
        """``parserOnBody``: queue a body chunk; pause the socket when full."""
        if self._dumped:
            return
        if not self.push(chunk):
            readStop(self.socket)

    def _complete(self, trailers: list[str] | None) -> bool:
        """``parserOnMessageComplete`` for the message: mark it complete, add
        the trailers (if any), then end the body (server and client alike).
        Returns whether the stream is in use (a full body queue may have
        stopped reading: the caller reads on)."""
        self.complete = True
        if trailers:
            self._addHeaderLines(trailers, len(trailers))
        if self._engaged:
            self.push(None)
            return True
        self._eof = True
        return False

    def setTimeout(self, msecs: float = None, callback: Callable | None = None) -> IncomingMessage:  # type: ignore[assignment]
        """Set the socket's inactivity timeout; ``callback`` listens for ``'timeout'``."""
        if callback is not None:
            self.on("timeout", callback)
        self.socket.setTimeout(msecs)
        return self

    def destroy(self, error: BaseException | None = None) -> IncomingMessage:  # type: ignore[override]
        """Destroy the socket (Node 10: the message itself just follows it)."""
        if self.socket is not None:
            self.socket.destroy(error)
        return self

    def _dumpUnconsumed(self) -> None:
        """Node's ``resOnFinish``: if the user never read, piped, resumed or
        listened for ``'data'`` (nor scheduled a resume), dump the body so the
        bytes are pulled off the wire."""
        if self._consuming or self._dumped:
            return
        if self._engaged:
            if self._readableState.resumeScheduled:
                return
        elif "end" not in self._events and self.__class__ is IncomingMessage:
            # _dump's own first case (nobody looked at the stream: nothing
            # buffered, no listener), one frame less; Node's class only, so
            # a subclass's _dump still runs.
            self._dumped = True
            return
        self._dump()

    def _dump(self) -> None:
        """Discard the body nobody read, so the connection can move on."""
        if not self._dumped:
            self._dumped = True
            if not self._engaged and "end" not in self._events:
                # Nobody looked at the stream: nothing buffered, no listener.
                # (Engaging it later replays the end: see _engage.)
                return
            self.removeAllListeners("data")
            self.resume()
