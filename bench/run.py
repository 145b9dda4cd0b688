"""nodehttp benchmark harness (issues 8 and 16): nodehttp side by side with Node's http and
Python peers, handlers written as the Node docs write them.

Scenarios (bench/scenarios/, in this order; `--scenario` picks some):
  hello, close, post64k, pipeline   wrk against each server (server core 0, wrk core 1);
                                    hello and post64k also with cached headers (second rows)
  proxy                             wrk -> reverse proxy (http.request + pipe, keep-alive
                                    Agent) -> a Node hello upstream
  stream-pipe, stream-proxy         a 1 GiB body (--quick: 128 MiB) through req.pipe(res),
                                    and through the proxy: MiB/s and peak RSS
  idle                              10,000 idle keep-alive connections (--quick: 1,000)
  cluster                           bench/cluster_scale.py (1 and 2 workers)
  tls                               hook: skipped until nodehttp.https is merged
  client-seq, client-conc           clients against a Node hello server

Usage: python bench/run.py [--quick] [--duration S] [--rounds N] [--only server|client]
                          [--impl a,b] [--scenario a,b] [--node10] [--write docs/performance.md]
                          [--json out.json] [--from-json saved.json]
Every run's raw figures go to bench/results/ (git-ignored). Ratios within one run are the
figures that count: absolute req/s drift between runs and machines.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, NODE, NODE10, PY, ROOT, available  # noqa: E402
from report import print_table, rel, targets, write_markdown  # noqa: E402
from scenarios import SCENARIOS, client, idle, stream, wrk  # noqa: E402


def impl_list(name: str, node10: bool) -> list[str]:
    """The implementations a scenario runs, in report order."""
    spec = {**wrk.SCENARIOS, **stream.SCENARIOS, **client.SCENARIOS}.get(name)
    listed = spec['impls'] if spec else idle.IMPLS if name == 'idle' else ['nodehttp', 'node']
    return [i for i in listed if node10 or i != 'node10']


def versions() -> dict[str, str]:
    def pkg(name):
        try:
            from importlib.metadata import version
            return version(name)
        except Exception:
            return 'not installed'

    def cmd(*argv):
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=10)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except Exception:
            return 'not found'

    cpu = 'unknown'
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    except OSError:
        pass
    wrk_v = cmd('wrk', '-v')
    return {
        'nproc': str(os.cpu_count()), 'cpu': cpu, 'kernel': platform.release(),
        'python': platform.python_version(), 'node': cmd(NODE, '--version'),
        **({'node10': cmd(NODE10, '--version')} if os.access(NODE10, os.X_OK) else {}),
        'uvloop': pkg('uvloop'), 'httptools': pkg('httptools'), 'uvicorn': pkg('uvicorn'),
        'aiohttp': pkg('aiohttp'), 'httpx': pkg('httpx'),
        'wrk': wrk_v.split()[1] if wrk_v != 'not found' else wrk_v,
        'load average at start': open('/proc/loadavg').read().split()[0],
        'nodehttp commit': cmd('git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'),
    }


def profile(results: dict, seconds: float) -> str:
    """cProfile of the nodehttp server on hello and on the scenario where it trails Node most."""
    rel_by = {s: (rel(results, s, 'nodehttp', 'node') or {}).get('best')
              for s in ('hello', 'close', 'post64k', 'pipeline')}
    worst = min((s for s in rel_by if rel_by[s] is not None), key=rel_by.get, default='hello')
    texts = []
    for scenario in dict.fromkeys(['hello', worst]):
        r = subprocess.run([PY, str(BENCH / 'profile_server.py'), '--seconds', str(seconds),
                            '--scenario', scenario, '--top', '20'],
                           capture_output=True, text=True, cwd=ROOT)
        texts.append(r.stdout if r.returncode == 0 else
                     f'{scenario}: profile failed: {r.stderr[-500:]}')
    return '\n'.join(texts)


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--duration', type=float, default=10, help='seconds per measured wrk run')
    p.add_argument('--warmup', type=float, default=None, help='seconds of warm-up (default 3)')
    p.add_argument('--quick', action='store_true',
                   help='2 s runs, 1/5 client requests, 128 MiB streams, 1,000 idle connections')
    p.add_argument('--only', choices=['server', 'client'])
    p.add_argument('--impl', default='', help='comma list (default: all)')
    p.add_argument('--scenario', default='', help='comma list (default: all)')
    p.add_argument('--node10', action='store_true',
                   help='also run the server scenarios on Node 10 (.node10, make node10)')
    p.add_argument('--rounds', type=int, default=None,
                   help='measured runs per scenario and implementation, in rotation (default 3, '
                        'quick 2): the best is the headline, all give the spread')
    p.add_argument('--stream-mib', type=int, default=None, help='streamed body size (1024)')
    p.add_argument('--idle-conns', type=int, default=None, help='idle connections (10000)')
    p.add_argument('--client-seconds', type=float, default=None,
                   help='cap on a client\'s measured part (default 30, quick 10)')
    p.add_argument('--client-timeout', type=float, default=300)
    p.add_argument('--profile', type=float, default=0, metavar='S',
                   help='append an S-second cProfile of the nodehttp server to the report')
    p.add_argument('--write', metavar='MD', help='write the report (and its .png) here')
    p.add_argument('--json', metavar='PATH', help='raw results here (default bench/results/)')
    p.add_argument('--from-json', metavar='PATH',
                   help='do not measure: render --write from a saved run (bench/results/*.json)')
    args = p.parse_args(argv)
    if args.quick:
        args.duration = 2
        args.warmup = args.warmup if args.warmup is not None else 1
    if args.warmup is None:
        args.warmup = 3
    if args.rounds is None:
        args.rounds = 2 if args.quick else 3
    if args.client_seconds is None:
        args.client_seconds = 10 if args.quick else 30
    args.profile_text = ''
    return args


def main(argv=None) -> int:
    args = parse(argv)
    command = 'python bench/run.py ' + ' '.join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    if args.from_json:
        raw = json.loads(Path(args.from_json).read_text())
        for k, v in raw.get('args', {}).items():
            setattr(args, k, v)
        if args.write:
            write_markdown(Path(args.write), raw['results'], args, raw['command'],
                           raw['machine'], raw['started'])
            print(f'wrote {args.write} from {args.from_json}')
        print_table(raw['results'])
        return 0
    started = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    info = versions()  # before the run: the load average is the machine's, not ours
    # Terminated (make interrupted, a timeout): unwind, so every server started is stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if not shutil.which('wrk') and args.only != 'client':
        print('wrk not found: run bash bench/setup.sh', file=sys.stderr)
        return 2

    wanted = set(filter(None, args.impl.split(',')))
    scen_wanted = set(filter(None, args.scenario.split(',')))
    unknown = scen_wanted - set(SCENARIOS)
    if unknown:
        print(f'unknown scenario(s): {", ".join(sorted(unknown))}; known: '
              f'{", ".join(SCENARIOS)}', file=sys.stderr)
        return 2
    why_not: dict[str, str | None] = {}
    results: dict[str, dict] = {}
    for name, sc in SCENARIOS.items():
        if (scen_wanted and name not in scen_wanted) or (args.only and sc.side != args.only):
            continue
        impls = [i for i in impl_list(name, args.node10) if not wanted or i in wanted]
        for i in impls:
            if i not in why_not:
                why_not[i] = available(i)
        runnable = [i for i in impls if not why_not[i]]
        t0 = time.monotonic()
        try:
            res = sc.run(args, runnable)
        except Exception as exc:  # one broken scenario must not stop the run
            res = {'skipped': f'{type(exc).__name__}: {exc}'[:300]}
        res.setdefault('impls', {}).update({i: {'error': why_not[i]} for i in impls
                                            if why_not[i]})
        results[name] = res
        print(f'[{name:12}] done in {time.monotonic() - t0:.0f}s'
              + (f': skipped: {res["skipped"]}' if res.get('skipped') else ''), flush=True)
        print_table({name: res})

    if args.profile and not why_not.get('nodehttp'):
        args.profile_text = profile(results, args.profile)
        print(args.profile_text)
    with open('/proc/loadavg') as f:
        info['load average at the end'] = f.read().split()[0]
    raw = {'command': command, 'started': started, 'machine': info, 'results': results,
           'args': {k: v for k, v in vars(args).items() if k not in ('json', 'write')}}
    if not args.json:  # keep every run's raw figures (bench/results/ is git-ignored)
        (BENCH / 'results').mkdir(exist_ok=True)
        args.json = str(BENCH / 'results' / time.strftime('%Y%m%d-%H%M%S.json'))
    Path(args.json).write_text(json.dumps(raw, indent=1))
    print('\n== targets')
    for t in targets(results):
        print('  ' + ' | '.join(t))
    print(f'\nraw figures: {args.json}')
    if args.write:
        out = Path(args.write) if os.path.isabs(args.write) else ROOT / args.write
        write_markdown(out, results, args, command, info, started)
        print(f'wrote {args.write}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
