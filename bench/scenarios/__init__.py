"""The benchmark's scenarios, in the order `make bench` runs and reports them.

Each entry: name -> Scenario(kind, title, run). `run(args, impls_wanted)` returns the
scenario's result dict: {'impls': {impl: result}, ...} or {'skipped': why}. Kinds:
  rate     req/s under wrk or a client, ratios to Node (server: bench/scenarios/wrk.py;
           client: bench/scenarios/client.py)
  stream   a large body streamed through `req.pipe(res)` / the proxy, MiB/s and peak RSS
  idle     idle keep-alive connections held: RSS per connection
  cluster  bench/cluster_scale.py (the lead's), its report embedded
  tls      the hook for the https scenarios (skipped until nodehttp.https exists)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import client, cluster, idle, stream, tls, wrk


@dataclass
class Scenario:
    kind: str
    title: str
    run: Callable
    side: str  # 'server' or 'client' (--only)


SCENARIOS: dict[str, Scenario] = {
    **{name: Scenario('rate', spec['title'], wrk.runner(name), 'server')
       for name, spec in wrk.SCENARIOS.items()},
    **{name: Scenario('stream', spec['title'], stream.runner(name), 'server')
       for name, spec in stream.SCENARIOS.items()},
    'idle': Scenario('idle', idle.TITLE, idle.run, 'server'),
    'cluster': Scenario('cluster', cluster.TITLE, cluster.run, 'server'),
    # TLS: a clearly marked hook, skipped until the 'tls' branch's nodehttp.https is merged.
    'tls': Scenario('tls', tls.TITLE, tls.run, 'server'),
    **{name: Scenario('rate', spec['title'], client.runner(name), 'client')
       for name, spec in client.SCENARIOS.items()},
}
