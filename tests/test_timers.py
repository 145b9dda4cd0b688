"""timers.Timeout's unref'd construction (Node's setUnrefTimeout), as net's
socket inactivity timer uses it."""

from __future__ import annotations

from typing import Any

import nodehttp
from nodehttp import loop, net, timers


def test_unref_timeout_is_armed_and_keeps_nothing_alive() -> None:
    fired: list[Any] = []

    def main() -> None:
        before = loop.refs()
        t = timers.Timeout(lambda: fired.append("unref"), 5, (), False, True, False)
        assert not t.hasRef() and loop.refs() == before
        # A referenced timer that outlives it keeps the loop until the unref'd one fired.
        keep = timers.setTimeout(lambda: fired.append("ref"), 30)
        assert loop.refs() == before + 1 and keep.hasRef()
        t2 = timers.Timeout(lambda: fired.append("never"), 10_000, (), False, True, False)
        assert loop.refs() == before + 1
        t2.ref()  # ref() of an armed timer counts it again, close() lets go
        assert loop.refs() == before + 2
        t2.close()
        assert loop.refs() == before + 1

    nodehttp.run(main)
    assert fired == ["unref", "ref"]


def test_socket_set_timeout_keeps_nothing_alive() -> None:
    def main() -> None:
        s = net.Socket()
        before = loop.refs()
        s.setTimeout(10_000)   # a new timer, armed unref'd in one call
        assert loop.refs() == before
        s.setTimeout(0)
        s.setTimeout(20_000)   # the same timer, re-armed (timers.reschedule)
        assert loop.refs() == before
        s.destroy()

    nodehttp.run(main)  # returns at once: neither timer keeps the loop
