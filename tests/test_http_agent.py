"""http.Agent: pooling, queueing, keep-alive, overridable hooks — real sockets on 127.0.0.1.

The server is a raw keep-alive server in a thread that answers every request
with ``<connection number>:<request number on it>``, so each test can see
which connection served which request.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import pytest
from test_http_client import _read_body, _read_head, run_client

from nodehttp import http, net, process
from nodehttp import timers as nodehttp_timers


class KeepAliveServer:
    """Answers ``<conn>:<n>``; ``/idle-close`` closes the connection right after
    answering (without saying so), ``/close`` answers with ``Connection: close``."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.heads: list[bytes] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                conn_id = self.connections
            threading.Thread(target=self._handle, args=(c, conn_id), daemon=True).start()

    def _handle(self, c: socket.socket, conn_id: int) -> None:
        rest = b""
        n = 0
        try:
            while True:
                r = _read_head(c, rest)
                if r is None:
                    return
                head, rest = r
                _, rest = _read_body(c, head, rest)
                self.heads.append(head)
                n += 1
                path = head.split(b" ")[1]
                body = b"%d:%d" % (conn_id, n)
                extra = b"Connection: close\r\n" if path == b"/close" else b""
                c.sendall(b"HTTP/1.1 200 OK\r\n%bContent-Length: %d\r\n\r\n%b"
                          % (extra, len(body), body))
                if path in (b"/close", b"/idle-close"):
                    return
        except OSError:
            pass
        finally:
            c.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def srv() -> Any:
    s = KeepAliveServer()
    yield s
    s.close()


def fetch(agent: Any, port: int, path: str = "/", out: list | None = None, **extra: Any) -> Any:
    """GET ``path`` through ``agent``; append the body to ``out``."""
    def on_response(res: Any) -> None:
        chunks: list = []
        res.on("data", chunks.append)
        res.on("end", lambda: out.append(b"".join(chunks).decode()) if out is not None else None)

    return http.get({"host": "127.0.0.1", "port": port, "path": path, "agent": agent, **extra},
                    on_response)


def test_getName():
    a = http.Agent()
    assert a.getName({"host": "h", "port": 80, "localAddress": "1.2.3.4", "family": 6}) == \
        "h:80:1.2.3.4:6"
    assert a.getName({"host": "h", "port": 80, "family": 5}) == "h:80:"
    assert a.getName({}) == "localhost::"
    assert a.getName({"socketPath": "/tmp/s"}) == "localhost:::/tmp/s"


def test_defaults_and_global_agent():
    a = http.Agent({"maxSockets": 2})
    assert a.options == {"maxSockets": 2, "path": None}
    assert (a.keepAlive, a.keepAliveMsecs, a.maxSockets, a.maxFreeSockets) == (False, 1000, 2, 256)
    g = http.globalAgent
    assert isinstance(g, http.Agent) and g.maxSockets == float("inf") and g.maxFreeSockets == 256
    assert (g.defaultPort, g.protocol) == (80, "http:")
    assert (a.requests, a.sockets, a.freeSockets) == ({}, {}, {})


def test_keep_alive_reuses_socket_and_idle_socket_is_unrefd(srv):
    agent = http.Agent({"keepAlive": True})
    name = f"127.0.0.1:{srv.port}:"
    out: list = []
    state: dict = {}

    def main() -> None:
        def second() -> None:
            state["free_after_first"] = len(agent.freeSockets.get(name, []))
            req = fetch(agent, srv.port, "/", out)
            state["sockets_while_busy"] = len(agent.sockets.get(name, []))
            req.on("close", lambda: out.append("close"))  # Node 10: not for a reused socket

        fetch(agent, srv.port, "/", out).on("response", lambda res: res.on(
            "end", lambda: process.nextTick(lambda: process.nextTick(second))))

        def before_exit() -> None:
            # The loop went idle although a pooled socket is open: it is unref'd.
            state["free_at_idle"] = len(agent.freeSockets.get(name, []))
            agent.destroy()

        process.once("beforeExit", before_exit)

    run_client(main)
    assert out == ["1:1", "1:2"]
    assert state == {"free_after_first": 1, "sockets_while_busy": 1, "free_at_idle": 1}
    assert srv.connections == 1
    assert all(b"Connection: keep-alive" in h for h in srv.heads)


