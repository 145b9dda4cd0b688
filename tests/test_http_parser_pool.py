"""The parser kinds as classes, Node's parser free list (http_common.parsers,
freeParser) and the reuse of a parser at rest (HTTPParser.initialize)."""
from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import http
from nodehttp.http_common import FreeList, freeParser, parsers
from nodehttp.http_parser import HTTPParser, HTTPRequestParser, HTTPResponseParser

GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
GET_CLOSE = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
RES = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
RES_CLOSE = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"


def owned(p: HTTPParser) -> list:
    out: list = []
    p.onHeadersComplete = lambda *a: out.append(("headers", a[3] or a[5]))
    p.onBody = lambda b: out.append(("body", b))
    p.onMessageComplete = lambda: out.append("complete")
    return out


def test_new_HTTPParser_of_a_kind_is_that_kinds_class() -> None:
    assert type(HTTPParser(HTTPParser.REQUEST)) is HTTPRequestParser
    assert type(HTTPParser(HTTPParser.RESPONSE, 100, True)) is HTTPResponseParser
    assert HTTPRequestParser().kind == HTTPParser.REQUEST
    assert HTTPResponseParser(maxHeaderSize=10).maxHeaderSize == 10
    # each binds only its own llhttp callbacks
    assert hasattr(HTTPRequestParser, "on_url") and not hasattr(HTTPRequestParser, "on_status")
    assert hasattr(HTTPResponseParser, "on_status") and not hasattr(HTTPResponseParser, "on_url")


def test_initialize_changes_the_kind() -> None:
    p = HTTPParser(HTTPParser.REQUEST)
    p.initialize(HTTPParser.RESPONSE)
    assert type(p) is HTTPResponseParser
    out = owned(p)
    assert p.execute(RES) is None
    assert out == [("headers", 200), ("body", b"ok"), "complete"]


def test_free_list_alloc_free_and_max() -> None:
    made: list = []

    class Thing:
        def __init__(self) -> None:
            made.append(self)

    fl = FreeList("things", 2, Thing)
    a, b, c = fl.alloc(), fl.alloc(), fl.alloc()
    assert made == [a, b, c]
    assert fl.free(a) and fl.free(b) and not fl.free(c)
    assert fl.alloc() is b and fl.alloc() is a and len(made) == 3
    assert fl.alloc() is not c and len(made) == 4


def test_freeParser_detaches_the_owner() -> None:
    class Owner:
        parser: Any = None

    p = parsers.alloc(HTTPRequestParser)
    p.initialize(HTTPParser.REQUEST, 8192, False)
    sock, req, other = Owner(), Owner(), Owner()
    p.socket = sock
    sock.parser = req.parser = other.parser = p
    owned(p)
    p.headerBlock = True
    freeParser(p, req, other)
    assert sock.parser is None and req.parser is None and other.parser is None
    assert p.socket is None and p.incoming is None and p.outgoing is None
    assert p.onBody is HTTPParser.onBody and p.headerBlock is False
    assert parsers.alloc(HTTPRequestParser) is p  # freed last, allocated first


def reuse(kind: int, first: bytes, cut: int | None = None) -> tuple[list, Any, Any]:
    """A parser of ``kind`` fed ``first`` (up to ``cut``), freed, allocated
    again and fed a whole message: (events of the second use, its result)."""
    cls = HTTPRequestParser if kind == HTTPParser.REQUEST else HTTPResponseParser
    p = parsers.alloc(cls)
    p.initialize(kind, 8192, False)
    owned(p)
    first_err = p.execute(first[:cut])
    freeParser(p, None, None)
    q = parsers.alloc(cls)
    assert q is p
    q.initialize(kind, 8192, False)
    out = owned(q)
    return out, q.execute(GET if kind == HTTPParser.REQUEST else RES), first_err


