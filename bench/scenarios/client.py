"""Client scenarios: each client, written as its library's docs write it, against a Node v20
hello server (doc-style handler) on SERVER_CORE; the client on LOAD_CORE.

  client-seq   sequential GETs through a keep-alive Agent
  client-conc  GETs with 50 in flight

args.rounds runs of each client, in rotation; every round kept, the best is the headline.
"""
from __future__ import annotations

import json
import subprocess
import tempfile

from harness import (BENCH, DISTURBED, LOAD_CORE, NODE, PY, ROOT, OtherLoad, error,
                     pinned, wait4)
from scenarios.wrk import hello_server

CLIENTS = {
    'nodehttp': [PY, '-m', 'nodehttp', str(BENCH / 'clients/nodehttp_client.py')],
    'node': [NODE, str(BENCH / 'clients/node_client.js')],
    'aiohttp': [PY, str(BENCH / 'clients/aiohttp_client.py')],
    'httpx': [PY, str(BENCH / 'clients/httpx_client.py')],
    'ceiling': [PY, str(BENCH / 'clients/ceiling_client.py')],
}
SCENARIOS = {  # name -> mode, requests, in flight, title
    'client-seq': {'mode': 'seq', 'requests': 5000, 'inflight': 1,
                   'title': '5,000 sequential keep-alive GETs (Agent keepAlive)',
                   'impls': list(CLIENTS)},
    'client-conc': {'mode': 'conc', 'requests': 20000, 'inflight': 50,
                    'title': '20,000 GETs, 50 in flight', 'impls': list(CLIENTS)},
}


def runner(scenario: str):
    def run(args, impls: list[str]) -> dict:
        out: dict[str, dict] = {}
        rounds: dict[str, list[dict]] = {}
        for _ in range(args.rounds):
            for impl in impls:
                if 'error' in out.get(impl, {}):
                    continue
                try:
                    rounds.setdefault(impl, []).append(run_one(impl, scenario, args))
                except Exception as exc:  # one broken implementation must not stop the others
                    out[impl] = error(exc)
        for impl, runs in rounds.items():
            if impl not in out:
                best = dict(max(runs, key=lambda r: r['rps']))
                best['rounds'] = [{'rps': r['rps'], 'foreign': r['foreign'],
                                   'cpu_us_per_req': r['cpu_us_per_req']} for r in runs]
                best['disturbed'] = sum(r['foreign'] > DISTURBED for r in runs)
                out[impl] = best
        return {'impls': {impl: out[impl] for impl in impls if impl in out}}
    return run


def run_one(impl: str, scenario: str, args) -> dict:
    spec = SCENARIOS[scenario]
    total = spec['requests'] // 5 if args.quick else spec['requests']
    server = hello_server('node')
    try:
        cmd = pinned(LOAD_CORE, [*CLIENTS[impl], str(server.port), spec['mode'], str(total),
                                 str(spec['inflight']), str(args.client_seconds)])
        with tempfile.TemporaryFile('w+') as out, tempfile.TemporaryFile('w+') as err:
            probe = OtherLoad(server.pid)
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True)
            try:
                status, usage = wait4(proc, args.client_timeout)
            finally:
                if proc.returncode is None:  # interrupted: leave no client behind
                    proc.kill()
                    proc.wait()
            foreign = probe.cores()
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        line = [ln for ln in stdout.splitlines() if ln.startswith('{')]
        if status or not line:
            raise RuntimeError(f'client exited {status}: '
                               f'{" | ".join(stderr.strip().splitlines()[-3:])}')
        res = json.loads(line[-1])
    finally:
        server.stop()
    return {
        'rps': res['requests'] / res['seconds'], 'p50_us': res.get('p50_us', 0),
        'p99_us': res.get('p99_us', 0), 'cpu_pct': 100 * res['cpu_s'] / res['seconds'],
        'cpu_us_per_req': 1e6 * res['cpu_s'] / res['requests'],
        'peak_rss': usage.ru_maxrss * 1024,  # KiB on Linux
        'errors': res.get('errors', 0), 'requests': res['requests'], 'foreign': foreign,
        'foreign_cores': foreign,
    }
