"""bench/report.py: the ratios `make bench` reports, their spread, the disturbed flags and
the issue-16 verdicts, on hand-made results (no servers, no matplotlib)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import report  # noqa: E402


def rounds(*pairs):
    return [{"rps": rps, "foreign": foreign} for rps, foreign in pairs]


def rate(best, *pairs):
    return {"rps": best, "rounds": rounds(*pairs)}


RESULTS = {
    "hello": {"impls": {
        "nodehttp": rate(130, (100, 0.0), (130, 0.0), (120, 0.5)),
        "node": rate(100, (100, 0.0), (80, 0.0), (100, 0.0)),
        "uvicorn": rate(90, (90, 0.0), (70, 0.0), (75, 0.0)),
    }},
    "proxy": {"impls": {"nodehttp": rate(90, (90, 0.0)), "node": rate(100, (100, 0.0))}},
}


def test_rel_is_best_over_best_with_the_per_round_spread_and_disturbed_rounds():
    r = report.rel(RESULTS, "hello", "nodehttp", "node")
    assert r["best"] == 1.3
    # round by round: 100/100, 130/80, 120/100
    assert (r["min"], r["median"], r["max"]) == (1.0, 1.2, 1.625)
    assert r["rounds"] == 3
    assert r["disturbed"] == 1  # the third round had 0.5 cores of other load
    assert report.fmt_rel(r) == "1.30× (1.00–1.20–1.62) ⚠1"


def test_rel_is_none_when_either_side_did_not_run():
    assert report.rel(RESULTS, "hello", "nodehttp", "aiohttp") is None
    assert report.rel(RESULTS, "close", "nodehttp", "node") is None


def test_targets_give_issue_16_verdicts():
    rows = {t[0]: t[2] for t in report.targets(RESULTS)}
    assert rows["server keep-alive hello (doc-style handler): nodehttp ≥ 1.25× node"] == "MET"
    # 130 / 90 = 1.44: under the 1.5× goal
    assert rows["server keep-alive hello (doc-style handler): nodehttp ≥ 1.5× uvicorn"] \
        == "NOT MET"
    assert rows["reverse proxy: nodehttp ≥ 1.0× node"] == "NOT MET"
    assert rows["server Connection: close: nodehttp ≥ 1.0× node"] == "NOT MEASURED"


def test_with_every_round_disturbed_the_headline_is_the_median_of_the_paired_rounds():
    # Node's third round ran on a quiet machine, nodehttp's never did: best over best
    # would be 30 / 100; round by round the two were close.
    results = {"hello": {"impls": {
        "nodehttp": rate(30, (20, 1.5), (30, 1.4), (25, 1.3)),
        "node": rate(100, (22, 1.5), (28, 1.4), (100, 0.0)),
    }}}
    r = report.rel(results, "hello", "nodehttp", "node")
    assert r["basis"] == "median"
    assert r["best"] == r["median"] == 20 / 22
    assert report.fmt_rel(r).startswith("0.91×* ")
