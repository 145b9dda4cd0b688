"""IncomingMessage on the server side: fields, header rules, body stream, trailers."""

from __future__ import annotations

from test_http_server import GET, Raw, one, serve

from nodehttp import http


def test_request_fields_and_header_duplicate_rules():
    seen = {}

    def handler(req, res):
        seen.update(method=req.method, url=req.url, version=req.httpVersion,
                    major=req.httpVersionMajor, minor=req.httpVersionMinor,
                    headers=req.headers, raw=req.rawHeaders, socket=req.socket is req.connection,
                    instance=isinstance(req, http.IncomingMessage))
        res.end()

    req = (b"PUT /p?q=1 HTTP/1.1\r\nHost: a\r\nhost: b\r\nSet-Cookie: x=1\r\n"
           b"Set-Cookie: y=2\r\nCookie: a=1\r\nCookie: b=2\r\nX-Multi: 1\r\nx-multi: 2\r\n"
           b"Content-Type: text/a\r\nContent-Type: text/b\r\nAuthorization: one\r\n"
           b"Authorization: two\r\nAccept: a\r\nAccept: b\r\nContent-Length: 0\r\n\r\n")
    serve(lambda s: s.on("request", handler), lambda port: one(port, req))
    assert seen["method"] == "PUT" and seen["url"] == "/p?q=1"
    assert (seen["version"], seen["major"], seen["minor"]) == ("1.1", 1, 1)
    assert seen["headers"] == {
        "host": "a", "set-cookie": ["x=1", "y=2"], "cookie": "a=1; b=2", "x-multi": "1, 2",
        "content-type": "text/a", "authorization": "one", "accept": "a, b",
        "content-length": "0",
    }
    assert seen["raw"][:4] == ["Host", "a", "host", "b"]
    assert seen["socket"] and seen["instance"]


def test_body_data_end_and_complete():
    seen = {}

    def handler(req, res):
        chunks = []
        seen["complete_before"] = req.complete
        req.on("data", chunks.append)

        def on_end():
            seen["body"] = b"".join(chunks)
            seen["complete"] = req.complete
            res.end("ok")
        req.on("end", on_end)

    body = b"x" * 100000
    req = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    out = serve(lambda s: s.on("request", handler), lambda port: one(port, req))
    assert out.endswith(b"ok")
    assert seen == {"complete_before": False, "body": body, "complete": True}


def test_chunked_request_with_trailers_and_set_encoding():
    seen = {}

    def handler(req, res):
        req.setEncoding("utf8")
        parts = []
        req.on("data", parts.append)

        def on_end():
            seen.update(body="".join(parts), trailers=req.trailers, raw=req.rawTrailers,
                        types={type(p) for p in parts})
            res.end()
        req.on("end", on_end)

    req = (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n"
           b"3\r\nabc\r\n2\r\n\xc3\xa9\r\n0\r\nX-T: v\r\n\r\n")
    serve(lambda s: s.on("request", handler), lambda port: one(port, req))
    assert seen == {"body": "abcé", "trailers": {"x-t": "v"}, "raw": ["X-T", "v"],
                    "types": {str}}


def test_async_iteration_of_the_body():
    seen = {}

    def handler(req, res):
        async def consume():
            data = b""
            async for chunk in req:
                data += chunk
            seen["body"] = data
            res.end("done")
        return consume()

    def setup(server):
        server.on("request", lambda req, res: __import__("nodehttp").loop.spawn(
            handler(req, res)))

    req = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
    out = serve(setup, lambda port: one(port, req))
    assert seen == {"body": b"hello"} and out.endswith(b"done")


def test_unread_body_is_dumped_and_connection_continues():
    seen = []

    def handler(req, res):
        seen.append(req.url)
        res.end("r" + req.url)

    def client(port):
        c = Raw(port)
        a = c.send(b"POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").response()
        b = c.send(GET).response()
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert a.endswith(b"r/1") and b.endswith(b"r/") and seen == ["/1", "/"]


