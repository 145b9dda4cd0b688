"""Differential fuzzing of nodehttp against Node 10 and Node 20 (``make fuzz-diff``).

Seeded and bounded: ``--seed N --cases K`` judges the cases 0..K-1 of seed N on
each side (``server``: request bytes to a server; ``client``: response bytes to
a client), stopping at ``--seconds``. The same seed gives the same cases on
every machine; ``--case server:17`` replays one. Each confirmed mismatch is
minimised (one per distinct signature, unless ``--no-minimise``; bounded by
``--minimise-seconds`` each and ``--minimise-budget`` in all) and, with
``--write-regressions``, saved
as ``tests/security/regressions/diff-<side>-<hash>.json``. ``--replay FILE``
judges a saved regression again. Exit status 1 if any mismatch was confirmed.

See docs/fuzzing.md and the docstrings of tests/security/difffuzz/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from difffuzz import fuzz  # noqa: E402
from difffuzz.generate import Case  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=None, help="default: from the clock (printed)")
    ap.add_argument("--cases", type=int, default=200, help="cases per side")
    ap.add_argument("--side", choices=["server", "client", "both"], default="both")
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 300)),
                    help="wall-time bound of the judging phase (default $FUZZ_SECONDS or 300)")
    ap.add_argument("--workers", type=int, default=4, help="cases in flight")
    ap.add_argument("--case", action="append", default=[], metavar="SIDE:INDEX",
                    help="only this case of the seed (repeatable)")
    ap.add_argument("--no-minimise", action="store_true")
    ap.add_argument("--minimise-seconds", type=float, default=90, help="per mismatch")
    ap.add_argument("--minimise-budget", type=float, default=600,
                    help="for all minimisations of the run (one per distinct signature)")
    ap.add_argument("--write-regressions", action="store_true",
                    help="save each (minimised) mismatch under tests/security/regressions/")
    ap.add_argument("--regressions-dir", default=fuzz.REGRESSIONS, help="where --write-regressions saves")
    ap.add_argument("--replay", action="append", default=[], metavar="FILE",
                    help="judge a saved regression file again")
    ap.add_argument("--no-racy", action="store_true",
                    help="leave out early-close / reset cases, as the seeded run in make test does")
    ap.add_argument("--verbose", action="store_true", help="print every case's verdict")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time()) % 100000
    sides = fuzz.SIDES if args.side == "both" else (args.side,)
    t0 = time.monotonic()

    def progress(r: fuzz.Result) -> None:
        if args.verbose or r.status != "ok":
            print(fuzz.show(r), flush=True)

    with fuzz.Fuzzer() as fz:
        if args.replay:
            results = []
            for path in args.replay:
                with open(path) as f:
                    saved = json.load(f)
                case = Case.from_json(saved["case"])
                r = fz.check(case.side, saved.get("index", -1), case)
                progress(r)
                results.append(r)
            skipped = 0
        else:
            only = [(s.split(":")[0], int(s.split(":")[1])) for s in args.case] or None
            print(f"difffuzz: seed {seed}, {args.cases} cases per side {sides}, "
                  f"bound {args.seconds:g}s", flush=True)
            results, skipped = fuzz.run(seed, args.cases, sides, args.seconds, args.workers,
                                        only, progress, fz, racy=not args.no_racy)
        took = time.monotonic() - t0
        bad = [r for r in results if r.status == "mismatch"]
        unstable = [r for r in results if r.status == "unstable"]
        kinds = {k: sum(r.verdict.kind == k for r in results) for k in ("agree", "strictness", "semantics")}
        print(f"difffuzz: {len(results)} cases judged in {took:.0f}s ({skipped} skipped for time): "
              f"{len(bad)} mismatches, {len(unstable)} unstable; Node 10 vs 20: {kinds}; "
              f"targets alive: {fz.alive()}", flush=True)
        if bad and not args.no_minimise and not args.replay:
            # One per signature (the smallest case), within the total budget.
            groups: dict = {}
            for r in sorted(bad, key=lambda r: len(r.case.data)):
                groups.setdefault(r.verdict.signature(r.side), r)
            print(f"minimising {len(groups)} distinct mismatches (of {len(bad)})...", flush=True)
            budget_end = time.monotonic() + args.minimise_budget
            for r in groups.values():
                left = budget_end - time.monotonic()
                if left <= 0:
                    print("minimise budget spent; not minimised:", fuzz.show(r), flush=True)
                    continue
                small = fz.minimise(r, min(args.minimise_seconds, left))
                print("MINIMISED " + fuzz.show(small), flush=True)
                if args.write_regressions:
                    print("  saved", fuzz.write_regression(small, seed, args.regressions_dir), flush=True)
    for name, err in fz.stderr.items():
        if err.strip():
            print(f"--- {name} stderr ---\n{err[-3000:]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
