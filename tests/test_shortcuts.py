"""One test per hot-path shortcut guard (issue 14, step 1).

A shortcut is code that skips the general path (a method call, Node's
function, a tick) where it is provably equivalent.  Each test below pins
one shortcut's guard -- the condition under which the shortcut is taken --
by the behaviour that changes when the guard is removed.  Its docstring is
structured (see tools/shortcuts.py): ``where``/``shortcut``/``taken only
when`` make the table of docs/architecture.md (test_architecture_table
keeps the page equal to it), ``guard`` names the file and function, and each
``remove`` line is one removal of (part of) the guard that must make the
test fail.  ``.venv/bin/python tools/shortcuts.py check`` performs every
removal in turn and runs the test (the check is not part of ``make test``:
it takes a pytest run per removal).

Timing: waits are on events; the only clocks are fallbacks of a second or
more that fail the test (Node would have acted within tens of ms).
"""

from __future__ import annotations

import re

import asyncio
import importlib.util
import socket
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import nodehttp
from nodehttp import http, loop, net, timers
from nodehttp.http_incoming import IncomingMessage
from nodehttp.http_server import ServerResponse
from nodehttp.http_common import freeParser as _freeParser
from nodehttp.http_common import parsers as _parsers
from nodehttp.http_parser import HTTPParser, HTTPRequestParser, HTTPResponseParser
from nodehttp.stream import Duplex, Readable, Writable


