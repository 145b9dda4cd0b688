"""Delta debugging of a failing case, over its write boundaries and its bytes.

``minimise(case, still_fails)`` returns a smaller case for which
``still_fails`` (a predicate: does the same mismatch signature reproduce?)
still holds:

1. boundaries: all writes joined into one, else each cut dropped in turn;
2. lines: ddmin over CRLF-terminated lines (whole header lines, chunks);
3. bytes: ddmin over single bytes.

Candidates of one round are tried concurrently (``pool``) and the first, in
order, that still fails is taken, so the result does not depend on which
finished first. The work is bounded by ``max_tests`` predicate calls and
``deadline`` (time.monotonic); the best case so far is returned when either runs
out. Invariant: the returned case always satisfied ``still_fails``.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from .generate import Case


def _remove(case: Case, start: int, stop: int) -> Case:
    """The case without bytes [start, stop), cuts shifted (cuts inside dropped)."""
    data = case.data[:start] + case.data[stop:]
    width = stop - start
    cuts = sorted({c if c <= start else c - width for c in case.cuts if not start < c < stop})
    return case._replace(data=data, cuts=tuple(c for c in cuts if 0 < c < len(data)))


def _units(data: bytes, lines: bool) -> list[tuple[int, int]]:
    """Spans to remove: CRLF-terminated lines, or single bytes."""
    if not lines:
        return [(i, i + 1) for i in range(len(data))]
    spans, at = [], 0
    while at < len(data):
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end + 1
        spans.append((at, end))
        at = end
    return spans


class _Budget:
    def __init__(self, max_tests: int, deadline: float) -> None:
        self.left = max_tests
        self.deadline = deadline

    def spent(self) -> bool:
        return self.left <= 0 or time.monotonic() > self.deadline


def _first_failing(cands: list[Case], still_fails: Callable[[Case], bool],
                   pool: ThreadPoolExecutor, budget: _Budget) -> Case | None:
    cands = cands[:max(0, budget.left)]
    if not cands or budget.spent():
        return None
    budget.left -= len(cands)
    for cand, bad in zip(cands, pool.map(still_fails, cands), strict=True):
        if bad:
            return cand
    return None


def _ddmin(case: Case, lines: bool, still_fails: Callable[[Case], bool],
           pool: ThreadPoolExecutor, budget: _Budget) -> Case:
    n = 2
    while not budget.spent():
        units = _units(case.data, lines)
        if len(units) < 2:
            break
        n = min(n, len(units))
        size = -(-len(units) // n)
        groups = [units[i:i + size] for i in range(0, len(units), size)]
        # Remove one group (keep its complement) at a time.
        cands = [_remove(case, g[0][0], g[-1][1]) for g in groups]
        hit = _first_failing(cands, still_fails, pool, budget)
        if hit is not None:
            case, n = hit, max(n - 1, 2)
            continue
        if n >= len(units):
            break
        n = min(len(units), n * 2)
    return case


def minimise(case: Case, still_fails: Callable[[Case], bool], workers: int = 4,
             max_tests: int = 300, deadline: float | None = None) -> Case:
    """A smaller case with the same failure (see the module docstring)."""
    budget = _Budget(max_tests, deadline if deadline is not None else time.monotonic() + 120)
    with ThreadPoolExecutor(workers) as pool:
        if case.cuts:
            joined = _first_failing([case._replace(cuts=())], still_fails, pool, budget)
            if joined is not None:
                case = joined
            else:
                for cut in case.cuts:
                    fewer = case._replace(cuts=tuple(c for c in case.cuts if c != cut))
                    if _first_failing([fewer], still_fails, pool, budget) is not None:
                        case = fewer
        case = _ddmin(case, True, still_fails, pool, budget)
        case = _ddmin(case, False, still_fails, pool, budget)
    return case
