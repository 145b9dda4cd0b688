"""Where one http_path.py case spends more than another: per-function calls and self time per op.

    .venv/bin/python bench/micro/profile_diff.py srv_one srv_doc [--n 20000] [--top 25]
    .venv/bin/python bench/micro/profile_diff.py lowlevel.post64k lowlevel.post64k_doc --n 2000

Cases: http_path.py's by name, lowlevel.py's as lowlevel.NAME.

Both cases run under cProfile (deterministic: the call counts are exact, the times are
cProfile's, inflated by its own overhead -- read them as shares). Printed: the functions whose
calls per op or self time per op differ most, B minus A. For instruction counts of whole cases,
use `http_path.py --count`; NODEHTTP_ROOT=dir profiles the nodehttp package in dir.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lowlevel  # noqa: E402
from http_path import CASES as HTTP_CASES  # noqa: E402

CASES = {**{f'lowlevel.{k}': v for k, v in lowlevel.CASES.items()}, **HTTP_CASES}


def profile(case: str, n: int) -> dict[str, tuple[float, float]]:
    """function -> (calls per op, self µs per op)."""
    op = CASES[case]()
    for _ in range(1000):
        op()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        op()
    prof.disable()
    out = {}
    for (file, line, name), (_cc, nc, tt, _ct, _callers) in pstats.Stats(prof).stats.items():
        short = f'{Path(file).parent.name}/{Path(file).name}:{line}({name})' if line else name
        out[short] = (nc / n, 1e6 * tt / n)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--n', type=int, default=20000)
    ap.add_argument('--top', type=int, default=25)
    ap.add_argument('--by', choices=['time', 'calls'], default='time',
                    help='order by the difference in self time (default) or in calls')
    args = ap.parse_args()
    pa, pb = profile(args.a, args.n), profile(args.b, args.n)
    rows = []
    for fn in set(pa) | set(pb):
        ca, ta = pa.get(fn, (0, 0))
        cb, tb = pb.get(fn, (0, 0))
        rows.append((tb - ta, cb - ca, ca, cb, ta, tb, fn))
    total_a, total_b = sum(t for _, t in pa.values()), sum(t for _, t in pb.values())
    print(f'{args.a}: {total_a:.2f} µs/op, {sum(c for c, _ in pa.values()):.0f} calls/op;  '
          f'{args.b}: {total_b:.2f} µs/op, {sum(c for c, _ in pb.values()):.0f} calls/op '
          '(under cProfile)')
    print(f'{"Δ µs/op":>8} {"Δ calls":>8} {"calls A":>8} {"calls B":>8}  function')
    order = 0 if args.by == 'time' else 1
    for dt, dc, ca, cb, _ta, _tb, fn in sorted(rows, key=lambda r: -abs(r[order]))[:args.top]:
        print(f'{dt:8.2f} {dc:8.2f} {ca:8.2f} {cb:8.2f}  {fn}')


if __name__ == '__main__':
    main()