def test_max_sockets_queues_fifo_and_closes_after(srv):
    agent = http.Agent({"maxSockets": 1})
    name = f"127.0.0.1:{srv.port}:"
    out: list = []
    queued: list = []

    def main() -> None:
        for _ in range(3):
            fetch(agent, srv.port, "/", out)
        queued.append(len(agent.requests[name]))

    run_client(main)  # ends: without keepAlive the last socket is closed
    assert queued == [2]
    assert out == ["1:1", "1:2", "1:3"]
    assert srv.connections == 1
    # maxSockets is finite, so the socket may be reused: keep-alive is asked for.
    assert all(b"Connection: keep-alive" in h for h in srv.heads)
    assert agent.sockets == {} and agent.freeSockets == {} and agent.requests == {}


def test_global_agent_sends_connection_close_and_closes(srv):
    out: list = []
    run_client(lambda: (fetch(None, srv.port, "/", out), fetch(None, srv.port, "/", out)))
    assert sorted(out) == ["1:1", "2:1"]
    assert all(b"Connection: close" in h for h in srv.heads)


def test_free_socket_closed_by_server_is_dropped(srv):
    agent = http.Agent({"keepAlive": True})
    name = f"127.0.0.1:{srv.port}:"
    out: list = []
    state: dict = {}

    def main() -> None:
        req = fetch(agent, srv.port, "/idle-close", out)
        # The pooled socket is unref'd: hold the loop open until its 'close'.
        hold = nodehttp_timers.setTimeout(lambda: None, 5000)

        def on_socket(sock: Any) -> None:
            def on_close(*_: Any) -> None:
                nodehttp_timers.clearTimeout(hold)
                state["free_after_close"] = name in agent.freeSockets
                fetch(agent, srv.port, "/", out).on(
                    "response", lambda res: res.on("end", lambda: process.nextTick(
                        agent.destroy)))

            sock.once("close", on_close)

        req.on("socket", on_socket)

    run_client(main)
    assert state == {"free_after_close": False}
    assert out == ["1:1", "2:1"]


def test_connection_close_response_not_pooled(srv):
    agent = http.Agent({"keepAlive": True})
    out: list = []
    run_client(lambda: fetch(agent, srv.port, "/close", out))
    assert out == ["1:1"] and agent.freeSockets == {} and agent.sockets == {}


def test_max_free_sockets(srv):
    agent = http.Agent({"keepAlive": True, "maxFreeSockets": 1})
    name = f"127.0.0.1:{srv.port}:"
    out: list = []
    state: dict = {}

    def main() -> None:
        fetch(agent, srv.port, "/", out)
        fetch(agent, srv.port, "/", out)

        def before_exit() -> None:
            state["free"] = len(agent.freeSockets.get(name, []))
            agent.destroy()

        process.once("beforeExit", before_exit)

    run_client(main)
    assert sorted(out) == ["1:1", "2:1"] and state == {"free": 1}


def test_keep_socket_alive_and_reuse_socket_overrides(srv):
    calls: list = []

    class Reusing(http.Agent):
        def reuseSocket(self, socket: Any, req: Any) -> None:
            calls.append(("reuse", isinstance(socket, net.Socket), req.path))
            super().reuseSocket(socket, req)

    class NotKeeping(http.Agent):
        def keepSocketAlive(self, socket: Any) -> bool:
            calls.append("keep?")
            return False

    reusing = Reusing({"keepAlive": True})
    not_keeping = NotKeeping({"keepAlive": True})
    out: list = []

    def main() -> None:
        fetch(reusing, srv.port, "/a", out).on("response", lambda res: res.on(
            "end", lambda: process.nextTick(lambda: process.nextTick(
                lambda: fetch(reusing, srv.port, "/b", out).on(
                    "response", lambda r: r.on("end", lambda: process.nextTick(
                        lambda: process.nextTick(reusing.destroy))))))))
        fetch(not_keeping, srv.port, "/c", out)

    run_client(main)
    assert ("reuse", True, "/b") in calls and "keep?" in calls
    assert not_keeping.freeSockets == {}
    assert sorted(out) == sorted(["1:1", "1:2", "2:1"]) or sorted(out) == sorted(
        ["1:1", "2:1", "2:2"])


