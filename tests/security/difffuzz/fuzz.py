"""The differential fuzz run: cases from a seed, three targets, verdicts, minimisation.

``run(seed, cases)`` starts Node 10, Node 20 and nodehttp (:mod:`.observe`),
then for each side and each index ``0..cases-1`` observes
``generate.case_for(side, seed, index)`` on all three, concurrently, and
judges it (:mod:`.judge`). A mismatch is *confirmed* only if it reproduces
with the same signature when every timing (quiet window, gap between writes)
is five times as long (else it is *unstable*, reported apart and never a
failure). Confirmed mismatches can be minimised (:mod:`.minimise`) and written
as regression files.

Bounds: ``cases`` per side, ``seconds`` of wall time for the whole run (cases
not started by then are skipped and counted), and per-mismatch minimisation
budgets. Reproducibility: a case is a pure function of (side, seed, index), so
``--seed N --case server:17`` replays exactly one case.

A regression file (``tests/security/regressions/diff-<side>-<hash>.json``)
holds the seed and index it came from, the minimised case (writes as latin-1
text, end action, method), the verdict, and the three observations;
``test_diff_fuzz.py`` replays every such file and asserts nodehttp matches the
reference the judge picks on today's Nodes.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, NamedTuple

from . import generate, judge, observe
from .generate import Case
from .minimise import minimise

REGRESSIONS = os.path.join(os.path.dirname(observe.HERE), "regressions")
SIDES = ("server", "client")
#: End actions that race with the peer by design: an early close against the
#: server's reply, a reset against the client's last read. ``run(racy=False)``
#: (the seeded run in ``make test``) leaves these cases out.
RACY_ENDS = frozenset({"close", "rst"})


class Result(NamedTuple):
    """One judged case."""

    side: str
    index: int
    case: Case
    verdict: judge.Verdict
    obs: dict  # target name -> observation
    status: str  # ok | mismatch | unstable


class Fuzzer:
    """The three targets and the raw server, for one run (use as a context manager)."""

    def __init__(self) -> None:
        self.targets: dict[str, observe.Target] = {}
        self.raw: observe.RawServer | None = None
        self._keys = iter(range(1 << 62))
        self._lock = threading.Lock()

    def __enter__(self) -> Fuzzer:
        def start(name: str) -> None:
            target = observe.Target(name)
            with self._lock:
                self.targets[name] = target

        try:
            with ThreadPoolExecutor(3) as pool:
                list(pool.map(start, observe.NAMES))
        except BaseException:
            self.__exit__(None, None, None)  # no target left running
            raise
        self.raw = observe.RawServer()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stderr = {name: t.stop() for name, t in self.targets.items()}
        if self.raw is not None:
            self.raw.close()

    def key(self) -> str:
        with self._lock:
            return str(next(self._keys))

    def observe_all(self, case: Case, scale: float = 1.0) -> dict:
        """The case on all three targets, concurrently: name -> observation."""
        out: dict = {}

        def one(name: str) -> None:
            t = self.targets[name]
            if case.side == "server":
                out[name] = observe.observe_server(t, case, scale)
            else:
                out[name] = observe.observe_client(t, self.raw, key, case, scale)

        key = self.key()
        threads = [threading.Thread(target=one, args=(n,)) for n in observe.NAMES]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return out

    def verdict(self, case: Case, scale: float = 1.0) -> tuple[judge.Verdict, dict]:
        obs = self.observe_all(case, scale)
        return judge.judge(case.side, obs["node10"], obs["node20"], obs["nodehttp"]), obs

    def check(self, side: str, index: int, case: Case) -> Result:
        """Judge a case; a mismatch must reproduce with slower timings to count."""
        v, obs = self.verdict(case)
        if not v.mismatch:
            return Result(side, index, case, v, obs, "ok")
        v2, obs2 = self.verdict(case, 5.0)
        if v2.signature(side) == v.signature(side):
            return Result(side, index, case, v2, obs2, "mismatch")
        return Result(side, index, case, v, {"first": obs, "second": obs2}, "unstable")

    def still_fails(self, signature: tuple) -> Callable[[Case], bool]:
        """The predicate minimisation keeps true: the same mismatch signature."""
        def pred(case: Case) -> bool:
            v, _ = self.verdict(case)
            return v.mismatch and v.signature(case.side) == signature
        return pred

    def minimise(self, r: Result, seconds: float = 90, workers: int = 4) -> Result:
        """Minimise a confirmed mismatch; the confirmed result for the smaller case."""
        small = minimise(r.case, self.still_fails(r.verdict.signature(r.side)), workers=workers,
                         deadline=time.monotonic() + seconds)
        checked = self.check(r.side, r.index, small)
        return checked if checked.status == "mismatch" else r

    def alive(self) -> dict[str, bool]:
        return {n: t.alive() for n, t in self.targets.items()}


def run(seed: int, cases: int, sides: tuple[str, ...] = SIDES, seconds: float = 600,
        workers: int = 4, only: list[tuple[str, int]] | None = None,
        progress: Callable[[Result], None] | None = None, fuzzer: Fuzzer | None = None,
        racy: bool = True) -> tuple[list[Result], int]:
    """Judge ``cases`` cases per side of ``seed`` (or just ``only``) within ``seconds``;
    with ``racy=False``, not the cases whose end action is in RACY_ENDS.

    Returns (results in (side, index) order, number of cases skipped for time)."""
    jobs = only if only is not None else [(s, i) for s in sides for i in range(cases)]
    deadline = time.monotonic() + seconds
    skipped = 0

    def job(j: tuple[str, int]) -> Result | None:
        nonlocal skipped
        if time.monotonic() > deadline:
            skipped += 1
            return None
        side, index = j
        case = generate.case_for(side, seed, index)
        if not racy and case.end in RACY_ENDS:
            return None
        r = fz.check(side, index, case)
        if progress is not None:
            progress(r)
        return r

    own = fuzzer is None
    fz = fuzzer or Fuzzer().__enter__()
    try:
        with ThreadPoolExecutor(workers) as pool:
            results = [r for r in pool.map(job, jobs) if r is not None]
    finally:
        if own:
            fz.__exit__(None, None, None)
    return results, skipped


def regression(r: Result, seed: int | None) -> dict:
    """The JSON of a regression file for a confirmed mismatch."""
    return {
        "seed": seed,
        "index": r.index,
        "case": r.case.to_json(),
        "verdict": {"kind": r.verdict.kind, "reference": r.verdict.ref, "differs": list(r.verdict.diff)},
        "observed": r.obs,
    }


def write_regression(r: Result, seed: int | None, directory: str = REGRESSIONS) -> str:
    """Write a regression file (named by the case's content); its path."""
    body = regression(r, seed)
    digest = hashlib.sha1(json.dumps(body["case"], sort_keys=True).encode()).hexdigest()[:12]
    path = os.path.join(directory, f"diff-{r.side}-{digest}.json")
    with open(path, "w") as f:
        json.dump(body, f, indent=1, ensure_ascii=True)
        f.write("\n")
    return path


def show(r: Result, limit: int = 400) -> str:
    """A short report of one result: the case, the verdict, the differing components."""
    frags = " | ".join(repr(f)[2:-1] for f in r.case.fragments())
    if len(frags) > limit:
        frags = frags[:limit] + f"... ({len(r.case.data)} bytes)"
    lines = [f"{r.side}:{r.index} {r.status} kind={r.verdict.kind} ref={r.verdict.ref} "
             f"differs={','.join(r.verdict.diff)} end={r.case.end}"
             + (f" method={r.case.method}" if r.side == "client" else ""),
             f"  writes: {frags}"]
    if r.status == "mismatch":
        lines.append(f"  detail: {r.verdict.detail}")
    if r.status == "mismatch":
        ref, ours = r.obs[r.verdict.ref], r.obs["nodehttp"]
        for k in r.verdict.diff:
            a, b = ref.get(k), ours.get(k)
            start = 0
            if isinstance(a, list) and isinstance(b, list):  # elide the common prefix
                while start < min(len(a), len(b)) and a[start] == b[start]:
                    start += 1
                start = max(0, start - 1)
            for name in observe.NAMES:
                v = r.obs[name].get(k)
                if isinstance(v, list) and start:
                    v = [f"...{start} events"] + v[start:]
                text = json.dumps(v, ensure_ascii=True)
                lines.append(f"  {k} {name}: {text[:limit]}")
    return "\n".join(lines)
