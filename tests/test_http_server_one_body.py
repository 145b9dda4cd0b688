"""One body per handler (issue 14): the server calls the response's and
the request's own methods (``assignSocket``, ``detachSocket``, ``_dump``,
``_complete``) for every request and re-arms its keep-alive timer for every
response -- no inlined copy that a custom class or a changed timeout would
skip -- and Node's connection asserts hold.

The harness (``exchange``, the payloads, ``RecordingIncoming``) is the one
of tests/test_shortcuts.py.
"""

from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import http, loop, net, timers
from nodehttp.http_server import ServerResponse
from test_shortcuts import FALLBACK_MS, GET, GET_CLOSE, RecordingIncoming, exchange, hello


class RecordingResponse(ServerResponse):
    """A custom ServerResponse class: Node calls its methods."""

    calls: list[str] = []

    def assignSocket(self, socket: Any) -> None:
        RecordingResponse.calls.append("assignSocket")
        super().assignSocket(socket)

    def detachSocket(self, socket: Any) -> None:
        RecordingResponse.calls.append("detachSocket")
        super().detachSocket(socket)


def test_server_assign_socket_called_for_every_response() -> None:
    """A custom ServerResponse class's assignSocket is called."""
    RecordingResponse.calls = []

    def onrequest(req: Any, res: Any) -> None:
        if req.url == "/slow":
            timers.setImmediate(lambda: res.end("slow"))
        else:
            res.end("ok")

    slow = b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
    got = exchange(lambda s: s.on("request", onrequest), [slow + GET, GET_CLOSE],
                   {"ServerResponse": RecordingResponse})
    assert RecordingResponse.calls.count("assignSocket") == 3
    # Pipelined: the second response waits for the first (Node's outgoing queue).
    got = exchange(lambda s: s.on("request", onrequest), [slow + GET, GET_CLOSE])
    assert got.count(b"HTTP/1.1 200 OK") == 3
    assert got.index(b"slow") < got.index(b"ok")


def test_server_detach_socket_called_for_every_response() -> None:
    """A custom ServerResponse class's detachSocket is called."""
    RecordingResponse.calls = []
    exchange(lambda s: s.on("request", hello), GET_CLOSE, {"ServerResponse": RecordingResponse})
    assert RecordingResponse.calls.count("detachSocket") == 1


def test_server_dump_of_unread_requests() -> None:
    """An unread request with an 'end' listener still ends; a custom class's _dump is called."""
    RecordingIncoming.calls = []
    ended = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            req.on("end", lambda: ended.append(req.url))
            res.end()
        server.on("request", onrequest)

    exchange(setup, GET_CLOSE)
    assert ended == ["/"]
    exchange(lambda s: s.on("request", hello), GET_CLOSE,
             {"IncomingMessage": RecordingIncoming})
    assert "_dump" in RecordingIncoming.calls


