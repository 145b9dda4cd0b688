"""``await events.once(emitter, name)`` in asyncio code: a cancelled or timed-out
wait takes its listeners with it (else they pile up and swallow later errors)."""

from __future__ import annotations

import asyncio

import pytest

from nodehttp import events
from nodehttp.errors import NodeError


def test_timed_out_once_removes_its_listeners_and_later_errors_throw():
    e = events.EventEmitter()

    async def main():
        for _ in range(3):
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(events.once(e, "listening"), 0.01)
        assert e.listenerCount("listening") == 0
        assert e.listenerCount("error") == 0
        # With no 'error' listener left, an error is thrown, not swallowed.
        with pytest.raises(NodeError) as info:
            e.emit("error", NodeError("listen EADDRINUSE", "EADDRINUSE"))
        assert info.value.code == "EADDRINUSE"

    asyncio.run(main())


def test_cancelled_once_removes_its_listeners():
    e = events.EventEmitter()

    async def main():
        async def wait():
            return await events.once(e, "data")

        task = asyncio.ensure_future(wait())
        await asyncio.sleep(0)
        assert e.listenerCount("data") == 1 and e.listenerCount("error") == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert e.listenerCount("data") == 0 and e.listenerCount("error") == 0
        fut = events.once(e, "error")
        fut.cancel()
        await asyncio.sleep(0)  # a future's done callbacks run on the next iteration
        assert e.listenerCount("error") == 0

    asyncio.run(main())


def test_resolved_once_still_gives_the_arguments():
    e = events.EventEmitter()

    async def main():
        fut = events.once(e, "x")
        e.emit("x", 1, 2)
        assert await fut == [1, 2]
        assert e.listenerCount("error") == 0

    asyncio.run(main())
