"""net.Socket.write at and over the highWaterMark: false, then 'drain' (Node's
Writable rule), also when the socket is idle and the chunk could go straight to
the transport (the direct-write shortcut must not take it)."""

from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import net, timers


def _write_on_idle_socket(size: int, expect_drain: bool) -> dict:
    """Write ``size`` bytes on a connected, idle client socket; finish on
    'drain' (or, when none is expected, at the next setImmediate -- a 'drain'
    would come on a tick before it)."""
    seen: dict[str, Any] = {"drain": False}

    def main() -> None:
        def onconnection(c: net.Socket) -> None:
            c.resume()  # the peer reads everything
            c.on("end", c.end)

        server = net.createServer(onconnection)

        def onlistening() -> None:
            client = net.connect(server.address()["port"], "127.0.0.1")

            def finish() -> None:
                guard.close()
                client.end()
                server.close()

            def hung() -> None:
                seen["hung"] = True
                client.destroy()
                server.close()

            guard = timers.setTimeout(hung, 5000)

            def onconnect() -> None:
                seen["hwm"] = client.writableHighWaterMark
                seen["returned"] = client.write(b"x" * size)

                def ondrain() -> None:
                    seen["drain"] = True
                    finish()

                client.once("drain", ondrain)
                if not expect_drain:
                    timers.setImmediate(finish)

            client.on("connect", onconnect)

        server.listen(0, "127.0.0.1", onlistening)

    nodehttp.run(main)
    return seen


def test_write_over_high_water_mark_returns_false_and_drains():
    seen = _write_on_idle_socket(20 * 1024, True)
    assert seen["hwm"] == 16384
    assert seen["returned"] is False
    assert seen["drain"] is True
    assert "hung" not in seen


def test_write_of_exactly_high_water_mark_returns_false_and_drains():
    seen = _write_on_idle_socket(16384, True)
    assert (seen["returned"], seen["drain"], "hung" in seen) == (False, True, False)


def test_write_below_high_water_mark_returns_true_without_drain():
    seen = _write_on_idle_socket(100, False)
    assert (seen["returned"], seen["drain"]) == (True, False)
