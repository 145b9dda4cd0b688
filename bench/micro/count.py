"""Instructions per op of bench/micro/lowlevel.py cases, by callgrind (noise-free).

    .venv/bin/python bench/micro/count.py [CASE ...] [--n 500]

One `valgrind --tool=callgrind` run: each case is set up and warmed, then its N
iterations run between two os.getppid() calls, where callgrind dumps its counters
(--dump-before=os_getppid); the dump that covers the loop, divided by N, is the figure.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run(cases: list[str], n: int) -> list[int]:
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             "--dump-before=os_getppid", sys.executable, str(HERE / "lowlevel.py"),
             "--marked", str(n), *cases],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})  # str hashes: the same run each time
        parts = []
        for f in glob.glob(out + ".*"):
            text = Path(f).read_text()
            part = int(re.search(r"^part: (\d+)", text, re.M).group(1))
            total = int(re.search(r"^totals: (\d+)", text, re.M).group(1))
            parts.append((part, total))
        parts.sort()
        # parts: 1 = start-up + set-up of case 0, 2 = loop of case 0, 3 = set-up of case 1, ...
        return [parts[2 * i + 1][1] for i in range(len(cases))]


def main() -> None:
    from lowlevel import CASES, PER_OP

    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--n", type=int, default=500)
    a = ap.parse_args()
    cases = a.cases or list(CASES)
    for case, total in zip(cases, run(cases, a.n), strict=True):
        print(f"{case:10s} {total / a.n / PER_OP.get(case, 1):10.0f} instructions/op")


if __name__ == "__main__":
    main()