def test_end_listener_fires_even_when_body_is_not_read():
    log = []

    def handler(req, res):
        req.on("end", lambda: log.append("end"))
        res.end()

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET))
    assert log == ["end"]


def test_paused_request_applies_back_pressure_then_resumes():
    seen = {}

    def handler(req, res):
        req.pause()
        size = [0]

        def later():
            seen["paused_reading"] = req.socket._readingPaused
            req.on("data", lambda c: size.__setitem__(0, size[0] + len(c)))
            req.on("end", lambda: (seen.__setitem__("size", size[0]), res.end("ok")))
            req.resume()

        def check():
            if req.readableLength >= req.readableHighWaterMark:
                later()
            else:
                from nodehttp import timers
                timers.setTimeout(check, 5)
        check()

    body = b"z" * (1 << 20)

    def client(port):
        c = Raw(port, timeout=10)
        c.sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body))
        import threading
        t = threading.Thread(target=c.sock.sendall, args=(body,))
        t.start()
        out = c.response()
        t.join()
        c.close()
        return out

    out = serve(lambda s: s.on("request", handler), client)
    assert out.endswith(b"ok")
    assert seen == {"paused_reading": True, "size": len(body)}


def test_custom_incoming_message_and_server_response_classes():
    class MyReq(http.IncomingMessage):
        pass

    class MyRes(http.ServerResponse):
        pass

    seen = {}

    def handler(req, res):
        seen["types"] = (type(req).__name__, type(res).__name__)
        res.end()

    serve(lambda s: s.on("request", handler), lambda port: one(port, GET),
          {"IncomingMessage": MyReq, "ServerResponse": MyRes})
    assert seen["types"] == ("MyReq", "MyRes")


def test_request_set_timeout_and_destroy():
    seen = []

    def handler(req, res):
        req.setTimeout(30, lambda *a: (seen.append("req timeout"), req.destroy()))

    def client(port):
        c = Raw(port)
        c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        closed = c.closed()
        c.close()
        return closed

    assert serve(lambda s: s.on("request", handler), client) is True
    assert seen == ["req timeout"]


def test_pipelined_chunk_event_order_matches_node():
    # Node 10 and 20 print exactly this for the same handler and bytes: the
    # nextTick queue drains after body callbacks only.
    from nodehttp import process
    log = []

    def handler(req, res):
        log.append(("request", req.url))
        process.nextTick(lambda: log.append(("tick", req.url)))
        req.on("data", lambda d: log.append(("data", req.url, len(d))))
        req.on("end", lambda: log.append(("end", req.url)))

    def setup(server):
        server.on("request", handler)
        server.on("clientError", lambda e, sock: (log.append(("clientError", e.code)),
                                                  sock.destroy()))

    data = (b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\n"
            b"Content-Length: 3\r\n\r\nabcPOST /c HTTP/1.1\r\nHost: x\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n2\r\nyz\r\n0\r\n\r\n"
            b"G\x01T / HTTP/1.1\r\nHost: x\r\n\r\n")
    serve(setup, lambda port: Raw(port).send(data).read_all())
    assert log == [
        ("request", "/a"), ("request", "/b"), ("tick", "/a"), ("tick", "/b"),
        ("data", "/b", 3), ("end", "/a"), ("request", "/c"), ("end", "/b"), ("tick", "/c"),
        ("data", "/c", 1), ("data", "/c", 2), ("clientError", "HPE_INVALID_METHOD"),
        ("end", "/c"),
    ]


def test_large_body_then_next_request_on_the_same_connection():
    def handler(req, res):
        size = [0]
        req.on("data", lambda c: size.__setitem__(0, size[0] + len(c)))
        req.on("end", lambda: res.end(str(size[0])))

    def client(port):
        c = Raw(port, timeout=10)
        body = b"q" * 70000
        a = c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body)
                   + body).response()
        b = c.send(GET).response()
        c.close()
        return a, b

    a, b = serve(lambda s: s.on("request", handler), client)
    assert a.endswith(b"\r\n\r\n70000") and b.endswith(b"\r\n\r\n0")
