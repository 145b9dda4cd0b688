"""The differential fuzzer in the suite: a short seeded run, and its regressions.

``test_seeded_run`` judges the first ``CASES`` cases of seed ``SEED`` on each
side (request bytes to a server, response bytes to a client) on Node 10,
Node 20 and nodehttp — except those whose end action races with the peer by
design (``fuzz.RACY_ENDS``: early close, reset), which only ``make fuzz-diff``
judges — and fails on any confirmed mismatch (see
tests/security/difffuzz/judge.py for the reference rule; a result that does
not reproduce with a longer quiet window is *unstable*, printed, never a
failure). ``test_replay`` judges every saved ``regressions/diff-*.json``
again. The other tests pin the fuzzer's own invariants without any server.

Reproduce a failure with ``python tests/security/diff_fuzz.py --seed SEED
--case server:N`` (it minimises it too); see docs/fuzzing.md.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from difffuzz import fuzz, generate, judge, minimise  # noqa: E402

SEED = 20
CASES = 150
#: Wall-time bound of the seeded run (typically ~5 s idle; it must finish all cases).
SECONDS = 90
SAVED = sorted(f for f in os.listdir(fuzz.REGRESSIONS) if f.startswith("diff-") and f.endswith(".json"))


@pytest.fixture(scope="module")
def fuzzer():
    with fuzz.Fuzzer() as fz:
        yield fz


def test_seeded_run(fuzzer):
    """Seed SEED's first CASES cases per side: nodehttp matches its reference on each."""
    results, skipped = fuzz.run(SEED, CASES, seconds=SECONDS, fuzzer=fuzzer, racy=False)
    assert skipped == 0, f"{skipped} cases not judged within {SECONDS}s"
    expected = [(s, i) for s in fuzz.SIDES for i in range(CASES)
                if generate.case_for(s, SEED, i).end not in fuzz.RACY_ENDS]
    assert [(r.side, r.index) for r in results] == expected
    for r in results:
        if r.status == "unstable":
            print(fuzz.show(r))
    bad = [r for r in results if r.status == "mismatch"]
    assert not bad, (f"{len(bad)} mismatches (reproduce and minimise: python tests/security/"
                     f"diff_fuzz.py --seed {SEED} --case SIDE:N):\n" + "\n".join(map(fuzz.show, bad)))
    assert all(fuzzer.alive().values())
    assert fuzzer.targets["nodehttp"].stderr() == b""


@pytest.mark.parametrize("name", SAVED)
def test_replay(name, fuzzer):
    """A saved, minimised mismatch: nodehttp now matches the reference on it."""
    with open(os.path.join(fuzz.REGRESSIONS, name)) as f:
        saved = json.load(f)
    case = generate.Case.from_json(saved["case"])
    r = fuzzer.check(case.side, saved["index"], case)
    assert r.status != "mismatch", fuzz.show(r)


def test_cases_are_a_function_of_side_seed_index():
    """The same (side, seed, index) is the same case; other seeds give other cases."""
    for side in fuzz.SIDES:
        a = [generate.case_for(side, 7, i) for i in range(30)]
        assert a == [generate.case_for(side, 7, i) for i in range(30)]
        assert a != [generate.case_for(side, 8, i) for i in range(30)]
        assert all(c.side == side and c.data and max(c.cuts, default=0) < len(c.data) for c in a)


def test_case_json_round_trip_keeps_bytes_and_writes():
    case = generate.Case("client", b"HTTP/1.1 200 \xff\r\n\r\n\x00", (3, 9), "rst", "HEAD")
    assert generate.Case.from_json(json.loads(json.dumps(case.to_json()))) == case
    assert case.fragments() == [b"HTT", b"P/1.1 ", b"200 \xff\r\n\r\n\x00"]


def test_minimise_keeps_the_failure_and_drops_the_rest():
    """ddmin over lines then bytes: only what the predicate needs is left, cuts shifted."""
    data = b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\nX-Other: y\r\n\r\n"
    case = generate.Case("server", data, (5, 30), "keep")
    small = minimise.minimise(case, lambda c: b"\x00" in c.data and b"X-" in c.data, workers=2)
    assert small.data == b"X-\x00"
    assert small.cuts == ()
    kept = minimise.minimise(case, lambda c: len(c.fragments()) == 3 and b"\x00" in c.data, workers=2)
    assert len(kept.fragments()) == 3 and b"\x00" in kept.data and len(kept.data) == 3


def test_judge_follows_node20_on_strictness_and_node10_on_semantics():
    ok = {"wire": "HTTP/1.1 200 OK\r\n\r\n", "closed": False,
          "trace": [["request", "GET", "/", "1.1", []], ["end", []], ["finish"]]}
    bad = {"wire": "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n", "closed": True,
           "trace": [["clientError", "HPE_INVALID_HEADER_TOKEN"]]}
    # Node 20 rejects what Node 10 accepted: Node 20 is the reference.
    v = judge.judge("server", ok, bad, ok)
    assert (v.kind, v.ref, v.diff) == ("strictness", "node20", ("closed", "trace", "wire"))
    assert not judge.judge("server", ok, bad, bad).mismatch
    # Node 20's API additions (res/req 'close' after 'finish') are not a difference.
    node20 = {**ok, "trace": ok["trace"] + [["res-close"], ["req-close"]]}
    assert judge.judge("server", ok, node20, ok) == judge.Verdict("agree", "node10", (), ())
    # Same parse, other event order: Node 10 is the reference.
    late = {**ok, "trace": [["request", "GET", "/", "1.1", []], ["finish"], ["end", []]]}
    v = judge.judge("server", ok, late, late)
    assert (v.kind, v.ref, v.diff) == ("semantics", "node10", ("trace",))


def test_client_api_changes_are_undone_in_node20_traces():
    node20 = [["response", 200, "OK", "1.1", []], ["aborted"], ["res-close"], ["close"],
              ["res-error", "ECONNRESET"]]
    node10 = [["response", 200, "OK", "1.1", []], ["aborted"], ["close"], ["end", False, []],
              ["res-close"]]
    assert judge.as_node10_api({"trace": node20}, "client") == {"trace": node10}
