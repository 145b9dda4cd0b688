"""Shared test fixtures: every test starts and ends with a clean nodehttp loop."""

from __future__ import annotations

import pytest

from nodehttp import loop


@pytest.fixture(autouse=True)
def _clean_loop():
    """Fail a test that leaves referenced handles behind (Node: the process would
    never exit), then reset the loop so the next test is independent of it."""
    yield
    leaked = loop._refs if loop._loop is None or not loop._loop.is_running() else 0
    if loop._loop is not None and not loop._loop.is_running():
        if not loop._loop.is_closed():
            loop._loop.close()
        loop._loop = None
    loop._refs = 0
    loop.ticks.clear()
    loop._idle_check = False
    loop._tick_scheduled = False
    if leaked:
        pytest.fail(f"test left {leaked} referenced handle(s) on the loop", pytrace=False)
