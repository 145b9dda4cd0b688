"""Cluster scaling: keep-alive hello with 1 and 2 workers, nodehttp's cluster
beside Node's, in one run (issue 19).

    python bench/cluster_scale.py [--duration S] [--rounds N] [--policy rr|none]
                                  [--write docs/performance-cluster.md]

wrk runs on the same 2-core machine as the servers, so it takes CPU from them:
each row reports the CPU seconds used by the server's processes (primary plus
workers, from /proc) and by wrk, so the split can be read honestly. Figures
are the best of N rotated rounds; ratios within the run are what count.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
NODE = shutil.which("node") or "node"
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(pid: int) -> float:
    """CPU seconds of *pid* and its live children (the workers)."""
    total = 0.0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
        except (OSError, IndexError):
            pass
    return total


def server_cmd(impl: str, port: int, workers: int, policy: str) -> list[str]:
    if impl == "nodehttp":
        return [sys.executable, "-m", "nodehttp", str(BENCH / "servers/nodehttp_cluster.py"),
                str(port), str(workers), policy]
    return [NODE, str(BENCH / "servers/node_cluster.js"), str(port), str(workers), policy]


def run_one(impl: str, workers: int, policy: str, duration: float) -> dict:
    port = free_port()
    proc = subprocess.Popen(server_cmd(impl, port, workers, policy), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()  # 'ready' once every worker listens
        assert line.strip() == "ready", f"{impl} did not start: {line!r}"
        subprocess.run(["wrk", "-t1", "-c50", "-d1s", f"http://127.0.0.1:{port}/"],
                       capture_output=True, check=True)  # warm-up
        cpu0 = tree_cpu(proc.pid)
        t0 = time.monotonic()
        wrk = subprocess.run(["wrk", "-t1", "-c50", f"-d{max(1, round(duration))}s",
                              f"http://127.0.0.1:{port}/"], capture_output=True, text=True)
        wall = time.monotonic() - t0
        cpu = tree_cpu(proc.pid) - cpu0
        m = re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", wrk.stdout)
        return {"rps": float(m.group(1)) if m else 0.0, "server_cpu": cpu / wall,
                "errors": errors.group(0) if errors else ""}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a (no requests completed)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--policy", default="rr", choices=["rr", "none"])
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: run bench/setup.sh", file=sys.stderr)
        return 1
    best: dict[tuple[str, int], dict] = {}
    for _ in range(args.rounds):
        for workers in (1, 2):
            for impl in ("nodehttp", "node"):
                r = run_one(impl, workers, args.policy, args.duration)
                key = (impl, workers)
                if key not in best or r["rps"] > best[key]["rps"]:
                    best[key] = r
    load = os.getloadavg()[0]
    lines = [
        "# Cluster scaling (keep-alive hello, the doc-style handler)", "",
        f"`python bench/cluster_scale.py --duration {args.duration:g} --rounds {args.rounds} "
        f"--policy {args.policy}` on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}; "
        f"load average at the end {load:.2f}. wrk (`-t1 -c50`) runs on the same machine and "
        "takes CPU from the servers: 'server CPU' is the cores the server's processes "
        "(primary + workers) used on average. Best of the rounds; ratios within this run.", "",
        "| workers | nodehttp req/s | server CPU | Node req/s | server CPU | nodehttp / Node |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for workers in (1, 2):
        a, b = best[("nodehttp", workers)], best[("node", workers)]
        lines.append(f"| {workers} | {a['rps']:,.0f} | {a['server_cpu']:.2f} | {b['rps']:,.0f} | "
                     f"{b['server_cpu']:.2f} | {ratio(a['rps'], b['rps'])} |")
    for impl in ("nodehttp", "node"):
        one, two = best[(impl, 1)]["rps"], best[(impl, 2)]["rps"]
        lines.append("")
        lines.append(f"- {impl}: 2 workers / 1 worker = {ratio(two, one)}")
    errs = [f"{k}: {v['errors']}" for k, v in best.items() if v["errors"]]
    if errs:
        lines += ["", "Errors reported by wrk: " + "; ".join(errs)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
