"""Every conformance case: the Python port prints exactly what Node 10 prints
(or, for the few cases in conformance/deliberate.py, what Node 20 prints)."""

import pytest

from conformance import runner

CASES = runner.discover()

# The session fixture runs every selected port (two at a time) in the first
# test's setup: allow for that on a loaded 2-core machine.
pytestmark = pytest.mark.timeout(1200)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matches_node10(case: runner.Case, results) -> None:
    want, got = results[case]
    assert got.key() == want.key(), (
        runner.diff(want, got) + "\n--- stderr of the port ---\n" + got.stderr[-3000:]
    )


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.follows_node20], ids=lambda c: c.id,
)
def test_deliberate_differences_are_real(case: runner.Case, standin_port) -> None:
    """A case that follows Node 20 by design must really differ between Node 10
    and 20; otherwise its entry in conformance/deliberate.py is stale."""
    assert runner.expected(case, standin_port).key() != \
        runner.expected_node20(case, standin_port).key()


def test_suite_is_complete() -> None:
    """The issue asks for every doc example and at least 80 differential cases."""
    groups = [c.group for c in CASES]
    assert groups.count("examples") >= 37
    assert groups.count("node") >= 80
