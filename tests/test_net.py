"""net: Socket and Server over real sockets (127.0.0.1 and a unix socket), Node's rules."""

from __future__ import annotations

import asyncio
import os
import socket as pysocket
import struct
import subprocess
import sys
import textwrap
from typing import Any, Callable

import pytest

import nodehttp
from nodehttp import loop, net, timers


def run(main: Callable[[], Any], guard_ms: int = 5000) -> None:
    """Run ``main`` under nodehttp.run; an unref'd guard fails a test that hangs."""

    def hung() -> None:
        raise AssertionError(f"test hung: the loop still had work after {guard_ms} ms")

    def wrapped() -> None:
        timers.setTimeout(hung, guard_ms).unref()
        main()

    nodehttp.run(wrapped)


def listen(server: net.Server, cb: Callable[[int], Any]) -> None:
    server.listen(0, "127.0.0.1", lambda: cb(server.address()["port"]))


# -- the net doc's echo example -------------------------------------------------------


def test_echo_server_and_client_event_order():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            log.append(("server connection", c.remoteAddress, c.readyState))
            c.on("end", lambda: log.append("server end"))
            c.write("hello\r\n")
            c.pipe(c)

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.createConnection({"port": port}, lambda: (
                log.append("connect"), client.write("world!\r\n")))
            client.on("lookup", lambda *a: log.append(("lookup",) + a))
            client.on("ready", lambda: log.append("ready"))
            received = []

            def ondata(d: bytes) -> None:
                received.append(d)
                if b"world!" in b"".join(received):
                    client.end()

            client.on("data", ondata)
            client.on("end", lambda: log.append(("client end", b"".join(received))))

            def onclose(hadError: bool) -> None:
                log.append(("client close", hadError, client.bytesRead, client.bytesWritten))
                server.close(lambda: log.append("server close"))

            client.on("close", onclose)

        listen(server, onport)

    run(main)
    assert log[0] == ("lookup", None, "127.0.0.1", 4, "localhost")
    assert log[1] == ("server connection", "127.0.0.1", "open")
    assert log[2:4] == ["connect", "ready"]
    assert ("client end", b"hello\r\nworld!\r\n") in log and "server end" in log
    assert log[-2] == ("client close", False, 15, 8)
    assert log[-1] == "server close"


ECHO_SCRIPT = """
from nodehttp import net

def onconnection(c):
    c.on('end', lambda: print('client disconnected'))
    c.write('hello\\r\\n')
    c.pipe(c)

server = net.createServer(onconnection)

def listening():
    client = net.createConnection({'port': server.address()['port']},
                                  lambda: print('connected to server!'))
    client.on('data', lambda d: (print(d.decode().strip()), client.end()))
    client.on('end', lambda: print('disconnected from server'))
    client.on('close', lambda: server.close(lambda: print('closed')))

server.listen(0, '127.0.0.1', listening)
"""