def _load_tool() -> Any:
    path = Path(__file__).resolve().parents[1] / "tools" / "shortcuts.py"
    spec = importlib.util.spec_from_file_location("_nodehttp_tools_shortcuts", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


_shortcuts = _load_tool()

FALLBACK_MS = 3000  # a test's give-up timer: far beyond what Node needs


# -- harness ---------------------------------------------------------------------------


def exchange(setup: Callable[[Any], Any], payload: bytes | list[bytes],
             options: dict | None = None, trace: list | None = None) -> bytes:
    """An ``http.Server`` (``setup(server)`` adds listeners) and a net client
    that sends ``payload`` (a list: each part once every request sent so
    far is answered, counting ``HTTP/1.1 `` status lines) and collects every byte
    until the server closes the connection (the client gives up after
    FALLBACK_MS).  Returns the bytes."""
    parts = [payload] if isinstance(payload, bytes) else list(payload)
    out: list[bytes] = []

    def main() -> None:
        server = http.createServer(options) if options else http.createServer()
        setup(server)

        def listening() -> None:
            c = net.connect(server.address()["port"], "127.0.0.1")
            sent = [0, 0]  # parts, requests

            def send_next() -> None:
                part = parts[sent[0]]
                sent[0] += 1
                sent[1] += part.count(b" HTTP/1.1\r\n")
                c.write(part)

            def ondata(d: bytes) -> None:
                out.append(d)
                if trace is not None:
                    trace.append("client-data")
                if sent[0] < len(parts) and b"".join(out).count(b"HTTP/1.1 ") >= sent[1]:
                    send_next()

            give_up = timers.setTimeout(lambda: c.destroy(), FALLBACK_MS)

            def onclose(*_: Any) -> None:
                timers.clearTimeout(give_up)
                server.close()

            c.on("connect", send_next)
            c.on("data", ondata)
            c.on("close", onclose)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    return b"".join(out)


def parse(data: bytes, insecure: bool = False) -> list[tuple]:
    """The onHeadersComplete arguments of a request parser fed ``data``."""
    p = HTTPParser(HTTPParser.REQUEST, 8192, insecure)
    out: list[tuple] = []
    p.onHeadersComplete = lambda *a: out.append(a)
    p.onBody = lambda *a: None
    p.onMessageComplete = lambda: None
    err = p.execute(data)
    assert not isinstance(err, Exception), err
    return out


def hello(req: Any, res: Any) -> None:
    res.end("ok")


GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
GET_CLOSE = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


# -- http_parser ---------------------------------------------------------------------------


def test_parser_request_version_without_get_http_version() -> None:
    """A request's version is 1.1 without asking llhttp only when it must be.

    where: `http_parser.on_headers_complete` (requests)
    shortcut: the version is 1.1 without `get_http_version()` (a string format, ~2.7k instructions)
    taken only when: llhttp says keep-alive, the parser is strict, and no header can be
      `Connection`: strict llhttp admits only 0.9, 1.0, 1.1 and 2.0, and without a Connection
      header keeps only `major > 0 and minor > 0` alive
    guard: nodehttp/http_parser/request.py HTTPRequestParser.on_headers_complete
    remove: `if keepAlive and not rare and not self.insecure:` -> `if keepAlive and not self.insecure:`
    remove: `if keepAlive and not rare and not self.insecure:` -> `if keepAlive and not rare:`
    remove: `if keepAlive and not rare and not self.insecure:` -> `if not rare and not self.insecure:`
    """
    # HTTP/1.0 kept alive by its Connection header (rare).
    assert parse(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")[0][:2] == (1, 0)
    # HTTP/1.0 without Connection: not kept alive.
    assert parse(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")[0][:2] == (1, 0)
    # The lenient parser admits other versions, kept alive like 1.1.
    assert parse(b"GET / HTTP/1.2\r\nHost: x\r\n\r\n", insecure=True)[0][:2] == (1, 2)
    assert parse(GET)[0][:2] == (1, 1)


def test_parser_request_upgrade_without_should_upgrade() -> None:
    """``Connection: upgrade`` still makes an upgrade request.

    where: `http_parser.on_headers_complete` (requests)
    shortcut: the upgrade flag without `should_upgrade()`
    taken only when: no header can be `Connection` (llhttp needs `Connection: upgrade`), else
      CONNECT decides
    guard: nodehttp/http_parser/request.py HTTPRequestParser.on_headers_complete
    remove: `if rare and method != 'CONNECT' and p.should_upgrade():` -> `if False:`
    """
    got = parse(b"GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
    assert got[0][7] is True
    assert parse(b"CONNECT h:1 HTTP/1.1\r\nHost: h\r\n\r\n")[0][7] is True
    assert parse(GET)[0][7] is False


def test_parser_header_values_checked_once_per_block() -> None:
    r"""Trailing SP/HTAB is trimmed from any value (first, middle, last).

    where: `http_parser.on_headers_complete`
    shortcut: header values are checked once per message, on the latin-1 block (trailing SP/HTAB,
      the tab rules for Content-Length and Connection)
    taken only when: always; the per-value slow path runs when the block shows trailing
      whitespace. Searches run on `str`: `bytes.__contains__` exports a buffer per call (~2.5k
      instructions)
    guard: nodehttp/http_parser/parser.py HTTPParser._headers_done
    remove: `' \r' in block or '\t\r' in block or block[-1] in ' \t'` -> `'\t\r' in block or block[-1] in ' \t'`
    remove: `' \r' in block or '\t\r' in block or block[-1] in ' \t'` -> `' \r' in block or block[-1] in ' \t'`
    remove: `' \r' in block or '\t\r' in block or block[-1] in ' \t'` -> `' \r' in block or '\t\r' in block`
    """
    assert parse(b"GET / HTTP/1.1\r\nA: x \r\nB: y\r\n\r\n")[0][2] == ["A", "x", "B", "y"]
    assert parse(b"GET / HTTP/1.1\r\nA: x\t\r\nB: y\r\n\r\n")[0][2] == ["A", "x", "B", "y"]
    assert parse(b"GET / HTTP/1.1\r\nA: x\r\nB: y \r\n\r\n")[0][2] == ["A", "x", "B", "y"]


def test_parser_response_version_from_chunk_start() -> None:
    """A response's version comes from llhttp unless the chunk began "HTTP/1.1 ".

    where: `http_parser` (responses)
    shortcut: the version is 1.1 without `get_http_version()`
    taken only when: the message began the chunk being parsed with `HTTP/1.1 `
    guard: nodehttp/http_parser/response.py HTTPResponseParser.execute
    remove: `data[:9] == b'HTTP/1.1 '` -> `True`
    """
    out: list[tuple] = []
    for data in (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
                 b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"):
        p = HTTPParser(HTTPParser.RESPONSE)
        p.onHeadersComplete = lambda *a: out.append(a)
        p.onBody = lambda *a: None
        p.onMessageComplete = lambda: None
        p.execute(data)
    assert [a[:2] for a in out] == [(1, 0), (1, 1)]


def test_parser_response_body_chunk_needs_no_101_search() -> None:
    """A 101 right after a body, in the same chunk, is found where it ends.

    where: `http_parser` (responses)
    shortcut: a chunk that is all body (to EOF, or no more than the Content-Length still due)
      is fed in one step without searching it for ` 101`
    taken only when: the response is in its body and the body covers the whole chunk
    guard: nodehttp/http_parser/response.py HTTPResponseParser._bodyCovers
    remove: `return length == -1 or length - self._bodyRead >= n` -> `return True`
    """
    def offsets(second: bytes) -> list:
        p = HTTPParser(HTTPParser.RESPONSE)
        p.maySkipBody = False
        bodies: list = []
        p.onHeadersComplete = lambda *a: None
        p.onBody = lambda b, *a: bodies.append(bytes(b))
        p.onMessageComplete = lambda: bodies.append("complete")
        p.execute(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe")
        bodies.clear()
        assert p.execute(second) is None
        return [bodies, p.upgradeOffset]

    # The body ends inside the chunk; a 101 without Upgrade headers follows:
    # the upgrade starts after its header block (llhttp alone gives no position).
    second = b"lloHTTP/1.1 101 Switching Protocols\r\n\r\nrest"
    assert offsets(second) == [[b"llo", "complete", "complete"], len(second) - len(b"rest")]
    # The chunk is all body: one step, the body delivered whole.
    assert offsets(b"llo") == [[b"llo", "complete"], None]


def _reuse(kind: int, first: bytes, cut: int | None = None) -> tuple[list, Any]:
    """A pooled parser of ``kind`` fed ``first[:cut]``, freed, allocated again
    and fed a whole message: (its events, the result)."""
    cls = HTTPRequestParser if kind == HTTPParser.REQUEST else HTTPResponseParser
    out: list = []
    for i in range(2):
        p = _parsers.alloc(cls)
        p.initialize(kind, 8192, False)
        p.onHeadersComplete = lambda *a: out.append("headers")
        p.onBody = lambda *a: None
        p.onMessageComplete = lambda: out.append("complete")
        if i == 0:
            p.execute(first[:cut])
            _freeParser(p, None, None)
            out.clear()
    res = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    return out, p.execute(GET if kind == HTTPParser.REQUEST else res)


def test_parser_at_rest_keeps_its_llhttp() -> None:
    """A pooled parser parses the next message from scratch, whatever the last did.

    where: `http_parser.initialize` (both kinds; from `http_common.parsers`)
    shortcut: the llhttp instance is kept, not made again (~10k instructions with the parser)
    taken only when: between messages, llhttp reading the next one (a REQUEST llhttp always
      does), no error, no upgrade, nothing buffered, no per-message leniency
    guard: nodehttp/http_parser/parser.py HTTPParser.initialize
    remove: `(self._restart or self.kind == 0)` -> `True`
    remove: `and not self._inHeaders` -> ``
    remove: `and not self._inBody` -> ``
    remove: `self._error is None` -> `True`
    not pinned: `self.upgradeOffset is None` (httptools resumes an llhttp paused at an upgrade
      when it is fed again: kept for clarity), `not self._sticky` (each sticky state also
      leaves an upgrade or a message open), `not self._paused` (no owner frees a paused parser;
      data is buffered only while paused)
    """
    cases = [(HTTPParser.REQUEST, GET_CLOSE, None), (HTTPParser.REQUEST, GET, 10),
             (HTTPParser.REQUEST, b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", None),
             (HTTPParser.REQUEST, b"GET / HTTP/1.1\r\nHost: \x01\r\n\r\n", None),
             (HTTPParser.REQUEST, b"CONNECT h:1 HTTP/1.1\r\nHost: h\r\n\r\n", None),
             (HTTPParser.REQUEST, GET_CLOSE + GET, None),  # an error between messages
             (HTTPParser.RESPONSE, b"HTTP/1.1 200 OK\r\nConnection: close\r\n"
                                   b"Content-Length: 0\r\n\r\n", None)]
    for kind, first, cut in cases:
        assert _reuse(kind, first, cut) == (["headers", "complete"], None), (first, cut)


def test_parser_request_llhttp_never_closes() -> None:
    """Data after a request that is not kept alive fails as Node's closed llhttp fails it.

    where: `http_parser.on_message_begin` (strict REQUEST parsers)
    shortcut: llhttp's lenient_keep_alive is on, so a parser freed after a `Connection: close`
      request is at rest; the parser rejects the next message itself
    taken only when: always (strict request parsers); the check runs at each message's start
    guard: nodehttp/http_parser/parser.py HTTPParser.on_message_begin
    remove: `if not self._restart:` -> `if False:`
    """
    p = HTTPParser(HTTPParser.REQUEST)
    p.onHeadersComplete = p.onBody = p.onMessageComplete = lambda *a: None
    err = p.execute(GET_CLOSE + b"\r\n" + GET)
    assert err is not None and err.code == "HPE_CLOSED_CONNECTION"
    assert err.bytesParsed == len(GET_CLOSE) + 3  # one past the rejected byte


def test_free_parser_keeps_at_most_max() -> None:
    """A parser freed into a full free list is closed, not kept.

    where: `http_common.freeParser`
    shortcut: `parsers.free(parser)` inline (FreeList.free's body, one call less per client
      request and per server connection)
    taken only when: always (the free list is this module's `parsers`); the parser is kept
      only while the list holds fewer than `max`
    guard: nodehttp/http_common.py freeParser
    remove: `if parsers.size < parsers.max:` -> `if True:`
    """
    saved_max, size = _parsers.max, _parsers.size
    p = HTTPRequestParser()
    p.onHeadersComplete = lambda *a: None
    try:
        _parsers.max = size  # full
        _freeParser(p, None, None)
        assert _parsers.size == size
        assert all(p not in kept for kept in _parsers.lists.values())
        assert p.onHeadersComplete is HTTPParser.onHeadersComplete  # free()d all the same
    finally:
        _parsers.max = saved_max
        for kept in _parsers.lists.values():
            if p in kept:
                kept.remove(p)
                _parsers.size -= 1


def test_free_parser_skips_free_only_without_owner_callbacks() -> None:
    """A pooled parser keeps none of its owner's callbacks.

    where: `http_common.freeParser`
    shortcut: `parser.free()` is not called for a class whose callbacks are all its own
      methods (`HTTPParser.freeResets`, computed per class)
    taken only when: the class sets `_ownerDefaults = ()` and does not override `free()`
    guard: nodehttp/http_common.py freeParser
    remove: `if parser.freeResets:` -> `if False:`
    """
    class Owned(HTTPResponseParser):
        _ownerDefaults = ()

        def free(self) -> None:  # an override still runs
            self.freed = True
            HTTPResponseParser.free(self)

    assert Owned.freeResets and not type("Own", (HTTPResponseParser,),
                                         {"_ownerDefaults": ()}).freeResets
    p = _parsers.alloc(HTTPRequestParser)
    p.initialize(HTTPParser.REQUEST)
    p.onHeadersComplete = p.onBody = lambda *a: None
    _freeParser(p, None, None)
    assert p.onHeadersComplete is HTTPParser.onHeadersComplete
    assert p.onBody is HTTPParser.onBody
    assert _parsers.alloc(HTTPRequestParser) is p
    q = Owned()
    _freeParser(q, None, None)
    assert q.freed
    assert _parsers.alloc(Owned) is q


# -- http_server -----------------------------------------------------------------------------


class RecordingIncoming(IncomingMessage):
    """A custom IncomingMessage class: Node calls its methods."""

    calls: list[str] = []

    def _addHeaderLines(self, headers: list[str], n: int) -> None:
        # Node hands a subclass's _addHeaderLines the [name, value, ...] list.
        RecordingIncoming.calls.append("_addHeaderLines" if isinstance(headers, list)
                                       else f"_addHeaderLines({type(headers).__name__})")
        super()._addHeaderLines(headers, n)

    def _dump(self) -> None:
        RecordingIncoming.calls.append("_dump")
        super()._dump()

    def _complete(self, trailers: list[str] | None) -> None:
        RecordingIncoming.calls.append("_complete")
        super()._complete(trailers)


def test_server_raw_header_block_only_for_node_classes() -> None:
    r"""A custom IncomingMessage class gets its headers through _addHeaderLines, as a list.

    where: `HTTPParser.headerBlock` / `IncomingMessage.rawHeaders`
    shortcut: the server hands the request the raw block; `rawHeaders` is split on first read
    taken only when: the request is of Node's own class (custom `IncomingMessage` classes get
      the list)
    guard: nodehttp/http_server/connection.py _ConnectionState.parserOnHeadersComplete
    remove: `if self.plain:\n            if headers:` -> `if True:\n            if headers:`
    """
    RecordingIncoming.calls = []
    seen = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            seen.append((req.rawHeaders, req.headers))
            res.end()
        server.on("request", onrequest)

    exchange(setup, GET_CLOSE, {"IncomingMessage": RecordingIncoming})
    assert "_addHeaderLines" in RecordingIncoming.calls
    assert seen == [(["Host", "x", "Connection", "close"], {"host": "x", "connection": "close"})]


def test_server_queues_behind_waiting_responses() -> None:
    """Pipelined requests answered out of order leave in request order.

    where: `http_server.parserOnHeadersComplete`
    shortcut: a new response joins the queue without asking the socket who owns it
    taken only when: a response already waits in the connection's queue (one owns the socket
      then: only resOnFinish releases it, handing it to the next)
    guard: nodehttp/http_server/connection.py _ConnectionState.parserOnHeadersComplete
    remove: `if self.outgoing or httpMessageOf(socket) is not None:` -> `if True:`
    """
    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            if req.url == "/1":
                timers.setImmediate(lambda: res.end(req.url))  # answered last
            else:
                res.end(req.url)
        server.on("request", onrequest)

    req = b"GET /%d HTTP/1.1\r\nHost: x\r\n\r\n"
    out = exchange(setup, req % 1 + req % 2 + GET_CLOSE.replace(b"/", b"/3", 1))
    assert re.findall(rb"\r\n\r\n(/\d)", out) == [b"/1", b"/2", b"/3"], out


def test_incoming_dump_unconsumed_marks_without_dump() -> None:
    """An unread request is marked dumped without a `_dump` call only where `_dump` does just that.

    where: `IncomingMessage._dumpUnconsumed` (the server's `resOnFinish`)
    shortcut: `_dump`'s first case (mark the request dumped) without calling `_dump`
    taken only when: the stream was never engaged, has no `'end'` listener, and the request is
      of Node's own class (a custom class's `_dump` is called)
    guard: nodehttp/http_incoming.py IncomingMessage._dumpUnconsumed
    remove: `elif "end" not in self._events and self.__class__ is IncomingMessage:` -> `elif self.__class__ is IncomingMessage:`
    remove: `elif "end" not in self._events and self.__class__ is IncomingMessage:` -> `elif "end" not in self._events:`
    """
    RecordingIncoming.calls = []
    exchange(lambda server: server.on("request", hello), GET_CLOSE,
             {"IncomingMessage": RecordingIncoming})
    assert "_dump" in RecordingIncoming.calls
    # Node's class, an 'end' listener but no reader: the dump lets the body flow, 'end' comes.
    events: list[str] = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            req.on("end", lambda: events.append("end"))
            res.end("ok")
        server.on("request", onrequest)

    exchange(setup, GET_CLOSE)
    assert events == ["end"]


# -- http_server: the four listeners written into storage --------------------------------------


class ObservedSocket(net.Socket):
    """A net.Socket subclass (not Node's own class): records listeners added."""

    added: list[str] = []

    def on(self, event: str, listener: Callable) -> Any:  # type: ignore[override]
        ObservedSocket.added.append(event)
        return super().on(event, listener)


def test_events_install_all_only_into_empty_storage() -> None:
    """installAll writes nothing when on() would do more than store.

    where: `events.installAll` (the owner of the listener storage)
    shortcut: several `on()` calls written straight into the storage as first entries
    taken only when: no `'newListener'` listener, and none of the events has a listener yet
    guard: nodehttp/events.py installAll
    remove: `if "newListener" in events:` -> `if False:`
    remove: `if entry[0] in events:` -> `if False:`
    """
    from nodehttp import events

    def a() -> None: ...

    busy = events.EventEmitter()
    busy.on("y", a)
    assert not events.installAll(busy, (("x", a, 0), ("y", a, 0)))
    assert busy.listeners("x") == [] and busy.listeners("y") == [a]
    new: list = []
    watched = events.EventEmitter()
    watched.on("newListener", lambda name, *_: new.append(name))
    assert not events.installAll(watched, (("x", a, 0),))
    assert watched.listeners("x") == [] and new == []


def test_server_socket_listeners_written_into_storage() -> None:
    """Listeners already on the socket stay; 'newListener' sees the server's four.

    where: `http_server._ConnectionState.__init__` (through `events.installAll`, the owner)
    shortcut: `socket.on()` of the `'timeout'`, `'error'`, `'close'`, `'drain'` listeners
      written straight into the socket's listener storage as first entries
    taken only when: the socket is a `net.Socket` (not a subclass), has no `'newListener'`
      listener and no listener for any of the four events
    guard: nodehttp/events.py installAll
    guard: nodehttp/http_server/connection.py _ConnectionState.__init__
    remove: `if not (socket.__class__ is net.Socket and installAll(` -> `if not (True and installAll(`
    """
    four = ("timeout", "error", "close", "drain")
    for mine in ("newListener", *four):
        new: list[str] = []
        counts: dict[str, int] = {}

        def setup(server: Any, mine: str = mine, new: list = new, counts: dict = counts) -> None:
            def onconnection(socket: Any) -> None:
                socket.on(mine, lambda name=None, *_: new.append(name))

            def onrequest(req: Any, res: Any) -> None:
                counts.update({ev: req.socket.listenerCount(ev) for ev in four})
                res.end()
            server.prependListener("connection", onconnection)  # before the server's own
            server.on("request", onrequest)

        exchange(setup, GET_CLOSE)
        if mine == "newListener":
            assert set(four) <= set(new), new
        else:
            assert counts[mine] == 2, (mine, counts)

    # A subclass's on() is called.
    ObservedSocket.added = []

    def main() -> None:
        server = http.createServer(hello)
        b = ObservedSocket()
        server.emit("connection", b)
        assert set(four) <= set(ObservedSocket.added)
        b.destroy()

    nodehttp.run(main)


# -- http_outgoing ---------------------------------------------------------------------------


def test_store_header_dict_identity() -> None:
    """A header dict passed again renders its current values, bools and lists included.

    where: `http_outgoing._storeHeader`
    shortcut: a header dict passed again is recognised by identity plus one comparison with a copy
    taken only when: every value is a `str` or a number other than 0 and 1 (so equality means
      "renders the same": `True == 1` renders differently)
    guard: nodehttp/http_outgoing/headers.py _Headers._dictHeaderState
    remove: `or value == 0 or value == 1` -> ``
    not pinned: the type term (`c is not int and c is not float`): a dict holding a list never
      reaches it (unhashable items: `_dictHeaderState` returns first), and one holding a tuple
      is already rendered stale by `_header_cache` ({"X": (True,)} after {"X": (1,)} renders
      "X: 1", Node "X: true": a bug of that cache, reported in issue 14's round).
    """
    # Two dicts: one mixing 1 and True (equal, rendered differently), one
    # holding a list changed in place (its copy holds the same list).
    ints: dict[str, Any] = {"X-A": 1}
    lists: dict[str, Any] = {"X-L": ["a"]}

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            if req.url == "/a":
                res.writeHead(200, ints)
                res.end()
                ints["X-A"] = True
            else:
                res.writeHead(200, lists)
                res.end()
                lists["X-L"].append("b")
        server.on("request", onrequest)

    a = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
    lst = b"GET /l HTTP/1.1\r\nHost: x\r\n\r\n"
    got = exchange(setup, [a, a, lst, lst, GET_CLOSE])
    assert got.count(b"X-A: 1\r\n") == 1
    assert got.count(b"X-A: true\r\n") == 1
    assert got.count(b"X-L: a\r\nDate") == 1
    assert got.count(b"X-L: a\r\nX-L: b\r\nDate") == 1


def test_store_header_plain_chunked_tail() -> None:
    """The docs' handler's header block is the general path's, for every framing input.

    where: `http_outgoing._storeHeader`
    shortcut: a cached dict with none of the headers Node looks at, and no length known, gets
      its tail (Date, `Connection: keep-alive`, `Transfer-Encoding: chunked`) from the cache
    taken only when: the date is sent, the connection stays open with no Keep-Alive header and
      under maxRequestsPerSocket, chunking is the default and allowed (a body, no length, no
      removed Transfer-Encoding or Connection, not already chunked)
    guard: nodehttp/http_outgoing/headers.py _Headers._storeHeader
    remove: `if (state.plainChunked and self.sendDate and self.shouldKeepAlive` -> `if (state.plainChunked and self.shouldKeepAlive`
    remove: `if (state.plainChunked and self.sendDate and self.shouldKeepAlive` -> `if (state.plainChunked and self.sendDate`
    remove: `and self.useChunkedEncodingByDefault and self._hasBody` -> `and self._hasBody`
    remove: `and self.useChunkedEncodingByDefault and self._hasBody` -> `and self.useChunkedEncodingByDefault`
    remove: `and self._contentLength is None and not self.chunkedEncoding` -> `and not self.chunkedEncoding`
    remove: `and not self._removedConnection and not self._removedTE` -> `and not self._removedTE`
    remove: `and not self._removedConnection and not self._removedTE` -> `and not self._removedConnection`
    not pinned: `not self.chunkedEncoding` (a response is chunked by the header path itself, so
      no public sequence reaches a second writeHead with it set); `not self._keepAliveTimeout`
      and `not self.maxRequestsOnConnectionReached` are pinned by the lifecycle tests (the
      Keep-Alive header, maxRequestsPerSocket's Connection: close).
    """
    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            if req.url == "/nodate":
                res.sendDate = False
            elif req.url == "/len":
                res._contentLength = 1  # as end(body) sets it before the implicit header
            elif req.url == "/noconn":
                res.removeHeader("Connection")
            elif req.url == "/note":
                res.removeHeader("Transfer-Encoding")
            res.writeHead(200, {"Content-Type": "text/plain"})  # a fresh dict each time
            res.end("x")
        server.on("request", onrequest)

    got = exchange(setup, [b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /nodate HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"HEAD /head HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /len HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"])
    heads = [h.split(b"\r\n", 1)[1] for h in got.split(b"HTTP/1.")[1:]]
    date = rb"Date: [^\r]+\r\n"
    assert re.match(rb"Content-Type: text/plain\r\n" + date +
                    rb"Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx",
                    heads[0])
    assert heads[1].startswith(b"Content-Type: text/plain\r\nConnection: keep-alive\r\n"
                               b"Transfer-Encoding: chunked\r\n\r\n")  # no Date
    assert re.match(rb"Content-Type: text/plain\r\n" + date +
                    rb"Connection: keep-alive\r\n\r\n", heads[2])  # HEAD: no chunking
    assert re.match(rb"Content-Type: text/plain\r\n" + date +
                    rb"Connection: keep-alive\r\nContent-Length: 1\r\n\r\nx", heads[3])
    # HTTP/1.0 keep-alive: no chunking by default, so the body runs to close.
    assert re.match(rb"Content-Type: text/plain\r\n" + date + rb"Connection: close\r\n\r\nx$",
                    heads[4])
    # The client asked to close: Connection: close, still chunked.
    got = exchange(setup, [b"GET /close HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
    assert re.match(rb"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + date +
                    rb"Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx", got)
    got = exchange(setup, [b"GET /noconn HTTP/1.1\r\nHost: x\r\n\r\n"])
    assert re.match(rb"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + date +
                    rb"Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n$", got)
    got = exchange(setup, [b"GET /note HTTP/1.1\r\nHost: x\r\n\r\n"])
    assert re.match(rb"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + date +
                    rb"Connection: keep-alive\r\n\r\nx$", got)


def test_end_chunked_whole_response_in_one_write() -> None:
    """A chunked response ended with nothing written before goes out in one write.

    where: `http_outgoing.end`
    shortcut: header block, the one chunk and the terminator joined in one buffer and one
      `socket.write`; `'finish'` on the next tick
    taken only when: no header was sent yet, no trailers, and the response owns a live,
      writable socket with nothing buffered (else `_send` with the `'finish'` callback)
    guard: nodehttp/http_outgoing/message.py OutgoingMessage.end
    remove: `owned = (not self._headerSent and not self._trailer and conn is not None` -> `owned = (not self._trailer and conn is not None`
    remove: `owned = (not self._headerSent and not self._trailer and conn is not None` -> `owned = (not self._headerSent and conn is not None`
    not pinned: the ownership terms restate the non-chunked branch's (pinned by
      test_end_inlined_send_and_write_raw).
    """
    order: list[str] = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            res.on("finish", lambda: order.append("finish " + req.url))
            res.writeHead(200, {"Content-Type": "text/plain"})
            if req.url == "/w":
                res.write("a", lambda *_: order.append("write cb /w"))
            elif req.url == "/t":
                res.addTrailers({"X-T": "1"})
            res.end("b")
        server.on("request", onrequest)

    got = exchange(setup, [b"GET /one HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /w HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /t HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n"
                           b"GET /z HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
    assert got.count(b"\r\n\r\n1\r\nb\r\n0\r\n\r\n") == 2  # /one and /z
    assert b"\r\n\r\n1\r\na\r\n1\r\nb\r\n0\r\n\r\n" in got
    assert b"1\r\nb\r\n0\r\nX-T: 1\r\n\r\n" in got
    # Node's order: an earlier write's callback before 'finish'.
    assert order == ["finish /one", "write cb /w", "finish /w", "finish /t", "finish /z"]


def test_end_inlined_send_and_write_raw() -> None:
    """end() writes straight to the socket only when the response owns it.

    where: `http_outgoing.end`
    shortcut: `_send` + `_writeRaw` inlined: the header and body go to `socket.write` at once;
      `'finish'` on the next tick
    taken only when: the response is the socket's current message, nothing is buffered in
      `output`, and the socket is live and writable (else `_send`/`_buffer`)
    guard: nodehttp/http_outgoing/message.py OutgoingMessage.end
    remove: `if owned and self._headerSent and not conn.destroyed:` -> `if owned:`
    remove: `and not conn.destroyed and conn.writable)` -> `)`
    not pinned: `conn._httpMessage is self` and `not self.output` restate invariants (a message
      is given a connection only as the socket's current message, and flushes its output then):
      no public sequence reaches end() with a connection and either false.
    """
    order: list[str] = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            res.on("finish", lambda: order.append("finish " + req.url))
            if req.url == "/1":
                # Answered after /2: /2's end() must wait in the queue.
                timers.setImmediate(lambda: res.end("one"))
            elif req.url == "/3":
                res.write("a")  # buffered in output: no socket yet
                res.end("b")
            elif req.url == "/5":
                res.end()  # no body: the header goes out with the empty end
            else:
                res.end("two")
        server.on("request", onrequest)

    got = exchange(setup, [b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                           b"GET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                           b"GET /3 HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /4 HTTP/1.1\r\nHost: x\r\n\r\n",
                           b"GET /5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
    bodies = [b for b in (b"one", b"two", b"1\r\na\r\n") if b in got]
    assert bodies == [b"one", b"two", b"1\r\na\r\n"]
    assert got.index(b"one") < got.index(b"two") < got.index(b"\r\na\r\n")
    assert order[:3] == ["finish /1", "finish /2", "finish /3"]
    assert got.count(b"HTTP/1.1 200 OK") == 5 and order[3:] == ["finish /4", "finish /5"]

    # The forced flush ('finish' on the next tick) needs the header sent and
    # the socket alive: a response ended on a destroyed socket never finishes.
    finished: list[str] = []

    def setup2(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            res.on("finish", lambda: finished.append("finish"))
            req.socket.on("error", lambda err: finished.append(err.code))
            req.socket.destroy()
            res.end("late")
        server.on("request", onrequest)

    exchange(setup2, GET)
    assert finished == []


class _FinishingResponse(ServerResponse):
    """A ServerResponse with its own ``_finish`` (as Node's ClientRequest has)."""

    calls: list[str] = []

    def _finish(self) -> None:
        _FinishingResponse.calls.append("_finish")
        super()._finish()


def _finish_calls(listen: bool) -> tuple[list[str], list[str]]:
    """/slow answered after /, which waits in the queue (its ``_finish`` comes
    from ``_flush``, /slow's from ``end()``); 'prefinish' listeners if
    ``listen``.  Returns the events and _FinishingResponse's ``_finish`` calls."""
    order: list[str] = []

    def onrequest(req: Any, res: Any) -> None:
        if listen:
            res.on("prefinish", lambda: order.append("prefinish " + req.url))
            res.on("finish", lambda: order.append("finish " + req.url))
        if req.url == "/slow":
            timers.setImmediate(lambda: res.end("slow"))
        else:
            res.end("ok")

    _FinishingResponse.calls = []
    slow = b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
    exchange(lambda s: s.on("request", onrequest), slow + GET_CLOSE,
             None if listen else {"ServerResponse": _FinishingResponse})
    return order, _FinishingResponse.calls


def test_end_finish_only_when_it_does_something() -> None:
    """end() calls ``_finish`` when a 'prefinish' listener or a subclass's own ``_finish`` waits.

    where: `http_outgoing.end`
    shortcut: no `_finish()` frame when it would do nothing
    taken only when: no 'prefinish' listener and the class's `_finish` is OutgoingMessage's
    guard: nodehttp/http_outgoing/message.py OutgoingMessage.end
    remove: `if "prefinish" in self._events or self.__class__._finish is not _baseFinish:` -> `if self.__class__._finish is not _baseFinish:`
    remove: `if "prefinish" in self._events or self.__class__._finish is not _baseFinish:` -> `if "prefinish" in self._events:`
    """
    order, calls = _finish_calls(True)
    # Node's order: resOnFinish (the first 'finish' listener) hands the socket
    # on before /slow's 'finish', and the queued /'s end was already called.
    assert order == ["prefinish /slow", "prefinish /", "finish /slow", "finish /"]
    assert _finish_calls(False)[1] == ["_finish", "_finish"]


def test_flush_finish_only_when_it_does_something() -> None:
    """A queued message's _flush calls ``_finish`` when a 'prefinish' listener or its own ``_finish`` waits.

    where: `http_outgoing._flush`
    shortcut: no `_finish()` frame when it would do nothing
    taken only when: no 'prefinish' listener and the class's `_finish` is OutgoingMessage's
    guard: nodehttp/http_outgoing/message.py OutgoingMessage._flush
    remove: `if "prefinish" in self._events or self.__class__._finish is not _baseFinish:` -> `if self.__class__._finish is not _baseFinish:`
    remove: `if "prefinish" in self._events or self.__class__._finish is not _baseFinish:` -> `if "prefinish" in self._events:`
    """
    assert _finish_calls(True)[0] == ["prefinish /slow", "prefinish /", "finish /slow",
                                      "finish /"]
    assert _finish_calls(False)[1] == ["_finish", "_finish"]


def test_flush_output_finish_waits_for_a_held_write() -> None:
    """A queued response's 'finish' waits for its bytes when the socket cannot take them at once.

    where: `http_outgoing._flushOutput`
    shortcut: a queued message's buffered last bytes are written without a callback and
      'finish' is queued with nextTick (no Writable.write/afterWrite frames)
    taken only when: the write left nothing in the socket's buffer (`writableLength` 0); else
      the callback follows the bytes (an empty write with it)
    guard: nodehttp/http_outgoing/message.py OutgoingMessage._flushOutput
    remove: `if socket.writableLength:` -> `if False:`
    remove: `if data and counts and cb == self._onFinish:` -> `if data and cb == self._onFinish:`
    """
    from nodehttp import stream
    held: list[Callable] = []
    written: list[bytes] = []
    events: list[str] = []

    class Held(stream.Duplex):
        """A socket whose writes complete only when the test says so."""

        def _read(self, n: int) -> None:
            pass

        def _write(self, chunk: Any, encoding: Any, cb: Callable) -> None:
            written.append(bytes(chunk))
            held.append(cb)

    def onrequest(req: Any, res: Any) -> None:
        res.on("finish", lambda: events.append("finish " + req.url))
        res.end(req.url)

    def main() -> None:
        server = http.createServer(onrequest)
        d = Held()
        server.emit("connection", d)
        d.push(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n")

        def check() -> None:
            # /1's bytes are still being written: /2's are queued behind them
            # and its 'finish' waits.
            events.append("check")
            while held:
                held.pop(0)()
            timers.setImmediate(lambda: d.destroy())
        timers.setImmediate(check)

    nodehttp.run(main)
    assert events == ["finish /1", "check", "finish /2"], events
    out = b"".join(written)
    assert out.count(b"HTTP/1.1 200 OK") == 2 and out.endswith(b"\r\n\r\n/2"), out

    # A client's request flushed to a socket still connecting: its 'finish'
    # comes before 'connect', as in Node 10 (the server-only shortcut).
    order: list[str] = []

    def client() -> None:
        server = http.createServer(lambda req, res: res.end("hi"))

        def listening() -> None:
            req = http.get({"port": server.address()["port"], "host": "127.0.0.1"})
            req.on("socket", lambda s: s.on("connect", lambda: order.append("connect")))
            req.on("finish", lambda: order.append("finish"))
            req.on("response", lambda res: (res.resume(), res.on("end", server.close)))
        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(client)
    assert order == ["finish", "connect"], order


def test_end_finish_tick_outside_an_entry() -> None:
    r"""res.end() called from asyncio code (outside any entry) still emits 'finish'.

    The client is a plain blocking socket in a thread, so nothing else in the
    loop would drain a tick queued without its safety net.

    (It pinned an inlined ``next_tick`` in ``http_outgoing``; the call is
    ``loop.next_tick`` now.)
    """
    finished: list[str] = []
    got: dict[str, Any] = {}

    def main() -> None:
        def onrequest(req: Any, res: Any) -> None:
            res.on("finish", lambda: finished.append("finish"))

            async def later() -> None:
                await asyncio.sleep(0)
                res.end("x")  # plain asyncio code: not inside an entry
            loop.spawn(later())

        server = http.createServer(onrequest)

        def client(port: int) -> None:
            with socket.create_connection(("127.0.0.1", port), timeout=FALLBACK_MS / 1000) as s:
                s.sendall(GET_CLOSE)
                data = b""
                try:
                    while chunk := s.recv(65536):
                        data += chunk
                    got["eof"] = True
                except OSError:
                    got["eof"] = False
                got["data"] = data

        def listening() -> None:
            aloop = loop.get_loop()

            def run_client() -> None:
                try:
                    client(server.address()["port"])
                finally:
                    aloop.call_soon_threadsafe(loop.entry, server.close)
            threading.Thread(target=run_client, daemon=True).start()

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert got["eof"] is True and got["data"].endswith(b"x")
    assert finished == ["finish"]


# -- net -----------------------------------------------------------------------------------


def _socket_pair(server_side: Callable[[Any], Any], client_side: Callable[[Any], Any]) -> None:
    """A net server and client connected over 127.0.0.1; the server closes
    when the client socket closes."""

    def main() -> None:
        server = net.createServer(server_side)

        def listening() -> None:
            c = net.connect(server.address()["port"], "127.0.0.1")
            give_up = timers.setTimeout(lambda: c.destroy(), FALLBACK_MS)

            def onclose(*_: Any) -> None:
                timers.clearTimeout(give_up)
                server.close()

            c.on("close", onclose)
            client_side(c)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)


def test_data_received_drains_its_ticks() -> None:
    r"""A nextTick queued in a 'data' listener runs before a setImmediate queued with it.

    where: `net._SocketProtocol.data_received`
    shortcut: ticks queued inside need no `call_soon` safety net
    taken only when: always: the callback drains them before returning
    guard: nodehttp/net/handle.py _SocketProtocol.data_received
    remove: `            if _ticks:\n                _drain_ticks()\n        finally:` -> `        finally:`
    """
    order: list[str] = []

    def server_side(s: Any) -> None:
        def ondata(d: bytes) -> None:
            timers.setImmediate(lambda: (order.append("immediate"), s.end()))
            nodehttp.process.nextTick(lambda: order.append("tick"))
        s.on("data", ondata)

    def client_side(c: Any) -> None:
        # Written once the connection has settled: the server's data_received
        # is then the only entry of its loop iteration.
        c.on("connect", lambda: timers.setTimeout(lambda: c.write(b"x"), 20))
        c.resume()

    _socket_pair(server_side, client_side)
    assert order == ["tick", "immediate"]


def test_hangup_check_skipped_after_a_whole_write() -> None:
    """A peer's RST that came with its last bytes still ends the stream unless a write proved otherwise.

    where: `net._SocketProtocol.data_received` (the hang-up check after a short read)
    shortcut: no `poll(0)` (a syscall and ~1k instructions) after a read callback whose writes all left
    taken only when: bytes were written in the callback, and uvloop keeps none of them (or a write
    failed: the socket is destroyed with that error, no 'end' either way)
    guard: nodehttp/net/handle.py _SocketProtocol.data_received
    remove: `if self.bytesWritten != written:` -> `if True:`
    remove: `if not t.get_write_buffer_size():` -> `if True:`
    """
    from tests.test_net_hangup import net_client_trace, server_rst_trace

    # Nothing written: the check runs.
    assert net_client_trace() == [("data", b"hello"), "end", ("close", False)]
    # Written, but only queued (no write() tried): the check runs.
    assert net_client_trace(queue_writes=True, write_on_data=True)[:3] == [
        ("queued", True), ("data", b"hello"), "end"]
    # Written, and the write() failed (the RST is there): no check, the write's error
    # (tests/test_net_write_errors.py).
    assert net_client_trace(write_on_data=True) == [
        ("data", b"hello"), ("error", "ECONNRESET", "write"), ("close", True)]
    assert server_rst_trace() == [("request", "/x"), "end", "finish",
                                  ("clientError", "ECONNRESET", "write"), ("sock-close", True)]


def test_socket_timer_refresh_inlined() -> None:
    """Activity after a socket's 'timeout' arms the timer again (reading, then writing).

    where: `timers.Timeout.refresh` (net's `data_received`)
    shortcut: `refresh()` of an armed timer only moves its start time (`_idleStart`)
    taken only when: the timer is armed (after `'timeout'` it is not: `refresh()` re-arms it)
    guard: nodehttp/timers.py Timeout.refresh
    remove: `if self._active:` -> `if True:`
    """
    _timeout_rearmed("read")


def _timeout_rearmed(how: str) -> None:
    timeouts: list[str] = []

    def server_side(s: Any) -> None:
        give_up = timers.setTimeout(lambda: s.destroy(), FALLBACK_MS)

        def ontimeout() -> None:
            timeouts.append(how)
            if len(timeouts) == 1:
                if how == "write":
                    s.write(b"ping")
                else:
                    s.emit("poke")  # the client writes
            else:
                timers.clearTimeout(give_up)
                s.destroy()
        s.on("timeout", ontimeout)  # (setTimeout's callback is a once listener)
        s.setTimeout(30)
        s.resume()

    client: list[Any] = []

    def client_side(c: Any) -> None:
        client.append(c)
        c.resume()

    def server_side_with_poke(s: Any) -> None:
        s.on("poke", lambda: client[0].write(b"x"))
        server_side(s)

    _socket_pair(server_side_with_poke, client_side)
    assert timeouts == [how, how]


def test_socket_write_timer_refresh_inlined() -> None:
    """A write after a socket's 'timeout' arms the timer again.

    where: `net.Socket._write`
    shortcut: no `refresh()` of the socket's inactivity timer
    taken only when: inside a read callback (`data_received` refreshed it this loop turn, at
      the same time: libuv's cached "now", which Node's refresh uses too)
    guard: nodehttp/net/socket.py Socket._write
    remove: `if t is not None and wbuf is None:` -> `if False:`
    """
    _timeout_rearmed("write")


def _on_idle_socket(case: Callable[[Any, dict], Any], results: dict) -> bytes:
    """Run ``case(client_socket, results)`` once the client socket is
    connected and idle; returns what the server received (it ends its side
    when the client's ends)."""
    got: list[bytes] = []

    def server_side(s: Any) -> None:
        s.on("data", got.append)
        s.on("end", lambda: s.end())

    def client_side(c: Any) -> None:
        c.on("error", lambda e: results.setdefault("errors", []).append(e.code))
        c.on("connect", lambda: timers.setImmediate(case, c, results))
        c.resume()

    _socket_pair(server_side, client_side)
    return b"".join(got)


def test_socket_write_direct_path() -> None:
    """socket.write's direct path keeps Writable.write's results: return value, order, errors.

    where: `net.Socket.write`
    shortcut: a Buffer with no callback goes straight to `_write`
    taken only when: the socket is connected and idle (not writing, corked, ending or destroyed;
      nothing buffered; below highWaterMark); if the transport pauses during the write, the write
      becomes an ordinary one in flight
    guard: nodehttp/net/socket.py Socket.write
    remove: `and len(chunk) < state.highWaterMark` -> ``
    remove: `or state.corked or` -> `or`
    remove: `or state.ending or` -> `or`
    remove: `h.transport is not None and ` -> ``
    not pinned: `state.destroyed` is implied by `h is not None` (destroy() drops the handle at once).
    """
    def big(c: Any, r: dict) -> None:
        r["ret"] = c.write(b"x" * c.writableHighWaterMark)  # at highWaterMark: False
        c.once("drain", lambda: (r.setdefault("drain", True), c.end()))

    r: dict[str, Any] = {}
    assert len(_on_idle_socket(big, r)) == 16384 and r["ret"] is False and r["drain"] is True

    def corked(c: Any, r: dict) -> None:
        c.cork()
        c.write(b"b")                 # corked: buffered until uncork
        r["length"] = c.writableLength
        c.uncork()
        c.end()

    r = {}
    assert _on_idle_socket(corked, r) == b"b" and r["length"] == 1

    def ending(c: Any, r: dict) -> None:
        c.end(b"c")
        c.write(b"d")                 # after end(): an error, nothing written

    r = {}
    assert _on_idle_socket(ending, r) == b"c" and r["errors"] == ["ERR_STREAM_WRITE_AFTER_END"]

    def destroyed(c: Any, r: dict) -> None:
        c.destroy()
        c.write(b"late")

    r = {}
    assert _on_idle_socket(destroyed, r) == b"" and r["errors"] == ["ERR_STREAM_DESTROYED"]

    # While connecting (a handle, no transport yet): buffered, written once connected.
    connecting: dict[str, Any] = {}
    got: list[bytes] = []

    def client_side(c: Any) -> None:
        connecting["ret"] = c.write(b"a")
        connecting["length"] = c.writableLength
        c.on("connect", lambda: c.end())

    def server_side(s: Any) -> None:
        s.on("data", got.append)
        s.on("end", lambda: s.end())

    _socket_pair(server_side, client_side)
    assert connecting == {"ret": True, "length": 1} and b"".join(got) == b"a"


def test_socket_constructor_inlines_duplex_init() -> None:
    """A net.Socket's stream states equal Duplex({allowHalfOpen, emitClose: False})'s.

    where: `net.Socket._setup`, `net.Server._onconnection`
    shortcut: `Duplex.__init__(self, {allowHalfOpen: true, emitClose: false})` inlined
      (`Socket.__new__` + `_setup` on accept); the 'end' listener written into storage
    taken only when: always (the constructor's own state); pinned by comparing every field
    guard: nodehttp/net/socket.py Socket._setup
    remove: `r.emitClose = w.emitClose = False` -> `pass`
    remove: `_installAll(self, (("end", _OnReadableStreamEnd(self), 0),))` -> `None`
    """
    def fields(state: Any) -> dict[str, Any]:
        names = [n for cls in type(state).__mro__ for n in getattr(cls, "__slots__", ())]
        return {n: getattr(state, n, None) for n in names
                if n not in ("onwrite", "buffer", "bufferedRequests", "pipes")}

    ref = Duplex({"allowHalfOpen": True, "emitClose": False})
    s = net.Socket()
    assert fields(s._readableState) == fields(ref._readableState)
    assert fields(s._writableState) == fields(ref._writableState)
    assert s.listenerCount("end") == 1
    # The listener stored as on() stores it (installAll does not assert the arity).
    ref.on("end", s.listeners("end")[0])
    assert s._events["end"] == ref._events["end"]
    s.destroy()


# -- stream ---------------------------------------------------------------------------------


def test_readable_push_fast_path() -> None:
    """Readable.push's fast path gives addChunk's results in every excluded case.

    where: `stream.Readable.push`
    shortcut: Node's readableAddChunk + addChunk inlined: the Buffer is emitted as `'data'` at once
    taken only when: a non-empty Buffer pushed into a flowing stream with nothing buffered, not
      from a synchronous `_read`, not ended, destroyed or in objectMode, no decoder
    guard: nodehttp/stream/readable.py Readable.push
    remove: `chunk.__class__ is bytes and chunk and state.flowing` -> `chunk.__class__ is bytes and state.flowing`
    remove: `and state.flowing and not state.length` -> `and not state.length`
    remove: `and state.flowing and not state.length` -> `and state.flowing`
    remove: `not (state.sync or state.ended` -> `not (state.ended`
    remove: `or state.ended or state.destroyed` -> `or state.destroyed`
    remove: `and state.decoder is None` -> ``
    """
    events: list[Any] = []

    def flowing(name: str, **opts: Any) -> Readable:
        r = Readable({"read": lambda n: None, **opts})
        r.on("data", lambda d: events.append((name, d)))
        return r

    def main() -> None:
        # Before its first read a stream is "sync": a chunk pushed now is
        # buffered and flows at the resume tick.
        s = flowing("sync")
        s.push(b"s")
        events.append("after-sync-push")

        r = flowing("r")
        e = flowing("e")
        e.on("error", lambda err: events.append(err.code))
        d = flowing("d")
        d.setEncoding("utf8")

        def later() -> None:  # all flowing and past their first read
            r.push(b"")               # an empty Buffer: no 'data'
            r.pause()
            r.push(b"p")              # paused: buffered
            events.append(("length", r.readableLength))
            r.resume()                # b"p" flows on the next tick
            r.push(b"q")              # flowing, but b"p" is still buffered: after it
            e.push(None)
            e.push(b"late")           # after EOF: an error, no 'data'
            d.push(b"\xc3")           # half a character: held by the decoder
            d.push(b"\xa9")
        timers.setImmediate(later)

    nodehttp.run(main)
    assert events.index("after-sync-push") < events.index(("sync", b"s"))
    assert ("length", 1) in events
    assert [e for e in events if e[0] == "r"] == [("r", b"p"), ("r", b"q")]
    assert "ERR_STREAM_PUSH_AFTER_EOF" in events and ("e", b"late") not in events
    assert [e for e in events if e[0] == "d"] == [("d", "\u00e9")]


def test_readable_read_at_eof_fast_path() -> None:
    """read() at EOF with nothing buffered returns None and ends the stream on a tick.

    where: `stream.readable.Readable.read`
    shortcut: Node's answer at EOF (null, `endReadable`) before `howMuchToRead` and the
      `_read` decision
    taken only when: the stream has ended (`push(None)` seen) and nothing is buffered
    guard: nodehttp/stream/readable.py Readable.read
    remove: `if state.ended and not state.length:` -> `if state.ended:`
    remove: `if state.ended and not state.length:` -> `if not state.length:`
    """
    seen: list[Any] = []

    def main() -> None:
        buffered = Readable({"read": lambda n: None})
        buffered.push(b"ab")
        buffered.push(None)
        seen.append(("buffered", buffered.read()))
        empty = Readable({"read": lambda n: seen.append("_read")})
        empty.on("end", lambda: seen.append("empty end"))
        seen.append(("empty", empty.read()))
        done = Readable({"read": lambda n: None})
        done.on("end", lambda: seen.append("done end"))
        done.push(None)
        seen.append(("done", done.read(), done.read(0), done.read(5)))

    nodehttp.run(main)
    assert seen == [("buffered", b"ab"), "_read", ("empty", None),
                    ("done", None, None, None), "done end"]


def test_writable_write_fast_path() -> None:
    r"""Writable.write's fast path gives writeOrBuffer's results in every excluded case.

    where: `stream.Writable.write`
    shortcut: Node's writeOrBuffer + doWrite inlined: a Buffer written to an idle stream goes
      straight to `_write`
    taken only when: a Buffer, the stream not writing, corked, ending, destroyed or in objectMode
    guard: nodehttp/stream/writable.py Writable.write
    remove: `not (state.writing or state.corked` -> `not (state.corked`
    remove: `or state.corked or state.ending` -> `or state.ending`
    remove: `or state.ending or state.destroyed` -> `or state.destroyed`
    remove: `or state.destroyed\n                         or state.objectMode)` -> `or state.objectMode)`
    remove: `\n                         or state.objectMode)` -> `)`
    """
    events: list[Any] = []

    def main() -> None:
        pending: list[Callable] = []

        def _write(chunk: bytes, enc: str, cb: Callable) -> None:
            events.append(chunk)
            pending.append(cb)
        w = Writable({"write": _write})
        w.write(b"1")
        w.write(b"2")                 # while writing: buffered, not handed to _write
        events.append(("writing", list(events)))
        pending.pop(0)()
        pending.pop(0)()

        c = Writable({"write": lambda chunk, enc, cb: (events.append(("c", chunk)), cb())})
        c.cork()
        c.write(b"k")                 # corked: held until uncork
        events.append("uncork")
        c.uncork()

        e = Writable({"write": lambda chunk, enc, cb: cb()})
        e.on("error", lambda err: events.append(err.code))
        e.end()
        e.write(b"x")                 # after end(): ERR_STREAM_WRITE_AFTER_END

        d = Writable({"write": lambda chunk, enc, cb: cb()})
        d.on("error", lambda err: events.append(err.code))
        d.destroy()
        d.write(b"x", None, lambda err=None: events.append(("destroyed-cb", err.code)))

        o = Writable({"objectMode": True, "write": lambda chunk, enc, cb: None})
        o.write(b"abcd")
        events.append(("objectMode length", o.writableLength))

    nodehttp.run(main)
    assert events[1] == ("writing", [b"1"])
    assert events.index("uncork") < events.index(("c", b"k"))
    assert "ERR_STREAM_WRITE_AFTER_END" in events
    assert ("destroyed-cb", "ERR_STREAM_DESTROYED") in events
    assert ("objectMode length", 1) in events


def test_onwrite_skips_after_write_tick() -> None:
    """A synchronous write's afterWrite work is only skipped when it has none.

    where: `stream._onwrite`
    shortcut: a synchronous write's afterWrite tick is skipped
    taken only when: no callback, no `'drain'` due, not ending, and the stream has `_final` (so
      `end()` always finds the final callback pending and cannot emit `'finish'` early); checked
      against Node 10's order
    guard: nodehttp/stream/writable.py _onwrite
    remove: `if cb is _nop and not state.needDrain` -> `if not state.needDrain`
    remove: `and not state.needDrain and not state.ending` -> `and not state.ending`
    remove: `and stream._final is not None:` -> `:`
    not pinned: `not state.ending` is implied by the `_final` term: a write completing while ending
      comes from clearBuffer, after the previous write's afterWrite ran finishMaybe, and `_final`
      (called on a later tick) keeps pendingcb above 0 until then.
    """
    events: list[Any] = []

    def main() -> None:
        def sync_write(chunk: bytes, enc: str, cb: Callable) -> None:
            cb()

        w = Writable({"write": sync_write, "final": lambda cb: cb(), "highWaterMark": 2})
        w.on("drain", lambda: events.append("drain"))
        w.on("finish", lambda: events.append("finish"))
        w.write(b"a", None, lambda err=None: events.append("cb"))
        events.append("sync")          # the callback comes on the next tick
        w.end(b"z")
        events.append("ended")

        d = Writable({"write": sync_write, "final": lambda cb: cb(), "highWaterMark": 2})
        d.on("drain", lambda: events.append("drain"))
        d.write(b"xyz")                # over highWaterMark: 'drain' is due

        # Without _final: 'finish' after the last write's tick (Node's order).
        n = Writable({"write": sync_write})
        n.on("finish", lambda: events.append("finish-n"))
        n.write(b"a")
        n.end()
        events.append("ended-n")       # 'finish' waits for the write's afterWrite tick

    nodehttp.run(main)
    assert events[:2] == ["sync", "ended"]
    assert events.index("cb") < events.index("finish")
    assert events.count("drain") == 1
    assert events.index("ended-n") < events.index("finish-n")


def test_onwrite_after_write_tick_outside_an_entry() -> None:
    """A write's callback queued from asyncio code (outside any entry) still runs.

    (It pinned an inlined ``next_tick`` in ``_onwrite``; the call is
    ``loop.next_tick`` now.)
    """
    done: list[Any] = []

    async def main() -> None:
        w = Writable({"write": lambda chunk, enc, cb: cb()})
        fut = loop.get_loop().create_future()
        await asyncio.sleep(0)
        w.write(b"a", None, lambda err=None: fut.set_result("cb"))
        done.append(await asyncio.wait_for(fut, FALLBACK_MS / 1000))

    nodehttp.run(main)
    assert done == ["cb"]


def test_pipe_is_stdio_by_class() -> None:
    """pipe() never ends process.stdout; a destination of another class is not stdout.

    where: `stream.pipe._is_stdio`
    shortcut: a destination that is not a `_stdio.WriteStream` is answered without the
      `process.stdout`/`process.stderr` getters
    taken only when: `_stdio` was never imported (so neither stream exists) or the
      destination's class is not `_stdio.WriteStream` (the class of both)
    guard: nodehttp/stream/pipe.py _is_stdio
    remove: `or dest.__class__ is not stdio.WriteStream:` -> `or True:`
    not pinned: `stdio is None` -- the getters import `_stdio`, so once stdout exists the
      module is there; without the term the class test would fail on None, not answer wrongly.
    """
    seen: list[Any] = []

    def main() -> None:
        out = nodehttp.process.stdout
        r = Readable({"read": lambda n: None})
        r.push(b"")
        r.push(None)
        r.pipe(out)
        other = Writable({"write": lambda chunk, enc, cb: cb()})
        other.on("finish", lambda: seen.append("other finished"))
        r2 = Readable({"read": lambda n: None})
        r2.push(None)
        r2.pipe(other)

        def after() -> None:
            seen.append(("stdout ending", out._writableState.ending))
        r.on("end", lambda: timers.setImmediate(after))

    nodehttp.run(main)
    assert ("stdout ending", False) in seen
    assert "other finished" in seen


def test_pipe_cleanup_skips_listeners_already_gone() -> None:
    """pipe()'s cleanup calls removeListener only for its listeners still there.

    where: `stream.pipe._Pipe.cleanup`
    shortcut: no `removeListener` of `'close'`/`'finish'` after `onclose` or `onfinish` ran,
      nor of `'end'` after `onend` ran (Node calls it; it finds nothing and emits nothing)
    taken only when: `onclose`/`onfinish` ran (their once() wrappers removed them, each
      removes the other) / `onend` ran (its once() wrapper removed it) or was never added
    guard: nodehttp/stream/pipe.py _Pipe.cleanup
    remove: `if self.closeFinish:` -> `if True:`
    remove: `if self.endListener:` -> `if True:`
    """
    empty: list[tuple[str, str]] = []
    seen: list[str] = []

    def recording(base: type, name: str) -> type:
        class Recording(base):  # type: ignore[misc, valid-type]
            def removeListener(self, event: Any, listener: Callable, _ignored: Any = None) -> Any:
                before = self.listenerCount(event)
                base.removeListener(self, event, listener)
                if self.listenerCount(event) == before:
                    empty.append((name, event))
                return self
        return Recording

    def main() -> None:
        src = recording(Readable, "src")({"read": lambda n: None})
        dest = recording(Writable, "dest")({"write": lambda chunk, enc, cb: cb()})
        dest.on("finish", lambda: seen.append("finish"))
        dest.on("unpipe", lambda s: seen.append("unpipe"))
        src.push(b"x")
        src.push(None)
        src.pipe(dest)

    nodehttp.run(main)
    assert seen == ["finish", "unpipe"]
    assert empty == []


# -- http_client -----------------------------------------------------------------------------


class _HoldingAgent(http.Agent):
    """An agent that keeps the request it is given (no socket, no tick)."""

    held: Any = None

    def addRequest(self, req: Any, options: Any, *_: Any) -> None:  # type: ignore[override]
        self.held = req


def test_client_request_rare_options_read_when_set() -> None:
    """Options outside the common few (setHost, timeout, auth, ...) still take effect.

    where: `http_client.request.ClientRequest.__init__`
    shortcut: the rarely set options are not looked up one by one
    taken only when: every key of the options is one of host, hostname, port, path,
      agent, method, headers
    guard: nodehttp/http_client/request.py ClientRequest.__init__
    remove: `if options.keys() <= _COMMON_OPTIONS:` -> `if True:`
    """
    agent = _HoldingAgent()
    req = http.request({"host": "example.test", "path": "/", "agent": agent,
                        "setHost": False, "timeout": 5, "auth": "a:b"})
    assert agent.held is req
    assert req.getHeader("host") is None
    assert req.timeout == 5
    assert req.getHeader("authorization") == "Basic YTpi"
    plain = http.request({"host": "example.test", "path": "/", "agent": agent})
    assert plain.getHeader("host") == "example.test" and plain.timeout is None


# -- http_agent ------------------------------------------------------------------------------


def test_agent_free_emitted_through_storage() -> None:
    """An agent's 'free' reaches every listener, not only the agent's own.

    where: `http_agent._installListeners` (`onFree`)
    shortcut: `agent.emit('free', socket, options)` as a direct call of the agent's own listener
    taken only when: that listener is the only `'free'` listener
    guard: nodehttp/http_agent.py _installListeners
    remove: `and only(agent, "free") is own:` -> `:`
    """
    freed: list[str] = []

    def main() -> None:
        server = http.createServer(hello)

        def listening() -> None:
            agent = http.Agent({"keepAlive": True})
            agent.on("free", lambda socket, options: freed.append("free"))

            def onresponse(res: Any) -> None:
                res.resume()
                res.on("end", lambda: timers.setImmediate(
                    lambda: (agent.destroy(), server.close())))
            http.get({"port": server.address()["port"], "host": "127.0.0.1",
                      "agent": agent}, onresponse)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert freed == ["free"]


# -- the page --------------------------------------------------------------------------------


def test_architecture_table() -> None:
    """docs/architecture.md's shortcut table is the one generated from this file."""
    page = (_shortcuts.ROOT / "docs" / "architecture.md").read_text()
    begin, end = "<!-- shortcuts: begin", "<!-- shortcuts: end -->"
    assert begin in page and end in page
    table = page.split(begin, 1)[1].split("-->", 1)[1].split(end, 1)[0]
    assert table.strip() == _shortcuts.table().strip(), (
        "regenerate it: .venv/bin/python tools/shortcuts.py table")
    assert len(_shortcuts.shortcuts()) >= 19