def test_create_connection_overrides(srv):
    out: list = []
    made: list = []

    class CallbackAgent(http.Agent):
        def createConnection(self, options: dict, cb: Any) -> None:
            made.append(options["_agentKey"])
            sock = net.createConnection({"port": options["port"], "host": options["host"]})
            cb(None, sock)  # the callback form: return nothing

    def conn_fn(options: dict) -> Any:
        made.append("option")
        return net.createConnection(options["port"], options["host"])

    def main() -> None:
        fetch(CallbackAgent(), srv.port, "/", out)
        http.get({"host": "127.0.0.1", "port": srv.port, "createConnection": conn_fn},
                 lambda res: res.on("data", lambda d: out.append(d.decode())))

    run_client(main)
    assert sorted(made) == sorted([f"127.0.0.1:{srv.port}:", "option"])
    assert sorted(out) == ["1:1", "2:1"]
    assert all(b"Connection: close" in h for h in srv.heads)


def test_create_connection_error_reaches_request():
    errors: list = []

    class Failing(http.Agent):
        def createConnection(self, options: dict, cb: Any) -> None:
            cb(Exception("nope"))

    run_client(lambda: http.get({"host": "127.0.0.1", "port": 1, "agent": Failing()}).on(
        "error", errors.append))
    assert [str(e) for e in errors] == ["nope"]


def test_destroy_busy_socket_hangs_up_request(srv):
    errors: list = []
    agent = http.Agent()

    def main() -> None:
        req = http.get({"host": "127.0.0.1", "port": srv.port, "path": "/",
                        "agent": agent})
        req.on("error", lambda e: errors.append(e.code))
        req.on("socket", lambda s: agent.destroy())

    run_client(main)
    assert errors == ["ECONNRESET"] and agent.sockets == {}


def test_agent_remove_takes_socket_out_of_pool(srv):
    agent = http.Agent({"keepAlive": True})
    name = f"127.0.0.1:{srv.port}:"
    state: dict = {}

    def main() -> None:
        req = fetch(agent, srv.port, "/")

        def on_socket(s: Any) -> None:
            s.emit("agentRemove")
            state["in_sockets"] = name in agent.sockets

        req.on("socket", on_socket)
        req.on("response", lambda res: res.on("end", lambda: process.nextTick(
            lambda: process.nextTick(lambda: (state.setdefault(
                "free", name in agent.freeSockets), req.socket.destroy())))))

    run_client(main)
    assert state == {"in_sockets": False, "free": False}


def test_agent_timeout_option_sets_socket_timeout(srv):
    seen: list = []
    agent = http.Agent({"timeout": 500})

    def main() -> None:
        req = fetch(agent, srv.port, "/")
        req.on("socket", lambda s: seen.append(s.timeout))

    run_client(main)
    assert seen == [500]


def test_agent_false_uses_one_shot_agent(srv):
    out: list = []
    agents: list = []

    def main() -> None:
        req = fetch(False, srv.port, "/", out)
        agents.append(req.agent)

    run_client(main)
    assert out == ["1:1"]
    assert agents[0] is not http.globalAgent and type(agents[0]) is http.Agent


def test_abort_while_queued_only_emits_abort(srv):
    agent = http.Agent({"maxSockets": 1})
    log: list = []

    def main() -> None:
        fetch(agent, srv.port, "/")
        r2 = http.get({"host": "127.0.0.1", "port": srv.port, "agent": agent})
        for e in ("socket", "abort", "error", "close", "response"):
            r2.on(e, (lambda e: lambda *a: log.append(e))(e))
        r2.abort()

    run_client(main)
    assert log == ["abort"]
    assert (agent.requests, agent.sockets, agent.freeSockets) == ({}, {}, {})