def test_a_parser_at_rest_after_connection_close_is_reused_clean() -> None:
    out, err, _ = reuse(HTTPParser.REQUEST, GET_CLOSE)
    assert err is None and out == [("headers", "GET"), "complete"]
    out, err, _ = reuse(HTTPParser.RESPONSE, RES_CLOSE)
    assert err is None and out == [("headers", 200), ("body", b"ok"), "complete"]


def test_a_parser_not_at_rest_is_reinitialized() -> None:
    for kind, first, cut in ((HTTPParser.REQUEST, GET, 10),          # in the headers
                             (HTTPParser.REQUEST, b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", None),
                             (HTTPParser.REQUEST, b"GET / HTTP/1.1\r\nHost: \x01\r\n\r\n", None),
                             (HTTPParser.REQUEST, b"CONNECT h:1 HTTP/1.1\r\nHost: h\r\n\r\n", None),
                             (HTTPParser.RESPONSE, RES, 20),
                             (HTTPParser.RESPONSE, RES, 40)):       # in the body
        out, err, _ = reuse(kind, first, cut)
        assert err is None, (first, cut, err)
        assert out[0][0] == "headers" and out[-1] == "complete", (first, cut, out)


def test_data_after_a_closed_request_is_rejected_where_llhttp_stops() -> None:
    for first in (GET_CLOSE, b"GET / HTTP/1.0\r\n\r\n"):
        p = HTTPParser(HTTPParser.REQUEST)
        out = owned(p)
        err = p.execute(first + b"\r\n" + GET)
        assert err.code == "HPE_CLOSED_CONNECTION" and err.reason == "Data after `Connection: close`"
        assert err.bytesParsed == len(first) + 3  # Node 20: one past the rejected byte
        assert out == [("headers", "GET"), "complete"]
        # in a later chunk too, and the parser is dead
        p = HTTPParser(HTTPParser.REQUEST)
        owned(p)
        assert p.execute(first) is None and p.execute(b"\r\n") is None
        assert p.execute(GET).code == "HPE_CLOSED_CONNECTION"
        assert p.execute(GET).code == "HPE_CLOSED_CONNECTION"
    # --insecure-http-parser: llhttp's lenient keep-alive reads on
    p = HTTPParser(HTTPParser.REQUEST, 8192, True)
    out = owned(p)
    assert p.execute(GET_CLOSE + GET) is None
    assert out == [("headers", "GET"), "complete"] * 2


def test_server_connections_share_pooled_parsers() -> None:
    """Three Connection: close requests in a row, each on a new connection:
    each is answered (the parser of the closed one parses the next)."""
    got: list = []

    def main() -> None:
        server = http.createServer(lambda req, res: res.end(req.url))

        def one(i: int) -> None:
            if i == 3:
                server.close()
                return
            req = http.get({"port": server.address()["port"], "path": f"/{i}",
                            "headers": {"Connection": "close"}, "agent": False})

            def on_res(res: Any) -> None:
                res.on("data", got.append)
                res.on("end", lambda: None)

            req.on("response", on_res)
            req.on("close", lambda: one(i + 1))

        server.listen(0, "127.0.0.1", lambda: one(0))

    nodehttp.run(main)
    assert got == [b"/0", b"/1", b"/2"]


def test_parser_state_is_in_slots() -> None:
    """A parser's own state lives in slots: its instance dict holds only
    what its owner set (CPython 3.11 shares at most 30 attribute names per
    class; past that every attribute access of the parser is slower)."""
    for kind, data in ((HTTPParser.REQUEST, b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /\x01"),
                       (HTTPParser.RESPONSE, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")):
        p = HTTPParser(kind)
        p.onHeadersComplete = p.onBody = p.onMessageComplete = lambda *a: None
        p.execute(data)
        p.finish()
        p.reinitialize()
        p.initialize(1 - kind)
        p.execute(data)
        assert set(vars(p)) == {"onHeadersComplete", "onBody", "onMessageComplete"}
