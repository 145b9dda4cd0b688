"""The client's per-request path: what its lean writes leave observable.

Each test pins a fact a hot-path write relies on, against what the general
path (``on()``) would have produced.
"""

from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import events, http, timers


def _one_exchange(onresponse: Any) -> None:
    """One keep-alive GET against a local server; ``onresponse(res)`` sees the response."""

    def main() -> None:
        server = http.createServer(lambda req, res: res.end("ok"))
        agent = http.Agent({"keepAlive": True})

        def listening() -> None:
            def cb(res: Any) -> None:
                onresponse(res)
                res.resume()
                res.on("end", lambda: timers.setImmediate(
                    lambda: (agent.destroy(), server.close())))
            http.get({"host": "127.0.0.1", "port": server.address()["port"],
                      "agent": agent}, cb)

        server.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)


def test_response_end_listener_is_first_and_takes_no_argument() -> None:
    """The client's own 'end' listener (Node's responseOnEnd) is the response's
    first, and it takes no argument: the arity written with it (0, without a
    lookup) is the one on() would store."""
    seen: list[Any] = []

    def onresponse(res: Any) -> None:
        first = res.listeners("end")[0]
        seen.append((first == res.req._responseOnEnd, events.arity(first)))

    _one_exchange(onresponse)
    assert seen == [(True, 0)]
