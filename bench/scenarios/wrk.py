"""Server scenarios under wrk: hello (doc-style and cached headers), close, POST echo,
pipelined, and the reverse proxy.

All servers of a scenario are up at once (idle ones cost nothing), each on SERVER_CORE; each
gets a warm-up, then args.rounds measured runs taken in rotation (round 1: every
implementation, then round 2 in the reverse order, ...), so a burst of other work on the machine hits all alike.
Every round is kept (the report shows each ratio's spread over the rounds); the best run of
each implementation is the headline (noise only ever slows a run down).
"""
from __future__ import annotations

from harness import (BENCH, DISTURBED, LOAD_CORE, NODE, NODE10, PY, SERVER_CORE, OtherLoad,
                     Server, error, memory, wrk)

HELLO_PY = str(BENCH / 'servers/nodehttp_hello.py')
HELLO_JS = str(BENCH / 'servers/node_hello.js')
# impl -> (command; the port is appended, then the extra arguments)
SERVERS = {
    'nodehttp': ([PY, '-m', 'nodehttp', HELLO_PY], ['doc']),
    'nodehttp-cached': ([PY, '-m', 'nodehttp', HELLO_PY], ['cached']),
    'node': ([NODE, HELLO_JS], ['doc']),
    'node-cached': ([NODE, HELLO_JS], ['cached']),
    'node10': ([NODE10, HELLO_JS], ['doc']),
    'uvicorn': ([PY, str(BENCH / 'servers/uvicorn_hello.py')], ['doc']),
    'aiohttp': ([PY, str(BENCH / 'servers/aiohttp_hello.py')], []),
    'ceiling': ([PY, str(BENCH / 'servers/ceiling_hello.py')], []),
}
PROXIES = {  # the upstream's port is appended after the proxy's own
    'nodehttp': [PY, '-m', 'nodehttp', str(BENCH / 'servers/nodehttp_proxy.py')],
    'node': [NODE, str(BENCH / 'servers/node_proxy.js')],
}
PEERS = ['uvicorn', 'aiohttp', 'ceiling']
SCENARIOS = {
    'hello': {'lua': 'hello.lua', 'path': '/', 'title': 'GET hello world, keep-alive',
              'impls': ['nodehttp', 'nodehttp-cached', 'node', 'node-cached', 'node10', *PEERS]},
    'close': {'lua': 'close.lua', 'path': '/', 'title': 'GET hello world, Connection: close',
              'impls': ['nodehttp', 'node', 'node10', *PEERS]},
    'post64k': {'lua': 'post64k.lua', 'path': '/echo', 'title': 'POST 64 KiB echo',
                'impls': ['nodehttp', 'nodehttp-cached', 'node', 'node-cached', 'node10',
                          *PEERS]},
    'pipeline': {'lua': 'pipeline.lua', 'path': '/', 'title': 'pipelined GETs, depth 16',
                 'impls': ['nodehttp', 'node', 'node10', *PEERS]},
    'proxy': {'lua': 'hello.lua', 'path': '/', 'title': 'reverse proxy: GET through '
              '`http.request` + `pipe` over a keep-alive Agent to a Node hello upstream',
              'impls': ['nodehttp', 'node']},
}


def hello_server(impl: str, core: str = SERVER_CORE) -> Server:
    """impl's hello server (doc-style handler unless impl ends in -cached), started."""
    cmd, extra = SERVERS[impl]
    return Server(impl, cmd, *extra, core=core)


def start(scenario: str, impl: str, upstream: Server | None) -> Server:
    if scenario == 'proxy':
        return Server(impl, PROXIES[impl], str(upstream.port))
    return hello_server(impl)


def runner(scenario: str):
    def run(args, impls: list[str]) -> dict:
        return run_wrk(scenario, impls, args)
    return run


def run_wrk(scenario: str, impls: list[str], args) -> dict:
    spec = SCENARIOS[scenario]
    out: dict[str, dict] = {}
    servers: dict[str, Server] = {}
    rounds: dict[str, list[dict]] = {}
    rss: dict[str, list[int]] = {}
    upstream = None

    def attempt(impl, fn):
        try:
            fn(servers[impl])
        except Exception as exc:  # one broken implementation must not stop the others
            out[impl] = error(exc)
            servers.pop(impl).stop()

    def warm(server):
        wrk(server.port, spec['lua'], spec['path'], args.warmup)
        rss[server.impl] = [memory(server.pid)['VmRSS']]

    def measure(server):
        pids = [server.pid] + ([upstream.pid] if upstream else [])
        probe = OtherLoad(*pids)
        one = wrk(server.port, spec['lua'], spec['path'], args.duration)
        seconds = one['duration_us'] / 1e6
        cpu = probe.ours()
        one['foreign'] = probe.cores(seconds)  # other work on the machine (noise)
        one['cpu_pct'] = 100 * cpu[0] / seconds
        one['cpu_us_per_req'] = 1e6 * cpu[0] / max(1, one['requests'])
        if upstream:
            one['upstream_cpu_pct'] = 100 * cpu[1] / seconds
        rounds.setdefault(server.impl, []).append(one)
        server.check()

    def repeat(server):  # repeated runs in the same process: is RSS flat?
        rss[server.impl].append(memory(server.pid)['VmRSS'])
        if scenario == 'hello':
            for _ in range(2):
                wrk(server.port, spec['lua'], spec['path'], args.warmup)
                rss[server.impl].append(memory(server.pid)['VmRSS'])

    try:
        if scenario == 'proxy':
            upstream = hello_server('node', core=LOAD_CORE)
        for impl in impls:
            try:
                servers[impl] = start(scenario, impl, upstream)
            except Exception as exc:
                out[impl] = error(exc)
        # Measured rounds alternate their order, so a change of load during a round does
        # not always favour the same implementations.
        steps = [(warm, impls)] + [(measure, impls[::-1] if k % 2 else impls)
                                   for k in range(args.rounds)] + [(repeat, impls)]
        for step, order in steps:
            for impl in [i for i in order if i in servers]:
                attempt(impl, step)
        for impl, server in servers.items():
            out[impl] = summarise(rounds[impl], rss[impl], memory(server.pid)['VmHWM'])
    finally:
        for server in [*servers.values(), *([upstream] if upstream else [])]:
            server.stop()
    return {'impls': {impl: out[impl] for impl in impls if impl in out}}


def summarise(runs: list[dict], samples: list[int], peak: int) -> dict:
    """The best round as the headline, every round kept for the spread."""
    best = max(runs, key=lambda r: r['rps'])
    errors = sum(best['errors'].values())
    return {
        'rps': best['rps'], 'p50_us': best['p50_us'], 'p99_us': best['p99_us'],
        'cpu_pct': best['cpu_pct'], 'cpu_us_per_req': best['cpu_us_per_req'],
        'peak_rss': peak, 'rss_samples': samples,
        'errors': errors, 'error_detail': best['errors'] if errors else None,
        'foreign_cores': best['foreign'],
        'rounds': [{k: r.get(k) for k in ('rps', 'cpu_us_per_req', 'foreign', 'p50_us',
                                          'p99_us', 'upstream_cpu_pct')} for r in runs],
        'disturbed': sum(r['foreign'] > DISTURBED for r in runs),
        'rss_drift': ((max(samples[1:]) - min(samples[1:])) / samples[1]
                      if len(samples) > 2 else None),
        **({'upstream_cpu_pct': best['upstream_cpu_pct']} if 'upstream_cpu_pct' in best
           else {}),
    }
