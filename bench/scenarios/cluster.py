"""Cluster scaling: runs the lead's bench/cluster_scale.py (keep-alive hello, 1 and 2 workers,
nodehttp's cluster beside Node's) and embeds its report; the nodehttp/Node ratios are read
back from its table for the targets and the chart.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from harness import BENCH, PY, ROOT, OtherLoad

TITLE = 'cluster scaling: keep-alive hello with 1 and 2 workers (bench/cluster_scale.py)'


def run(args, impls: list[str]) -> dict:
    if 'nodehttp' not in impls or 'node' not in impls:
        return {'skipped': 'needs both nodehttp and node'}
    with tempfile.TemporaryDirectory() as d:
        md = Path(d) / 'cluster.md'
        probe = OtherLoad()
        r = subprocess.run([PY, str(BENCH / 'cluster_scale.py'),
                            '--duration', str(max(2, round(args.duration / 2))),
                            '--rounds', str(args.rounds), '--write', str(md)],
                           capture_output=True, text=True, cwd=ROOT, timeout=900)
        busy = probe.cores()  # everything, wrk and the servers included: 2 cores is all
        if r.returncode or not md.exists():
            return {'skipped': f'cluster_scale.py failed: {(r.stderr or r.stdout)[-300:]}'}
        text = md.read_text()
    ratios = {}
    for m in re.finditer(r'^\| (\d) \| ([\d,]+) \| [\d.]+ \| ([\d,]+) \| [\d.]+ \| ([\d.]+)x',
                         text, re.M):
        ratios[int(m.group(1))] = float(m.group(4))
    return {'text': text, 'ratios': ratios, 'busy_cores': busy}
