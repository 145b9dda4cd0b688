"""pytest setup for the conformance suite.

The case files (``examples/*.py``, ``node/*.py``) are scripts run by
``python -m nodehttp``, not test modules: never collect them.
"""

import pytest

from conformance import runner

collect_ignore_glob = ["examples/*.py", "node/*.py"]


@pytest.fixture(scope="session")
def standin_port():
    """The stand-in for the internet hosts in Node's doc examples."""
    server = runner.StandIn()
    yield server.port
    server.stop()
