"""Shared test fixtures: every test starts and ends with a clean nodehttp loop."""

from __future__ import annotations

import pytest

from nodehttp import loop


@pytest.fixture(autouse=True)
def _clean_loop():
    """Fail a test that leaves referenced handles behind (Node: the process would
    never exit), then reset the loop state so the next test is independent of it."""
    yield
    st = loop.state
    leaked = st.refs if st.loop is None or not st.loop.is_running() else 0
    loop.reset()
    if leaked:
        pytest.fail(f"test left {leaked} referenced handle(s) on the loop", pytrace=False)
