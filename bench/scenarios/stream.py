"""Streaming throughput: a large body POSTed and streamed back, in MiB/s, with peak RSS.

  stream-pipe   the hello server's `POST /pipe` handler: `req.pipe(res)`
  stream-proxy  the same through the reverse proxy (bench/servers/*_proxy.*) to a Node
                upstream running that handler

bench/clients/stream_client.py (LOAD_CORE) writes the body (1 GiB; --quick: 128 MiB) while it
reads the echo on one connection. The server (or proxy) is on SERVER_CORE; the proxy's Node
upstream shares LOAD_CORE with the client. Peak RSS growth over the server's RSS before the
first transfer shows whether back-pressure holds memory bounded (a server that buffered the
body would grow by the body's size). Rounds in rotation; the best is the headline.
"""
from __future__ import annotations

import json
import subprocess

from harness import (BENCH, DISTURBED, LOAD_CORE, PY, ROOT, OtherLoad, Server, error, memory,
                     pinned)
from scenarios.wrk import PROXIES, hello_server

CLIENT = [PY, str(BENCH / 'clients/stream_client.py')]
SCENARIOS = {
    'stream-pipe': {'title': 'streaming: a large POST body through `req.pipe(res)`',
                    'impls': ['nodehttp', 'node']},
    'stream-proxy': {'title': 'streaming: a large POST body through the reverse proxy '
                     '(`req.pipe(proxyReq)`, `proxyRes.pipe(res)`)',
                     'impls': ['nodehttp', 'node']},
}
BOUNDED = 64  # MiB: peak RSS growth allowed while streaming (back-pressure working)


def body_mib(args) -> int:
    return args.stream_mib or (128 if args.quick else 1024)


def transfer(port: int, mib: int, timeout: float) -> dict:
    r = subprocess.run(pinned(LOAD_CORE, [*CLIENT, str(port), '/pipe', str(mib)]),
                       capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if r.returncode:
        raise RuntimeError(f'stream client failed: {r.stderr.strip()[-300:]}')
    return json.loads(r.stdout.strip().splitlines()[-1])


def runner(scenario: str):
    def run(args, impls: list[str]) -> dict:
        mib = body_mib(args)
        out: dict[str, dict] = {}
        servers: dict[str, Server] = {}
        upstream = None
        base: dict[str, int] = {}
        runs: dict[str, list[dict]] = {}
        try:
            if scenario == 'stream-proxy':
                upstream = hello_server('node', core=LOAD_CORE)
            for impl in impls:
                try:
                    servers[impl] = (Server(impl, PROXIES[impl], str(upstream.port)) if upstream
                                     else hello_server(impl))
                    transfer(servers[impl].port, 8, 120)  # warm: code paths, connections
                    base[impl] = memory(servers[impl].pid)['VmRSS']
                except Exception as exc:
                    out[impl] = error(exc)
                    if impl in servers:
                        servers.pop(impl).stop()
            for _ in range(args.rounds):
                for impl in [i for i in impls if i in servers and i not in out]:
                    server = servers[impl]
                    try:
                        probe = OtherLoad(server.pid, *([upstream.pid] if upstream else []))
                        one = transfer(server.port, mib, 60 + mib / 2)
                        cpu = probe.ours()
                        one['foreign'] = probe.cores()  # over the whole span
                        one['cpu_pct'] = 100 * cpu[0] / one['seconds']
                        runs.setdefault(impl, []).append(one)
                        server.check()
                    except Exception as exc:
                        out[impl] = error(exc)
            for impl, rs in runs.items():
                if impl in out:
                    continue
                best = max(rs, key=lambda r: r['mib_s'])
                peak = memory(servers[impl].pid)['VmHWM']
                out[impl] = {
                    'mib_s': best['mib_s'], 'cpu_pct': best['cpu_pct'], 'body_mib': mib,
                    'base_rss': base[impl], 'peak_rss': peak, 'growth': peak - base[impl],
                    'bounded': (peak - base[impl]) <= BOUNDED * 1024 * 1024,
                    'foreign_cores': best['foreign'],
                    'rounds': [{'mib_s': r['mib_s'], 'foreign': r['foreign']} for r in rs],
                    'disturbed': sum(r['foreign'] > DISTURBED for r in rs),
                }
        finally:
            for server in [*servers.values(), *([upstream] if upstream else [])]:
                server.stop()
        return {'impls': {impl: out[impl] for impl in impls if impl in out}, 'body_mib': mib}
    return run