def test_echo_script_runs_under_python_m_nodehttp(tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(textwrap.dedent(ECHO_SCRIPT))
    out = subprocess.run([sys.executable, "-m", "nodehttp", str(script)], capture_output=True,
                         text=True, timeout=30, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "connected to server!"
    assert lines[1] == "hello"
    assert set(lines[2:]) == {"client disconnected", "disconnected from server", "closed"}
    assert lines[-1] == "closed"


def test_unix_socket_echo(tmp_path):
    path = str(tmp_path / "echo.sock")
    seen: dict = {}

    def main() -> None:
        server = net.createServer(lambda c: c.pipe(c))

        def listening() -> None:
            seen["address"] = server.address()
            client = net.connect(path, lambda: client.end("over unix"))
            client.on("data", lambda d: seen.setdefault("data", d))
            client.on("close", lambda had: server.close())

        server.listen(path, listening)

    run(main)
    assert seen == {"address": path, "data": b"over unix"}
    assert not os.path.exists(path)  # removed on close, as libuv does


def test_set_keep_alive_over_a_pipe_asks_the_transport_once(tmp_path):
    # An agent calls setKeepAlive on every pooling; over a Unix socket (no TCP
    # keep-alive, a no-op as on Node's Pipe handle) the setting is final after
    # the first call, so the transport is not asked again.
    path = str(tmp_path / "ka.sock")
    asked: list = []

    def main() -> None:
        server = net.createServer(lambda c: c.end())

        def listening() -> None:
            def onconnect() -> None:
                real = client._sock
                client._sock = lambda: (asked.append(1), real())[1]
                for _ in range(3):
                    client.setKeepAlive(True, 1000)
                client.setKeepAlive(False)
                client.setKeepAlive(False)

            client = net.connect(path, onconnect)
            client.resume()
            client.on("close", lambda had: server.close())

        server.listen(path, listening)

    run(main)
    assert len(asked) == 2  # once per distinct setting


# -- back-pressure ------------------------------------------------------------------------


def test_back_pressure_write_false_then_drain_with_bounded_buffer():
    chunk = b"x" * 65536
    seen: dict = {"max_buffer": 0, "written": 0, "received": 0}

    def main() -> None:
        peer: list = []

        def onconnection(c: net.Socket) -> None:
            c.pause()  # the peer does not read: the sender must feel it
            peer.append(c)
            c.on("data", lambda d: seen.__setitem__("received", seen["received"] + len(d)))
            c.on("end", lambda: (c.end(), server.close()))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1")

            def pump() -> None:
                while True:
                    seen["written"] += len(chunk)
                    ok = client.write(chunk)
                    seen["max_buffer"] = max(seen["max_buffer"], client.bufferSize)
                    if not ok:
                        break
                seen["returned_false"] = True
                seen["buffer_at_false"] = client.bufferSize

                def ondrain() -> None:
                    seen["drain"] = True
                    client.end()

                client.once("drain", ondrain)
                # Let the peer read now: 'drain' must follow.
                timers.setTimeout(lambda: peer[0].resume(), 20)

            client.on("connect", pump)

        listen(server, onport)

    run(main)
    assert seen["returned_false"] and seen["drain"]
    # Writing stopped at False: memory stays bounded (the transport's high-water
    # mark plus one chunk, far below what a non-reading peer would let pile up).
    assert seen["max_buffer"] <= 256 * 1024
    assert seen["received"] == seen["written"]


# -- half-close -----------------------------------------------------------------------------


def test_allow_half_open_server_can_still_write_after_peer_end():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.resume()
            c.on("end", lambda: (log.append(("server end", c.readyState)), c.end("bye")))

        server = net.createServer({"allowHalfOpen": True}, onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1", lambda: client.end())
            client.on("finish", lambda: log.append(("client finish", client.readyState)))
            client.on("data", lambda d: log.append(("client data", d)))
            client.on("end", lambda: log.append("client end"))
            client.on("close", lambda had: (log.append("client close"), server.close()))

        listen(server, onport)

    run(main)
    assert log == [("client finish", "readOnly"), ("server end", "writeOnly"),
                   ("client data", b"bye"), "client end", "client close"]


def test_default_no_half_open_ends_our_side_when_peer_ends():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.resume()
            c.on("end", lambda: log.append("server end"))
            c.on("finish", lambda: log.append("server finish"))
            c.on("close", lambda had: (log.append("server close"), server.close()))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect({"port": port, "host": "127.0.0.1", "allowHalfOpen": True})
            client.on("connect", lambda: client.end())
            client.on("end", lambda: log.append("client end"))
            client.resume()

        listen(server, onport)

    run(main)
    # Node 10: 'end' ends and destroys our side at once (maybeDestroy), so the
    # destroyed socket never emits 'finish'.
    assert log[:2] == ["server end", "server close"]
    assert "server finish" not in log and "client end" in log


def test_write_after_peer_end_is_epipe_without_half_open():
    seen: dict = {}

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.resume()

            def onend() -> None:
                c.on("error", lambda e: seen.setdefault("error", (e.code, e.message)))
                c.write("late", lambda err: seen.setdefault("cb", err.code))

            c.on("end", onend)
            c.on("close", lambda had: server.close())

        server = net.createServer(onconnection)
        listen(server, lambda port: net.connect(port, "127.0.0.1").end())

    run(main)
    assert seen == {"error": ("EPIPE", "This socket has been ended by the other party"),
                    "cb": "EPIPE"}


def test_socket_ended_by_peer_writes_again_after_reconnecting():
    # The peer's FIN swaps write() for writeAfterFIN; connect() puts it back.
    got: list = []

    def main() -> None:
        conns: list = []

        def onconnection(c: net.Socket) -> None:
            conns.append(c)
            if len(conns) == 1:
                c.end()
            else:
                c.on("data", lambda d: (got.append(d), c.end(), server.close()))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1")
            client.resume()

            def reconnect() -> None:
                client.connect(port, "127.0.0.1", lambda: client.write(b"again"))

            client.once("close", lambda had: reconnect())

        listen(server, onport)

    run(main)
    assert got == [b"again"]


# -- errors ------------------------------------------------------------------------------------


def _free_port() -> int:
    s = pysocket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_econnrefused_error_then_close_had_error():
    port = _free_port()
    log: list = []

    def main() -> None:
        c = net.connect(port, "127.0.0.1")
        assert (c.connecting, c.pending, c.readyState) == (True, True, "opening")
        c.on("connect", lambda: log.append("connect"))
        c.on("error", lambda e: log.append(("error", e.code, e.message, e.syscall,
                                            e.address, e.port)))
        c.on("close", lambda had: log.append(("close", had, c.destroyed, c.readyState)))

    run(main)
    assert log == [("error", "ECONNREFUSED", f"connect ECONNREFUSED 127.0.0.1:{port}",
                    "connect", "127.0.0.1", port),
                   ("close", True, True, "closed")]


def test_eaddrinuse_has_node_message():
    seen: dict = {}

    def main() -> None:
        first = net.createServer()

        def onport(port: int) -> None:
            second = net.createServer()

            def onerror(e: Any) -> None:
                seen["error"] = (e.code, e.message, e.syscall, e.address, e.port)
                seen["listening"] = second.listening
                first.close()

            second.on("error", onerror)
            second.listen(port, "127.0.0.1")
            seen["port"] = port

        listen(first, onport)

    run(main)
    port = seen["port"]
    assert seen["error"] == ("EADDRINUSE",
                             f"listen EADDRINUSE: address already in use 127.0.0.1:{port}",
                             "listen", "127.0.0.1", port)
    assert seen["listening"] is False


def test_lookup_event_and_getaddrinfo_error_shape():
    err = net._lookup_error(pysocket.gaierror(pysocket.EAI_NONAME, "Name or service not known"),
                            "nonexistent.invalid")
    assert (err.code, err.errno, err.syscall, err.hostname) == (
        "ENOTFOUND", pysocket.EAI_NONAME, "getaddrinfo", "nonexistent.invalid")
    assert err.message == "getaddrinfo ENOTFOUND nonexistent.invalid"


def test_econnreset_from_peer_reset():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            raw = c._sock()
            raw.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_LINGER, struct.pack("ii", 1, 0))
            c.destroy()  # close with SO_LINGER 0: the peer gets a RST
            server.close()

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1")
            client.resume()
            client.on("error", lambda e: log.append(("error", e.code, e.message)))
            client.on("end", lambda: log.append("end"))
            client.on("close", lambda had: log.append(("close", had)))

        listen(server, onport)

    run(main)
    assert log == [("error", "ECONNRESET", "read ECONNRESET"), ("close", True)]


def test_write_after_end_and_after_destroy():
    seen: dict = {}

    def main() -> None:
        server = net.createServer(lambda c: c.resume())

        def onport(port: int) -> None:
            c = net.connect(port, "127.0.0.1")
            c.end()
            c.on("error", lambda e: seen.setdefault("end_error", e.code))
            c.write("x", lambda e: seen.setdefault("end_cb", e.code))

            d = net.connect(port, "127.0.0.1")

            def ondconnect() -> None:
                d.destroy()
                d.on("error", lambda e: seen.setdefault("destroyed_error", e.code))
                d.write("x", lambda e: seen.setdefault("destroyed_cb", e.code))

            d.on("connect", ondconnect)
            d.on("close", lambda had: server.close())

        listen(server, onport)

    run(main)
    assert seen == {"end_error": "ERR_STREAM_WRITE_AFTER_END",
                    "end_cb": "ERR_STREAM_WRITE_AFTER_END",
                    "destroyed_error": "ERR_STREAM_DESTROYED",
                    "destroyed_cb": "ERR_STREAM_DESTROYED"}


# -- timeouts, close, connections, ref ---------------------------------------------------------


def test_set_timeout_emits_timeout_and_zero_disables():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.setTimeout(30, lambda: (log.append(("timeout", c.timeout)), c.destroy()))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1")
            client.setTimeout(10)
            client.setTimeout(0)  # disabled: never fires
            client.on("timeout", lambda: log.append("client timeout"))
            client.on("close", lambda had: (log.append("client close"), server.close()))
            client.resume()

        listen(server, onport)

    run(main)
    assert log == [("timeout", 30), "client close"]


def test_server_close_waits_for_connections_and_get_connections():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.resume()

            def counted(err: Any, n: int) -> None:
                log.append(("connections", err, n))
                server.close(lambda: log.append("server close"))
                log.append(("listening", server.listening))
                timers.setTimeout(lambda: (log.append("destroying"), c.destroy()), 20)

            server.getConnections(counted)

        server = net.createServer(onconnection)
        listen(server, lambda port: net.connect(port, "127.0.0.1").resume())

    run(main)
    assert log == [("connections", None, 1), ("listening", False), "destroying", "server close"]


def test_close_when_not_running_passes_err_server_not_running():
    seen: list = []

    def main() -> None:
        net.createServer().close(lambda err: seen.append((err.code, err.message)))

    run(main)
    assert seen == [("ERR_SERVER_NOT_RUNNING", "Server is not running.")]


def test_unref_lets_the_loop_exit_and_ref_keeps_it():
    seen: dict = {}

    def main() -> None:
        server = net.createServer()
        server.listen(0, "127.0.0.1")
        server.unref()
        timers.setTimeout(lambda: seen.setdefault("timer", server.listening), 10)

    run(main)  # returns: the unref'd server does not keep the loop alive
    assert seen == {"timer": True}

    def main2() -> None:
        server = net.createServer()

        def onport(port: int) -> None:
            c = net.connect(port, "127.0.0.1")
            c.unref()
            server.unref()
            # A ref'd socket would keep the loop alive: unref'd, the loop may end.
            c.on("connect", lambda: seen.setdefault("connected", True))

        server.on("connection", lambda s: s.unref())
        listen(server, onport)

    run(main2)

    def main3() -> None:
        server = net.createServer()
        server.unref()
        server.ref()
        listen(server, lambda port: timers.setTimeout(
            lambda: (seen.setdefault("still", server.listening), server.close()), 20))

    run(main3)
    assert seen["still"] is True
    assert loop.refs() == 0


def test_max_connections_drops_extra_connections():
    log: list = []

    def main() -> None:
        server = net.createServer(lambda c: (log.append("connection"), c.resume()))
        server.maxConnections = 1

        def onport(port: int) -> None:
            a = net.connect(port, "127.0.0.1")
            a.resume()

            def second() -> None:
                b = net.connect(port, "127.0.0.1")
                b.resume()
                b.on("close", lambda had: (log.append("second closed"), a.destroy(),
                                           server.close()))

            a.on("connect", lambda: timers.setTimeout(second, 10))

        listen(server, onport)

    run(main)
    assert log == ["connection", "second closed"]


def test_addresses_and_ready_state():
    seen: dict = {}

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            seen["server side"] = (c.localAddress, c.localPort, c.remoteFamily,
                                   c.readyState, c.pending, c.connecting)
            c.end()

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            c = net.connect(port, "127.0.0.1")
            seen["before"] = (c.address(), c.remoteAddress, c.bufferSize is not None)

            def onconnect() -> None:
                seen["client"] = (c.remoteAddress, c.remotePort, c.remoteFamily,
                                  c.address()["port"] == c.localPort, c.readyState)
                c.setNoDelay(True)
                c.setKeepAlive(True, 1000)
                sock = c._sock()
                seen["opts"] = (sock.getsockopt(pysocket.IPPROTO_TCP, pysocket.TCP_NODELAY),
                                sock.getsockopt(pysocket.SOL_SOCKET, pysocket.SO_KEEPALIVE),
                                sock.getsockopt(pysocket.IPPROTO_TCP, pysocket.TCP_KEEPIDLE))
                c.setNoDelay(False)
                seen["nagle"] = sock.getsockopt(pysocket.IPPROTO_TCP, pysocket.TCP_NODELAY)

            c.on("connect", onconnect)
            c.resume()
            c.on("close", lambda had: (seen.setdefault("after", c.readyState), server.close()))
            seen["port"] = port

        listen(server, onport)

    run(main)
    port = seen["port"]
    assert seen["before"] == ({}, None, True)
    assert seen["server side"] == ("127.0.0.1", port, "IPv4", "open", False, False)
    assert seen["client"] == ("127.0.0.1", port, "IPv4", True, "open")
    assert seen["opts"] == (1, 1, 1)
    assert seen["nagle"] == 0
    assert seen["after"] == "closed"


def test_pause_on_connect_holds_data_until_resume():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            log.append(("paused", c.isPaused(), c._readingPaused))
            c.on("data", lambda d: log.append(("data", d)))
            timers.setTimeout(lambda: (log.append("resume"), c.resume()), 20)
            c.on("end", lambda: server.close())

        server = net.createServer({"pauseOnConnect": True}, onconnection)
        listen(server, lambda port: net.connect(port, "127.0.0.1").end("held"))

    run(main)
    assert log == [("paused", True, True), "resume", ("data", b"held")]


def test_is_ip():
    assert net.isIP("127.0.0.1") == 4 and net.isIPv4("10.0.0.255")
    assert net.isIP("::1") == 6 and net.isIPv6("fe80::1%lo")
    assert net.isIP("1.2.3") == 0 and net.isIP("localhost") == 0 and net.isIP(None) == 0
    assert net.isIP("256.0.0.1") == 0 and not net.isIPv6("127.0.0.1")


# -- the protocol-consumer fast path ---------------------------------------------------------


def test_ondata_fast_path_bypasses_readable_then_hands_back():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            def ondata(d: bytes) -> None:
                log.append(("fast", d, c.bytesRead, c.readableLength))
                # Hand the socket back to stream mode (as an upgrade does).
                c._ondata = None
                c._onend = None
                c.on("data", lambda d2: log.append(("stream", d2)))
                c.on("end", lambda: (log.append("end"), server.close()))
                c.write("go")

            c._ondata = ondata
            c._onend = lambda: log.append("onend (fast)")
            c.on("data", lambda d: log.append(("readable got", d)))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            client = net.connect(port, "127.0.0.1", lambda: client.write("first"))
            client.on("data", lambda d: client.end("second"))

        listen(server, onport)

    run(main)
    # The 'data' listener added before the hand-back sees the stream-mode bytes too.
    assert log[0] == ("fast", b"first", 5, 0)
    assert ("readable got", b"first") not in log
    assert ("stream", b"second") in log and ("readable got", b"second") in log
    assert log[-1] == "end"
    assert "onend (fast)" not in log


def test_onend_called_before_readable_end_and_pause_resume_reading():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c._ondata = lambda d: log.append(("fast", d))
            c._onend = lambda: log.append(("onend", c.readableEnded))
            c.on("end", lambda: (log.append("end"), server.close()))
            c._pauseReading()
            c._pauseReading()  # idempotent
            log.append(("paused", c._readingPaused))
            timers.setTimeout(lambda: (log.append("resume"), c._resumeReading(),
                                       c._resumeReading()), 20)

        server = net.createServer(onconnection)
        listen(server, lambda port: net.connect(port, "127.0.0.1").end("abc"))

    run(main)
    assert log == [("paused", True), "resume", ("fast", b"abc"), ("onend", False), "end"]


def test_connection_listener_runs_before_first_data():
    log: list = []

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            log.append(("connection", c.bytesRead))
            c._ondata = lambda d: (log.append(("fast", d)), c.destroy(), server.close())

        server = net.createServer(onconnection)
        # The client writes before the server could possibly have run anything.
        listen(server, lambda port: net.connect(port, "127.0.0.1").end("early"))

    run(main)
    assert log == [("connection", 0), ("fast", b"early")]


@pytest.mark.parametrize("bad", [-1, 65536, "x1"])
def test_bad_port_is_a_range_error(bad):
    with pytest.raises(ValueError) as info:
        net.Socket().connect({"port": bad, "host": "127.0.0.1"})
    assert info.value.code == "ERR_SOCKET_BAD_PORT"


# -- more connect paths ------------------------------------------------------------------------


def test_enotfound_lookup_event_then_error_then_close(monkeypatch):
    async def failing_lookup(host: str, family: int) -> list:
        raise pysocket.gaierror(pysocket.EAI_NONAME, "Name or service not known")

    from nodehttp.net import socket_connect as net_socket

    monkeypatch.setattr(net_socket, "_lookup", failing_lookup)
    log: list = []

    def main() -> None:
        c = net.connect(80, "nonexistent.invalid")
        c.on("lookup", lambda err, ip, family, host: log.append(
            ("lookup", err.message, ip, family, host)))
        c.on("error", lambda e: log.append(("error", e.code, e.message, e.host, e.port)))
        c.on("close", lambda had: log.append(("close", had)))

    run(main)
    assert log == [
        ("lookup", "getaddrinfo ENOTFOUND nonexistent.invalid", None, None,
         "nonexistent.invalid"),
        ("error", "ENOTFOUND", "getaddrinfo ENOTFOUND nonexistent.invalid nonexistent.invalid:80",
         "nonexistent.invalid", 80),
        ("close", True),
    ]


def test_unix_connect_to_missing_path_is_enoent(tmp_path):
    path = str(tmp_path / "missing.sock")
    log: list = []

    def main() -> None:
        c = net.createConnection({"path": path})
        c.on("error", lambda e: log.append((e.code, e.message)))
        c.on("close", lambda had: log.append(("close", had)))

    run(main)
    assert log == [("ENOENT", f"connect ENOENT {path}"), ("close", True)]


def test_writes_while_connecting_are_sent_after_connect_and_corked_writes_batch():
    seen: dict = {}

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.setEncoding("utf8")
            got: list = []
            c.on("data", got.append)
            c.on("end", lambda: (seen.setdefault("server got", "".join(got)), server.close()))

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            c = net.connect(port, "127.0.0.1")
            c.write("early ")  # before 'connect': held until connected
            seen["bytesWritten while connecting"] = c.bytesWritten

            def onconnect() -> None:
                c.cork()
                c.write("a")
                c.write(b"b")
                c.write("c")
                c.uncork()  # one _writev with three chunks
                c.end(" done")

            c.on("connect", onconnect)
            c.on("close", lambda had: seen.setdefault("bytesWritten", c.bytesWritten))

        listen(server, onport)

    run(main)
    assert seen == {"bytesWritten while connecting": 6, "server got": "early abc done",
                    "bytesWritten": 14}


def test_destroy_with_error_emits_error_then_close_true_and_destroy_while_connecting():
    log: list = []

    def main() -> None:
        server = net.createServer(lambda c: c.resume())

        def onport(port: int) -> None:
            a = net.connect(port, "127.0.0.1")
            a.on("error", lambda e: log.append(("a error", str(e))))
            a.on("close", lambda had: (log.append(("a close", had)), server.close()))
            a.on("connect", lambda: a.destroy(RuntimeError("boom")))

            b = net.connect(port, "127.0.0.1")
            b.on("connect", lambda: log.append("b connected"))
            b.on("close", lambda had: log.append(("b close", had)))
            b.destroy()  # still connecting: the connect is abandoned

        listen(server, onport)

    run(main)
    assert ("b close", False) in log and "b connected" not in log
    assert log.index(("a error", "boom")) + 1 == log.index(("a close", True))


def test_ipv6_loopback_and_default_host():
    seen: dict = {}

    def main() -> None:
        server = net.createServer(lambda c: (seen.setdefault("remote", (
            c.remoteAddress, c.remoteFamily)), c.end()))

        def listening() -> None:
            seen["address"] = server.address()["address"], server.address()["family"]
            c = net.connect({"port": server.address()["port"], "host": "::1"})
            c.resume()
            c.on("close", lambda had: server.close())

        server.listen({"port": 0}, listening)  # no host: '::' as Node does

    run(main)
    assert seen["address"] == ("::", "IPv6")
    assert seen["remote"] == ("::1", "IPv6")


def test_listen_twice_and_listen_port_as_string():
    seen: dict = {}

    def main() -> None:
        server = net.createServer()
        server.listen("0", "127.0.0.1", lambda: seen.setdefault("port", server.address()["port"]))
        with pytest.raises(Exception) as info:
            server.listen(0)
        seen["code"] = info.value.code
        timers.setTimeout(lambda: server.close(), 1)

    run(main)
    assert seen["code"] == "ERR_SERVER_ALREADY_LISTEN" and seen["port"] > 0


# -- writes made in one read callback leave together ---------------------------------------


class _KernelTransport:
    """A transport that logs its calls and, like a socket whose peer reads
    nothing, keeps what the "kernel" refuses: ``accept`` bytes of each write
    are sent, the rest is buffered; past ``high`` it pauses the protocol."""

    def __init__(self, high: int = 65536, accept: float = float("inf")) -> None:
        self.log: list = []
        self.high = high
        self.accept = accept
        self.buffered = 0
        self.paused = False
        self.closed = False
        self.protocol: Any = None

    def _take(self, n: int) -> None:
        self.buffered += max(0, n - self.accept) if not self.buffered else n
        if self.buffered > self.high and not self.paused:
            self.paused = True
            self.protocol.pause_writing()

    def write(self, data: bytes) -> None:
        self.log.append(("write", bytes(data)))
        self._take(len(data))

    def writelines(self, chunks: list) -> None:
        self.log.append(("writelines", [bytes(c) for c in chunks]))
        self._take(sum(map(len, chunks)))

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def get_write_buffer_limits(self) -> tuple:
        return (self.high // 4, self.high)

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return default

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        self.log.append("write_eof")

    def close(self) -> None:
        self.log.append("close")
        self.closed = True

    def abort(self) -> None:
        self.log.append("abort")
        self.closed = True


def _fake_connection(ondata: Callable, **kw: Any) -> tuple:
    """A server-side socket over a :class:`_KernelTransport`; ``ondata(socket, d)``."""
    server = net.Server()
    sockets: list = []
    server.on("connection", sockets.append)
    h = net._SocketProtocol(None, server)
    t = _KernelTransport(**kw)
    t.protocol = h
    h.connection_made(t)
    s = sockets[0]
    s._ondata = lambda d: ondata(s, d)
    return h, t, s


def _close(h: Any, s: net.Socket) -> None:
    s.destroy()
    h.connection_lost(None)
    _settle()


def _wire(t: _KernelTransport) -> bytes:
    out = b""
    for entry in t.log:
        if isinstance(entry, tuple):
            out += entry[1] if entry[0] == "write" else b"".join(entry[1])
    return out


def _settle() -> None:
    async def turns() -> None:
        for _ in range(5):
            await asyncio.sleep(0)

    loop.get_loop().run_until_complete(turns())


def test_writes_in_one_read_callback_complete_as_before_and_leave_together():
    log: list = []

    def ondata(s: net.Socket, d: bytes) -> None:
        for part in (b"a", b"bb", b"ccc"):
            ok = s.write(part, lambda err, p=part: log.append(("cb", p, err, s.bytesWritten)))
            log.append(("write", part, ok, s.bytesWritten, s.writableLength))

    h, t, s = _fake_connection(ondata)
    s.on("drain", lambda: log.append("drain"))
    h.data_received(b"go")
    # Each write completes as it would one by one: returns True, counted at
    # once, its callback on the next tick.
    assert log == [("write", b"a", True, 1, 0), ("write", b"bb", True, 3, 0),
                   ("write", b"ccc", True, 6, 0),
                   ("cb", b"a", None, 6), ("cb", b"bb", None, 6), ("cb", b"ccc", None, 6)]
    # The first write went out at once, the others in one transport write at the end.
    assert t.log == [("write", b"a"), ("writelines", [b"bb", b"ccc"])]
    h.data_received(b"again")
    assert _wire(t) == b"abbccc" * 2 and s.bytesWritten == 12
    _close(h, s)


def test_batched_writes_reach_the_transport_before_destroy_end_and_buffer_size():
    def destroyer(s: net.Socket, d: bytes) -> None:
        s.write(b"1")
        s.write(b"2")
        s.destroy()

    h, t, s = _fake_connection(destroyer)
    h.data_received(b"x")
    assert t.log == [("write", b"1"), ("write", b"2"), "close"]
    _close(h, s)

    def ender(s: net.Socket, d: bytes) -> None:
        s.write(b"1")
        s.write(b"2")
        s.end(b"3")

    h, t, s = _fake_connection(ender)
    h.data_received(b"x")
    _settle()
    assert _wire(t) == b"123" and t.log[-1] == "write_eof"
    _close(h, s)

    sizes: list = []

    def inspector(s: net.Socket, d: bytes) -> None:
        s.write(b"12")
        s.write(b"345")
        sizes.append(s.bufferSize)  # what the transport holds, as without batching

    h, t, s = _fake_connection(inspector, accept=0)
    h.data_received(b"x")
    assert sizes == [5] and _wire(t) == b"12345"
    _close(h, s)


def test_batched_writes_leave_even_when_the_read_callback_raises():
    from nodehttp import process

    caught: list = []

    def boom(s: net.Socket, d: bytes) -> None:
        s.write(b"1")
        s.write(b"2")
        raise ValueError("boom")

    process.on("uncaughtException", caught.append)
    try:
        h, t, s = _fake_connection(boom)
        h.data_received(b"x")
    finally:
        process.removeAllListeners("uncaughtException")
    assert [str(e) for e in caught] == ["boom"] and _wire(t) == b"12"
    _close(h, s)


def test_a_write_that_would_pause_the_transport_is_not_batched():
    # The peer reads nothing and the transport's high-water mark is 100 bytes:
    # the second write pushes it past, so the transport pauses and that
    # write's callback waits for resume_writing (as Node's waits for libuv).
    log: list = []

    def ondata(s: net.Socket, d: bytes) -> None:
        s.write(b"a" * 60, lambda err: log.append("cb 1"))
        s.write(b"b" * 60, lambda err: log.append("cb 2"))
        s.write(b"c" * 10, lambda err: log.append("cb 3"))

    h, t, s = _fake_connection(ondata, high=100, accept=0)
    h.data_received(b"x")
    assert log == ["cb 1"] and t.paused
    assert t.log == [("write", b"a" * 60), ("write", b"b" * 60)]
    t.paused, t.buffered = False, 0  # the peer read everything
    h.resume_writing()
    assert log == ["cb 1", "cb 2", "cb 3"]
    assert _wire(t) == b"a" * 60 + b"b" * 60 + b"c" * 10
    _close(h, s)


@pytest.mark.parametrize("with_cb", [False, True])
def test_write_that_pauses_the_transport_is_in_flight_until_resume(with_cb):
    # socket.write(buf) without a callback takes net.Socket.write's direct
    # path; when the transport pauses during that write it must behave as
    # Writable.write's (with a callback) does: in flight, later writes
    # buffered, 'drain' after resume_writing.
    log: list = []

    def ondata(s: net.Socket, d: bytes) -> None:
        cb = (lambda err: log.append("cb")) if with_cb else None
        log.append(("w1", s.write(b"x" * 100, cb), s.writableLength))
        log.append(("w2", s.write(b"y" * 20000), s.writableLength))

    h, t, s = _fake_connection(ondata, high=50, accept=0)
    s.on("drain", lambda: log.append("drain"))
    h.data_received(b"go")
    _settle()
    assert log == [("w1", True, 100), ("w2", False, 20100)]
    t.paused = False
    t.buffered = 0
    t.high = 1 << 30  # the peer reads again: w2 goes out without pausing
    h.resume_writing()
    _settle()
    assert log[2:] == ["drain"] + (["cb"] if with_cb else [])  # Node's afterWrite order
    assert _wire(t) == b"x" * 100 + b"y" * 20000 and s.bytesWritten == 20100
    _close(h, s)


# -- a closed socket's object graph ----------------------------------------------------


def test_closed_socket_freed_without_the_collector():
    """A server socket the peer ended (its 'end' listener ran: Node's
    onReadableStreamEnd ends our side too and swaps write() for
    writeAfterFIN) and that closed is freed by reference counting: no cycle
    through its own first 'end' listener or its writeAfterFIN
    (tests/test_shortcuts.py pins that the listener is stored as on() would)."""
    import gc
    import weakref

    refs: list = []
    events: list = []

    def main() -> None:
        def onconnection(s: net.Socket) -> None:
            refs.append(weakref.ref(s))
            assert s.listenerCount("end") == 1
            s.on("end", lambda: events.append("end"))
            s.on("close", lambda hadError: (events.append(("close", hadError)), server.close()))
            s.resume()

        server = net.createServer(onconnection)

        def onport(port: int) -> None:
            c = pysocket.create_connection(("127.0.0.1", port))
            c.sendall(b"x")
            c.shutdown(pysocket.SHUT_WR)

            def drain() -> None:  # the server ends its side: EOF here, then close
                c.setblocking(False)
                try:
                    if c.recv(10) == b"":
                        c.close()
                        return
                except BlockingIOError:
                    pass
                timers.setTimeout(drain, 5)

            drain()

        listen(server, onport)

    gc.collect()
    gc.disable()
    try:
        run(main)
        assert events == ["end", ("close", False)]
        assert refs and refs[0]() is None
    finally:
        gc.enable()