def test_unconsumed_response_keeps_socket_busy(srv):
    agent = http.Agent({"keepAlive": True, "maxSockets": 1})
    name = f"127.0.0.1:{srv.port}:"
    state: dict = {}
    out: list = []

    def main() -> None:
        def on_res1(res: Any) -> None:
            # Nobody reads res1: let the loop turn a few times, then look.
            def check(turns: int) -> None:
                if turns:
                    nodehttp_timers.setImmediate(check, turns - 1)
                    return
                state["queued"] = len(agent.requests.get(name, []))
                state["complete"] = res.complete
                res.resume()  # consume it: the socket is freed, r2 goes out

            check(5)

        http.get({"host": "127.0.0.1", "port": srv.port, "agent": agent}, on_res1)
        fetch(agent, srv.port, "/", out).on("response", lambda res: res.on(
            "end", lambda: process.nextTick(lambda: process.nextTick(agent.destroy))))

    run_client(main)
    assert state == {"queued": 1, "complete": True}
    assert out == ["1:2"]


def test_error_on_free_socket_removes_it(srv):
    agent = http.Agent({"keepAlive": True})
    name = f"127.0.0.1:{srv.port}:"
    state: dict = {}

    def main() -> None:
        req = fetch(agent, srv.port, "/")

        def on_socket(sock: Any) -> None:
            def removed() -> None:
                state["in_free"] = name in agent.freeSockets
                state["destroyed"] = sock.destroyed

            sock.on("agentRemove", removed)
            # Once pooled, an error on the idle socket: destroyed and removed.
            sock.once("free", lambda: process.nextTick(
                sock.emit, "error", Exception("boom")))

        req.on("socket", on_socket)

    run_client(main)
    assert state == {"in_free": False, "destroyed": True}


def test_explicit_connection_close_header_is_sent_and_not_pooled(srv):
    agent = http.Agent({"keepAlive": True})
    out: list = []

    def main() -> None:
        fetch(agent, srv.port, "/close", out, headers={"Connection": "close"})

    run_client(main)
    assert out == ["1:1"]
    assert b"Connection: close" in srv.heads[0] and b"keep-alive" not in srv.heads[0]
    assert agent.freeSockets == {} and agent.sockets == {}


def test_agent_free_listeners_of_the_user_run_in_order(srv):
    # Node: the socket's 'free' is agent.emit('free', socket, options); a listener
    # prepended sees the socket before the agent pools it, one added after sees it pooled.
    agent = http.Agent({"keepAlive": True})
    name = f"127.0.0.1:{srv.port}:"
    seen: list = []

    def before(sock, options):
        seen.append(("before", sock in agent.freeSockets.get(name, []), options["host"]))

    def after(sock, options):
        seen.append(("after", sock in agent.freeSockets.get(name, [])))

    out: list = []

    def main() -> None:
        agent.prependListener("free", before)
        agent.on("free", after)
        fetch(agent, srv.port, "/", out)

        def second() -> None:
            agent.removeListener("free", before)
            agent.removeListener("free", after)
            fetch(agent, srv.port, "/", out)
            process.once("beforeExit", agent.destroy)

        process.once("beforeExit", second)

    run_client(main)
    assert seen == [("before", False, "127.0.0.1"), ("after", True)]
    assert out == ["1:1", "1:2"]


def test_assigning_http_globalAgent_takes_effect_for_later_requests(srv):
    """Node: ``http.globalAgent = new http.Agent({keepAlive: true})`` is used by
    every later request that names no agent (the idiom proxies use)."""
    from nodehttp import http_agent

    old = http.globalAgent
    agent = http.Agent({"keepAlive": True})
    http.globalAgent = agent
    out: list = []
    try:
        assert http.globalAgent is agent and http_agent.globalAgent is agent

        def main() -> None:
            def second(res: Any) -> None:
                # After 'end' the socket goes back to the pool within two ticks.
                res.on("end", lambda: process.nextTick(lambda: process.nextTick(
                    lambda: fetch(None, srv.port, "/", out))))

            fetch(None, srv.port, "/", out).on("response", second)

        run_client(main)
    finally:
        http.globalAgent = old
        agent.destroy()
    assert out == ["1:1", "1:2"]  # one connection, reused
    assert all(b"Connection: keep-alive" in h for h in srv.heads)
    assert http.globalAgent is old and http_agent.globalAgent is old
