"""pytest setup for the conformance suite.

The case files (``examples/*.py``, ``node/*.py``) are scripts run by
``python -m nodehttp``, not test modules: never collect them.

The ports are run two at a time (like the harness) by one session fixture,
for the cases pytest selected, and each test asserts its own result.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from conformance import runner

collect_ignore_glob = ["examples/*.py", "node/*.py"]

WORKERS = 2


@pytest.fixture(scope="session")
def standin_port():
    """The stand-in for the internet hosts in Node's doc examples."""
    server = runner.StandIn()
    yield server.port
    server.stop()


@pytest.fixture(scope="session")
def results(request, standin_port):
    """(reference result, the port's result) for every selected case: Node 10's,
    or Node 20's for the cases listed in conformance/deliberate.py."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if hasattr(item, "callspec")
        and isinstance(item.callspec.params.get("case"), runner.Case)  # not tests/security's
    ]

    def run(case: runner.Case) -> tuple[runner.Result, runner.Result]:
        return runner.reference(case, standin_port)[0], runner.run_python(case, standin_port)

    with ThreadPoolExecutor(WORKERS) as pool:
        return dict(zip(selected, pool.map(run, selected), strict=True))
