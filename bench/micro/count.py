"""Instructions per op of a bench/micro/lowlevel.py case, by callgrind (noise-free).

    .venv/bin/python bench/micro/count.py [CASE ...] [--n 2000]

Runs the case at N and 2N iterations under `valgrind --tool=callgrind` and prints
(Ir(2N) - Ir(N)) / N: interpreter start-up and set-up cancel out.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def instructions(case: str, n: int) -> int:
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, str(HERE / "lowlevel.py"), case, str(n)],
            capture_output=True, text=True, check=True)
        m = re.search(r"Collected : (\d+)", r.stderr)
        return int(m.group(1))


def main() -> None:
    from lowlevel import CASES, PER_OP

    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--n", type=int, default=2000)
    a = ap.parse_args()
    for case in a.cases or list(CASES):
        i1 = instructions(case, a.n)
        i2 = instructions(case, 2 * a.n)
        per = (i2 - i1) / a.n / PER_OP.get(case, 1)
        print(f"{case:10s} {per:10.0f} instructions/op", flush=True)


if __name__ == "__main__":
    main()