def test_server_complete_of_every_message() -> None:
    """An engaged request gets 'end'; trailers arrive; a custom class's _complete is called."""
    seen: list[Any] = []

    def setup(server: Any) -> None:
        def onrequest(req: Any, res: Any) -> None:
            if req.url == "/engaged":
                req.resume()
                req.on("end", lambda: (seen.append("end"), res.end()))
            else:
                # Looked at once the message is complete, never engaged.
                timers.setImmediate(lambda: (seen.append(dict(req.trailers)), res.end()))
        server.on("request", onrequest)

    exchange(setup, [b"GET /engaged HTTP/1.1\r\nHost: x\r\n\r\n",
                     b"POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"Connection: close\r\n\r\n0\r\nX-T: 1\r\n\r\n"])
    assert seen == ["end", {"x-t": "1"}]
    RecordingIncoming.calls = []
    exchange(lambda s: s.on("request", hello), GET_CLOSE,
             {"IncomingMessage": RecordingIncoming})
    assert "_complete" in RecordingIncoming.calls


def _keep_alive_close_ms(ka1: float, ka2: float, delay2: float = 0) -> float:
    """Two requests on one connection (the second sent once the first is
    answered), keep-alive timeout ``ka1`` ms, set to ``ka2`` by the second
    one's handler, which answers after ``delay2`` ms: how long after the
    second response the server closed the connection (FALLBACK_MS if not)."""
    times: dict[str, float] = {}

    def main() -> None:
        server = http.createServer()
        server.keepAliveTimeout = ka1

        def onrequest(req: Any, res: Any) -> None:
            if req.url == "/2":
                server.keepAliveTimeout = ka2
                if delay2:
                    timers.setTimeout(lambda: res.end("ok"), delay2)
                    return
            res.end("ok")
        server.on("request", onrequest)

        def listening() -> None:
            c = net.connect(server.address()["port"], "127.0.0.1")
            n = [0]
            fallback: list[Any] = []

            def give_up() -> None:
                times.setdefault("closed", loop.get_loop().time() + FALLBACK_MS / 1000)
                c.destroy()

            def ondata(d: bytes) -> None:
                n[0] += d.count(b"HTTP/1.1 200")
                if n[0] == 1 and "sent2" not in times:
                    times["sent2"] = 0
                    c.write(b"GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
                elif n[0] == 2 and "second" not in times:
                    times["second"] = loop.get_loop().time()
                    fallback.append(timers.setTimeout(give_up, FALLBACK_MS))

            def onclose(*_: Any) -> None:
                times.setdefault("closed", loop.get_loop().time())
                for f in fallback:
                    timers.clearTimeout(f)
                server.close()

            c.on("connect", lambda: c.write(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"))
            c.on("data", ondata)
            c.on("close", onclose)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    return (times["closed"] - times["second"]) * 1000


def test_server_keep_alive_timer_rearmed_per_response() -> None:
    """After a second request the keep-alive timeout applies again, with its new value."""
    # The timeout changed between the two responses (timer still armed).
    assert _keep_alive_close_ms(2 * FALLBACK_MS, 50) < FALLBACK_MS / 2
    # The timer fired while the second request was being answered (not armed).
    assert _keep_alive_close_ms(50, 50, delay2=300) < FALLBACK_MS / 2


class _Owned:
    """The least of a socket an outgoing message can own."""

    writable = True
    destroyed = False


def test_assign_socket_asserts_the_socket_is_free() -> None:
    """Node's ``assert(!socket._httpMessage)`` in assignSocket, and
    ``assert(socket._httpMessage === this)`` in detachSocket."""
    from nodehttp.http_outgoing import OutgoingMessage, httpMessageOf

    sock = _Owned()
    first, second = OutgoingMessage(), OutgoingMessage()
    assert httpMessageOf(sock) is None
    first.assignSocket(sock)
    assert httpMessageOf(sock) is first and first.socket is sock and first.connection is sock
    try:
        second.assignSocket(sock)
    except AssertionError:
        pass
    else:
        raise AssertionError("a second owner was accepted")
    try:
        second.detachSocket(sock)
    except AssertionError:
        pass
    else:
        raise AssertionError("a message that does not own the socket released it")
    first.detachSocket(sock)
    assert httpMessageOf(sock) is None and first.socket is None and first.connection is None
    second.assignSocket(sock)
    assert httpMessageOf(sock) is second


def test_reading_stays_paused_while_queued_responses_wait() -> None:
    """Node's back-pressure on pipelined requests (parserOnIncoming pauses the
    socket once queued output passes the high-water mark; socketOnDrain
    resumes it) with its ``assert(!socket._paused)`` in socketOnData: bytes
    sent while the server is paused are parsed only after it resumes, and
    every response leaves in request order."""
    big = 6 * 1024
    order: list[str] = []
    out: list[bytes] = []
    batch1 = b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n" + b"".join(
        b"GET /%d HTTP/1.1\r\nHost: x\r\n\r\n" % i for i in range(1, 5))
    batch2 = b"".join(b"GET /%d HTTP/1.1\r\nHost: x\r\n\r\n" % i for i in range(5, 8)) \
        + b"GET /8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    pending: dict[str, Any] = {}

    def main() -> None:
        server = http.createServer()

        def onrequest(req: Any, res: Any) -> None:
            order.append(req.url)
            if req.url == "/slow":
                pending["slow"] = res
                return
            res.end(b"x" * big)  # queued behind /slow: counts in outgoingData
            if req.url == "/4":
                # Four bodies queued: past the high-water mark, reading is
                # paused.  The next requests are sent now; /slow is answered
                # once they were handed to the kernel.
                assert req.socket._readingPaused
                pending["client"].write(batch2, lambda *_: pending["slow"].end("slow"))
        server.on("request", onrequest)

        def listening() -> None:
            c = pending["client"] = net.connect(server.address()["port"], "127.0.0.1")
            give_up = timers.setTimeout(lambda: c.destroy(), FALLBACK_MS)
            c.on("connect", lambda: c.write(batch1))
            c.on("data", out.append)
            c.on("close", lambda *_: (timers.clearTimeout(give_up), server.close()))

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    got = b"".join(out)
    assert order == ["/slow"] + [f"/{i}" for i in range(1, 9)]
    assert got.count(b"HTTP/1.1 200 OK") == 9
    assert got.index(b"slow") < got.index(b"x" * big)
