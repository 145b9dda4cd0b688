"""Client-side lifecycle APIs after Node 10: the ``signal`` option with
AbortController (ABORT_ERR as Node 20), ``req.reusedSocket``, and the
agent's ``scheduling`` and ``maxTotalSockets``.  nodehttp server and client
in one loop, on 127.0.0.1."""

from __future__ import annotations

import pytest

import nodehttp
from nodehttp import http, timers
from nodehttp.abort_controller import AbortController, AbortSignal


def _with_server(handler, body):
    """Run ``body(port, done)`` against a nodehttp server; ``done()`` closes it."""
    out = {}

    def main():
        server = http.createServer(handler)

        def done():
            server.close()
            server.closeAllConnections()

        server.listen(0, "127.0.0.1", lambda: body(server.address()["port"], done, out))

    nodehttp.run(main)
    return out


def test_abort_signal_destroys_the_request_with_abort_error():
    def body(port, done, out):
        ac = AbortController()
        req = http.request({"port": port, "host": "127.0.0.1", "signal": ac.signal})
        out["events"] = []
        req.on("error", lambda e: out["events"].append(
            ("error", type(e).__name__, e.code, e.message, e.cause.name)))
        req.on("close", lambda: (out["events"].append("close"), done()))
        req.on("socket", lambda s: s.on("connect", lambda: ac.abort()))
        req.end()

    out = _with_server(lambda q, r: None, body)  # the server never answers
    # Node 20: error AbortError ABORT_ERR 'The operation was aborted' (cause
    # the DOMException AbortError), then close.
    assert out["events"] == [("error", "AbortError", "ABORT_ERR", "The operation was aborted",
                              "AbortError"), "close"]


def test_already_aborted_signal_and_reason():
    def body(port, done, out):
        req = http.request({"port": port, "host": "127.0.0.1",
                            "signal": AbortSignal.abort("why")})
        req.on("error", lambda e: (out.setdefault("err", (e.code, e.cause)), done()))
        req.end()

    out = _with_server(lambda q, r: r.end(), body)
    assert out["err"] == ("ABORT_ERR", "why")


def test_signal_must_be_an_abort_signal():
    with pytest.raises(TypeError) as e:
        http.request({"port": 1, "signal": "nope"})
    assert e.value.code == "ERR_INVALID_ARG_TYPE"
    assert "options.signal" in e.value.message and "AbortSignal" in e.value.message


def test_abort_controller_basics():
    ac = AbortController()
    calls = []
    ac.signal.addEventListener("abort", lambda ev: calls.append((ev.type, ac.signal.aborted)))
    assert ac.signal.aborted is False
    ac.abort()
    ac.abort()  # once
    assert calls == [("abort", True)]
    assert ac.signal.reason.name == "AbortError"
    with pytest.raises(Exception) as e:
        ac.signal.throwIfAborted()
    assert e.value is ac.signal.reason
    with pytest.raises(TypeError):
        AbortSignal()


def _sequential(agent_options, n, on_done, handler=None):
    """n requests one after another (each after the previous response ended)."""
    def body(port, done, out):
        agent = http.Agent(agent_options)
        out["reused"], out["ports"] = [], []

        def one(i):
            if i == n:
                # After the response's 'end' the socket goes back to the
                # pool on a later tick: close once it is there.
                timers.setImmediate(lambda: (agent.destroy(), done()))
                return
            req = http.get({"port": port, "host": "127.0.0.1", "agent": agent},
                           lambda res: (res.resume(), res.on(
                               "end", lambda: timers.setImmediate(one, i + 1))))
            out["reused"].append(req)
            req.on("socket", lambda s: out["ports"].append(s))
        one(0)

    out = _with_server(handler or (lambda q, r: r.end("ok")), body)
    return [r.reusedSocket for r in out["reused"]], out["ports"]


def test_reused_socket_marks_requests_on_pooled_sockets():
    reused, _ = _sequential({"keepAlive": True}, 3, None)
    assert reused == [False, True, True]
    reused, _ = _sequential({}, 2, None)  # no keep-alive: never reused
    assert reused == [False, False]


def _free_order(scheduling):
    """Two sockets freed in order a, b; which does the next request take?"""
    def body(port, done, out):
        agent = http.Agent({"keepAlive": True, "scheduling": scheduling} if scheduling
                           else {"keepAlive": True})
        socks = []
        pending = [2]

        def ended():
            pending[0] -= 1
            if pending[0]:
                return
            timers.setImmediate(pooled)

        def pooled():
            # freeSockets order: the first to finish first.
            free = list(agent.freeSockets.values())[0]
            out["order"] = [socks.index(s) for s in free]

            def third(s):
                out["took"] = socks.index(s) if s in socks else "new"

            def last(res):
                res.resume()
                res.on("end", lambda: timers.setImmediate(lambda: (agent.destroy(), done())))
            r = http.get({"port": port, "host": "127.0.0.1", "agent": agent}, last)
            r.on("socket", third)

        for i in range(2):
            r = http.get({"port": port, "host": "127.0.0.1", "agent": agent, "path": f"/{i}"},
                         lambda res: (res.resume(), res.on("end", ended)))
            r.on("socket", socks.append)

    return _with_server(lambda q, r: r.end("ok"), body)


@pytest.mark.parametrize("scheduling,which", [(None, 0), ("fifo", 0), ("lifo", -1)])
def test_agent_scheduling_fifo_default_lifo_opt_in(scheduling, which):
    out = _free_order(scheduling)
    assert len(out["order"]) == 2
    assert out["took"] == out["order"][which]


def test_agent_scheduling_and_max_total_sockets_are_validated():
    with pytest.raises(TypeError) as e:
        http.Agent({"scheduling": "random"})
    assert e.value.code == "ERR_INVALID_ARG_VALUE"
    with pytest.raises(Exception) as e:
        http.Agent({"maxTotalSockets": 0})
    assert e.value.code == "ERR_OUT_OF_RANGE"
    with pytest.raises(TypeError) as e:
        http.Agent({"maxTotalSockets": "2"})
    assert e.value.code == "ERR_INVALID_ARG_TYPE"
    assert http.Agent().maxTotalSockets == float("inf")


def test_max_total_sockets_limits_sockets_across_origins():
    live = {"now": 0, "max": 0}

    def handler(req, res):
        live["now"] += 1
        live["max"] = max(live["max"], live["now"])
        from nodehttp import timers
        timers.setTimeout(lambda: (live.__setitem__("now", live["now"] - 1), res.end("ok")), 20)

    def body(port, done, out):
        agent = http.Agent({"keepAlive": True, "maxTotalSockets": 2})
        left = [6]
        out["statuses"] = []

        def finished(res):
            out["statuses"].append(res.statusCode)
            res.resume()
            left[0] -= 1
            if not left[0]:
                out["total"] = agent.totalSocketCount
                agent.destroy()
                done()

        # Three origins (names differ by host spelling and localAddress).
        for host in ("127.0.0.1", "localhost", "127.0.0.1") * 2:
            opts = {"port": port, "host": host, "agent": agent}
            if host == "127.0.0.1" and len(out["statuses"]) % 2:
                opts["localAddress"] = "127.0.0.1"
            http.get(opts, finished)

    out = _with_server(handler, body)
    assert out["statuses"] == [200] * 6
    assert live["max"] <= 2 and out["total"] <= 2
