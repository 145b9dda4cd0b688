"""Replay every saved fuzz input (tests/security/regressions/*.bin).

``fuzz_server.py`` saves each input that crashed or hung the server; some
hand-written edge inputs (cut by EOF, empty) seed the directory. Each is sent
on a fresh connection to nodehttp and to Node 20, followed by a half-close:
nodehttp must stay up, write nothing to stderr, close the connection, answer
the same status codes as Node, and still serve ``GET /`` with 200 afterwards.
"""

from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from fuzz_server import HEALTH, REGRESSIONS, exchange  # noqa: E402
from security_harness import (  # noqa: E402
    ServerProcess,
    node_command,
    nodehttp_command,
    nodehttp_max_header_size,
    probe,
)

INPUTS = sorted(f for f in os.listdir(REGRESSIONS) if f.endswith(".bin"))


@pytest.fixture(scope="module")
def replay_servers():
    servers = {}
    try:
        servers["node20"] = ServerProcess(node_command("node20", nodehttp_max_header_size()))
        servers["nodehttp"] = ServerProcess(nodehttp_command())
        yield servers
    finally:
        for s in servers.values():
            s.stop()


def test_regressions_directory_is_seeded():
    """The replay has inputs to replay (a silent empty run would prove nothing)."""
    assert INPUTS


@pytest.mark.parametrize("name", INPUTS)
def test_replay(name: str, replay_servers):
    """The saved input neither crashes nor hangs nodehttp, and it answers like Node 20."""
    with open(os.path.join(REGRESSIONS, name), "rb") as f:
        data = f.read()
    ours = exchange(replay_servers["nodehttp"].port, data)
    node = exchange(replay_servers["node20"].port, data)
    assert replay_servers["nodehttp"].stderr_so_far() == b""
    assert replay_servers["nodehttp"].alive()
    assert ours[1], "nodehttp did not close the connection after the client's EOF"
    assert ours == node, f"nodehttp {ours} vs Node 20 {node} for {data[:300]!r}"
    assert probe(replay_servers["nodehttp"].port, HEALTH).statuses == (200,)
