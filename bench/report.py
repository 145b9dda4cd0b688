"""The benchmark's report: ratios with their run-to-run spread, the issue's targets, the
markdown page and its matplotlib chart, and the console table.

A ratio is nodehttp's best round over the peer's best round (the headline), with the spread of
the per-round ratios beside it (round i of one against round i of the other: they ran back to
back in the rotation). A round whose *other load* (harness.OtherLoad) exceeded
harness.DISTURBED cores is counted as disturbed and flagged ⚠.
"""
from __future__ import annotations

import statistics
from pathlib import Path

from harness import DISTURBED, LOAD_CORE, MIB, SERVER_CORE
from scenarios import SCENARIOS

COLORS = {'nodehttp': '#2a7ab0', 'nodehttp-cached': '#8fc1e3', 'node': '#6aa84f',
          'node-cached': '#b6d7a8', 'node10': '#38761d', 'uvicorn': '#b45f06',
          'aiohttp': '#999999', 'httpx': '#c27ba0', 'ceiling': '#444444'}


# ---------------------------------------------------------------- figures

def impls(results: dict, scenario: str) -> dict:
    return results.get(scenario, {}).get('impls', {})


def get(results: dict, scenario: str, impl: str, key: str):
    return impls(results, scenario).get(impl, {}).get(key)


def metric(scenario: str) -> str:
    return 'mib_s' if SCENARIOS[scenario].kind == 'stream' else 'rps'


def rel(results: dict, scenario: str, a: str, b: str) -> dict | None:
    """a's figure over b's, with min/median/max of the per-round ratios.

    The headline ('best') is a's best undisturbed round over b's best undisturbed round
    (noise only ever slows a run down). When either has no undisturbed round, comparing bests
    would set a starved run against a lucky one, so the headline is then the median of the
    paired rounds (round i against round i: they ran back to back), marked basis='median'.
    """
    key = metric(scenario)
    ra, rb = impls(results, scenario).get(a, {}), impls(results, scenario).get(b, {})
    if not ra.get(key) or not rb.get(key):
        return None
    pairs = list(zip(ra.get('rounds', []), rb.get('rounds', []), strict=False))
    per = [x[key] / y[key] for x, y in pairs if x.get(key) and y.get(key)]
    disturbed = sum(max(x.get('foreign') or 0, y.get('foreign') or 0) > DISTURBED
                    for x, y in pairs)

    def quiet_best(r):
        quiet = [x[key] for x in r.get('rounds', []) if (x.get('foreign') or 0) <= DISTURBED]
        return max(quiet) if quiet else (None if r.get('rounds') else r[key])

    qa, qb = quiet_best(ra), quiet_best(rb)
    if qa and qb:
        best, basis = qa / qb, 'best'
    else:
        best, basis = (statistics.median(per) if per else ra[key] / rb[key]), 'median'
    return {'best': best, 'basis': basis, 'min': min(per, default=None),
            'median': statistics.median(per) if per else None, 'max': max(per, default=None),
            'rounds': len(per), 'disturbed': disturbed}


def fmt_ratio(r) -> str:
    return '–' if r is None else f'{r:.2f}×'


def fmt_rel(r: dict | None, reference: bool = False) -> str:
    """'1.05× (0.98–1.02–1.10) ⚠1': best, then min–median–max of the rounds, ⚠ disturbed."""
    if r is None:
        return '–'
    if reference:
        return 'reference' + (f' ⚠{r["disturbed"]}' if r['disturbed'] else '')
    out = fmt_ratio(r['best']) + ('*' if r.get('basis') == 'median' else '')
    if r['rounds'] > 1:
        out += f' ({r["min"]:.2f}–{r["median"]:.2f}–{r["max"]:.2f})'
    if r['disturbed']:
        out += f' ⚠{r["disturbed"]}'
    return out


def fmt_num(v, unit='') -> str:
    if v is None:
        return '–'
    if unit == 'rps':
        return f'{v:,.0f}'
    if unit == 'us':
        return f'{v / 1000:.2f} ms' if v >= 1000 else f'{v:.0f} µs'
    if unit == 'mib':
        return f'{v / MIB:.1f} MiB'
    if unit == 'kib':
        return f'{v / 1024:.1f} KiB'
    if unit == 'pct':
        return f'{v:.0f} %'
    return f'{v:.1f}'


def ref_of(impl: str) -> str:
    """The Node row an implementation's ratios are taken against."""
    if impl.endswith('-https'):
        return 'node-https'
    return 'node-cached' if impl.endswith('-cached') else 'node'


# ---------------------------------------------------------------- targets

def targets(results: dict) -> list[list[str]]:
    """[target, this run (best, spread), verdict] for each goal of issue 16."""
    out = []

    def vs(scenario, a, b, need, label, info=False):
        r = rel(results, scenario, a, b)
        if r is None:
            skipped = results.get(scenario, {}).get('skipped')
            verdict = 'NOT MEASURED' + (f' ({skipped})' if skipped else '')
        else:
            verdict = 'info' if info else ('MET' if r['best'] >= need else 'NOT MET')
            if r.get('basis') == 'median':
                verdict += ' (every round disturbed)'
        out.append([f'{label}: {a} ≥ {need}× {b}' if not info else f'{label}: {a} ÷ {b}',
                    fmt_rel(r), verdict])

    vs('hello', 'nodehttp', 'node', 1.25, 'server keep-alive hello (doc-style handler)')
    vs('hello', 'nodehttp', 'uvicorn', 1.5, 'server keep-alive hello (doc-style handler)')
    vs('close', 'nodehttp', 'node', 1.0, 'server Connection: close')
    vs('post64k', 'nodehttp', 'node', 1.0, 'server 64 KiB POST echo')
    vs('pipeline', 'nodehttp', 'node', 1.25, 'server pipelined depth 16')
    vs('client-seq', 'nodehttp', 'node', 1.25, 'client sequential keep-alive')
    vs('client-conc', 'nodehttp', 'node', 1.0, 'client 50 in flight')
    vs('client-conc', 'nodehttp', 'aiohttp', 1.5, 'client 50 in flight')
    vs('proxy', 'nodehttp', 'node', 1.0, 'reverse proxy')
    for s in ('stream-pipe', 'stream-proxy'):
        vs(s, 'nodehttp', 'node', 1.0, f'{s} MiB/s')
        r = impls(results, s).get('nodehttp', {})
        if 'bounded' in r:
            out.append([f'{s}: peak RSS growth ≤ 64 MiB for a {r["body_mib"]:,} MiB body '
                        '(back-pressure)', fmt_num(r['growth'], 'mib'),
                        'MET' if r['bounded'] else 'NOT MET'])

    def limit(label, value, bound, unit):
        verdict = 'NOT MEASURED' if value is None else ('MET' if value <= bound else 'NOT MET')
        out.append([f'{label} ≤ {fmt_num(bound, unit)}', fmt_num(value, unit), verdict])

    limit('memory: idle server RSS', get(results, 'idle', 'nodehttp', 'idle_rss'), 40 * MIB,
          'mib')
    limit('memory: RSS per idle keep-alive connection',
          get(results, 'idle', 'nodehttp', 'per_conn'), 16 * 1024, 'kib')
    idle = results.get('idle', {})
    held = get(results, 'idle', 'nodehttp', 'count')
    out.append([f'memory: {idle.get("wanted", 10000):,} idle keep-alive connections held',
                '–' if held is None else f'{held:,}' + (f' ({idle["note"]})'
                                                        if idle.get('note') else ''),
                'NOT MEASURED' if held is None else
                ('MET' if held >= 10000 else 'NOT MET' if held < idle.get('wanted', 0)
                 else 'info (quick run: fewer)')])
    drift = get(results, 'hello', 'nodehttp', 'rss_drift')
    out.append(['memory: RSS flat (±5 %) across repeated hello runs',
                '–' if drift is None else f'{100 * drift:.1f} %',
                'NOT MEASURED' if drift is None else ('MET' if drift <= 0.05 else 'NOT MET')])
    vs('hello', 'nodehttp-cached', 'node-cached', 0, 'cached headers, hello', info=True)
    vs('post64k', 'nodehttp-cached', 'node-cached', 0, 'cached headers, POST echo', info=True)
    for workers, r in sorted(results.get('cluster', {}).get('ratios', {}).items()):
        out.append([f'cluster, {workers} worker(s): nodehttp ÷ Node', fmt_ratio(r), 'info'])
    vs('tls-hello', 'nodehttp-https', 'node-https', 1.0, 'TLS keep-alive hello')
    vs('tls-close', 'nodehttp-https', 'node-https', 1.0, 'TLS new connection per request')
    return out


# ---------------------------------------------------------------- tables

def rate_rows(results: dict, scenario: str) -> list[list[str]]:
    rows = []
    for impl, r in impls(results, scenario).items():
        if 'error' in r:
            rows.append([impl, f'not run: {r["error"]}'] + [''] * 7)
            continue
        ref = ref_of(impl)
        name = impl + (f' ({r["requests"]:,} requests)' if 'requests' in r else '')
        rows.append([
            name, fmt_num(r['rps'], 'rps'),
            fmt_rel(rel(results, scenario, impl, ref), impl == ref)
            + ('' if ref == 'node' or impl == ref else f' vs {ref}'),
            fmt_ratio(rel(results, scenario, impl, 'ceiling') and
                      rel(results, scenario, impl, 'ceiling')['best']),
            f'{fmt_num(r["p50_us"], "us")} / {fmt_num(r["p99_us"], "us")}',
            f'{fmt_num(r["cpu_pct"], "pct")}, {fmt_num(r["cpu_us_per_req"])} µs/req',
            fmt_num(r['peak_rss'], 'mib') + (f' ⚠ {r["errors"]} errors' if r.get('errors')
                                             else ''),
            ' / '.join(f'{x.get("foreign", 0):.2f}' for x in r.get('rounds', [])),
        ])
    return rows


def stream_rows(results: dict, scenario: str) -> list[list[str]]:
    rows = []
    for impl, r in impls(results, scenario).items():
        if 'error' in r:
            rows.append([impl, f'not run: {r["error"]}'] + [''] * 5)
            continue
        rows.append([impl, f'{r["mib_s"]:,.0f}',
                     fmt_rel(rel(results, scenario, impl, 'node'), impl == 'node'),
                     fmt_num(r['cpu_pct'], 'pct'),
                     f'{fmt_num(r["base_rss"], "mib")} → {fmt_num(r["peak_rss"], "mib")} '
                     f'(+{fmt_num(r["growth"], "mib")})',
                     ' / '.join(f'{x.get("foreign", 0):.2f}' for x in r.get('rounds', []))])
    return rows


def idle_rows(results: dict) -> list[list[str]]:
    rows = []
    by = impls(results, 'idle')
    node = by.get('node', {})
    for impl, r in by.items():
        if 'error' in r:
            rows.append([impl, f'not run: {r["error"]}', '', '', '', ''])
            continue
        rows.append([impl, fmt_num(r['idle_rss'], 'mib'), fmt_num(r['rss_held'], 'mib'),
                     f'{fmt_num(r["per_conn"], "kib")} '
                     f'({fmt_ratio(r["per_conn"] / node["per_conn"] if node.get("per_conn") else None)})',
                     fmt_num(r['peak_rss'], 'mib'), f'{r["open_seconds"]:.1f} s'])
    return rows


def md_table(head: list[str], rows: list[list[str]]) -> str:
    out = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    out += ['| ' + ' | '.join(r) + ' |' for r in rows]
    return '\n'.join(out)


def foreign_loads(results: dict) -> list[float]:
    return [x.get('foreign') or 0 for s in results.values() for r in s.get('impls', {}).values()
            for x in r.get('rounds', [])]


def loaded(results: dict) -> float | None:
    """The median other load over every measured round, when it says the machine was busy."""
    loads = foreign_loads(results)
    med = statistics.median(loads) if loads else 0
    return med if med > DISTURBED else None


# ---------------------------------------------------------------- chart

def chart(results: dict, path: Path) -> None:
    """Left: nodehttp ÷ Node per scenario (best; whiskers: worst and best round; the goal as a
    tick). Right: every implementation ÷ Node on the rate scenarios (best rounds)."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    goals = {'hello': 1.25, 'close': 1.0, 'post64k': 1.0, 'pipeline': 1.25, 'proxy': 1.0,
             'stream-pipe': 1.0, 'stream-proxy': 1.0, 'client-seq': 1.25, 'client-conc': 1.0,
             'tls-hello': 1.0, 'tls-close': 1.0}

    def pair(s: str, impl: str = 'nodehttp') -> tuple[str, str]:
        # the https scenarios compare the -https rows with Node's https
        return (impl + '-https', 'node-https') if s.startswith('tls-') else (impl, 'node')

    names = [s for s in goals if rel(results, s, *pair(s))]
    rates = [s for s in SCENARIOS if SCENARIOS[s].kind == 'rate' and impls(results, s)]
    if not names and not rates:
        return
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 4.8),
                                   gridspec_kw={'width_ratios': [1, 1.6]})
    rs = [rel(results, s, *pair(s)) for s in names]
    vals = [r['best'] for r in rs]
    lo = [max(0.0, r['best'] - (r['min'] if r['min'] is not None else r['best'])) for r in rs]
    hi = [max(0.0, (r['max'] if r['max'] is not None else r['best']) - r['best']) for r in rs]
    colors = ['#d9822b' if r['disturbed'] else COLORS['nodehttp'] for r in rs]
    bars = ax1.bar(range(len(names)), vals, 0.6, yerr=[lo, hi], capsize=3, color=colors)
    for i, (b, v) in enumerate(zip(bars, vals, strict=True)):
        ax1.text(b.get_x() + b.get_width() / 2, v + hi[i], f'{v:.2f}', ha='center',
                 va='bottom', fontsize=8)
        ax1.plot([i - 0.35, i + 0.35], [goals[names[i]]] * 2, color='#cc0000', linewidth=1.5)
    ax1.axhline(1.0, color='black', linewidth=0.8, linestyle='--')
    ax1.set_xticks(range(len(names)), names, rotation=30, ha='right', fontsize=8)
    ax1.set_title('nodehttp ÷ Node (red: goal; whiskers: worst–best round;\n'
                  'orange: a round was disturbed)', fontsize=9)
    impl_order = [i for i in COLORS if any(pair(s, i)[0] in impls(results, s) for s in rates)]
    width = 0.8 / max(1, len(impl_order))
    for k, impl in enumerate(impl_order):
        v = [(rel(results, s, *pair(s, impl)) or {}).get('best', 0) for s in rates]
        xs = [i + (k - (len(impl_order) - 1) / 2) * width for i in range(len(rates))]
        ax2.bar(xs, v, width, label=impl, color=COLORS[impl])
    ax2.axhline(1.0, color='black', linewidth=0.8, linestyle='--')
    ax2.set_xticks(range(len(rates)), rates, rotation=30, ha='right', fontsize=8)
    ax2.set_title('req/s ÷ Node (doc-style handler; client rows: ÷ Node\'s client)',
                  fontsize=9)
    ax2.legend(fontsize=7, ncol=3)
    if loaded(results):
        fig.suptitle(f'LOADED MACHINE: median other load {loaded(results):.2f} cores — '
                     'not a result', color='#cc0000')
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------- page

def write_markdown(path: Path, results: dict, args, command: str, info: dict,
                   started: str) -> None:
    png = path.with_suffix('.png')
    chart(results, png)
    busy = loaded(results)
    rounds = f'best of {args.rounds} measured runs (in rotation)' if args.rounds > 1 else \
        'one measured run'
    lines = ['# Performance', '',
             'Written by `bench/run.py` (issue 16); do not edit by hand — run `make bench`.', '']
    if busy:
        lines += [f'> **LOADED MACHINE — NOT A RESULT.** Other work on the machine used a '
                  f'median {busy:.2f} cores during the measured runs (of '
                  f'{info.get("nproc", "?")}); servers were starved of CPU, so these figures '
                  'prove the harness, not nodehttp. Rerun `make bench` on a quiet machine.', '']
    lines += [
        f'Command: `{command}` — {started}, {args.duration:g} s measured runs after '
        f'{args.warmup:g} s warm-up, {rounds} per scenario and implementation'
        + (' (quick smoke run)' if args.quick else '') + '.', '',
        '**Ratios within one run are the figures that count.** Each ratio reads *headline* '
        '(*worst–median–best of the per-round ratios*) ⚠*n*: round *i* of one '
        'implementation is set against round *i* of the other (they ran back to back); ⚠*n* '
        f'says *n* of those rounds had more than {DISTURBED} cores of other load. The '
        'headline is the best undisturbed round of one over the best undisturbed round of '
        'the other; marked \\*, neither had one and it is the median of the paired rounds.', '',
        '## Machine', '', ', '.join(f'{k}: {v}' for k, v in info.items()) + '.', '',
        '*Other load* is the CPU, in cores, that the whole machine spent busy during a '
        'measured run (/proc/stat) less what the benchmark\'s own processes used (server, '
        'upstream, wrk or client): other work on the machine. One figure per round.', '',
        f'Server pinned to core {SERVER_CORE}, wrk or the client to core {LOAD_CORE} '
        f'(`taskset`). Server load: `wrk -t1 -c50 -d{args.duration:g}s --latency` with the '
        'scenario\'s Lua script (bench/lua/). All servers of a scenario are up together and '
        'measured in rotation. CPU is the server\'s utime+stime over the measured run; peak '
        'RSS is VmHWM.', '',
        '## Targets (issue 16)', '',
        md_table(['target', 'this run: headline (worst–median–best round)', 'verdict'],
                 targets(results)), '',
        f'![nodehttp ÷ Node per scenario]({png.name})', '']
    for name, sc in SCENARIOS.items():
        res = results.get(name)
        if res is None:
            continue
        lines += [f'## {sc.title} (`{name}`)', '']
        if res.get('skipped'):
            lines += [f'Skipped: {res["skipped"]}.', '']
        elif sc.kind == 'rate':
            lines += [md_table(['impl', 'req/s', '× Node', '× ceiling', 'p50 / p99', 'CPU',
                                'peak RSS', 'other load per round'],
                               rate_rows(results, name)), '']
            drift = [f'{impl}: {100 * r["rss_drift"]:.1f} %' for impl, r in
                     impls(results, name).items() if r.get('rss_drift') is not None]
            if name == 'hello' and drift:
                lines += ['RSS drift across the measured runs and two repeats (same '
                          'process): ' + ', '.join(drift) + '.', '']
            if name == 'proxy':
                lines += ['The upstream is Node v20 running the doc-style hello handler on '
                          f'core {LOAD_CORE} (beside wrk), the same process for both proxies.',
                          '']
        elif sc.kind == 'stream':
            lines += [f'A {res["body_mib"]:,} MiB body, one connection '
                      '(bench/clients/stream_client.py writes it while reading the echo). '
                      'MiB/s of the body one way.', '',
                      md_table(['impl', 'MiB/s', '× Node', 'server CPU',
                                'RSS before → peak', 'other load per round'],
                               stream_rows(results, name)), '']
        elif sc.kind == 'idle':
            lines += [f'Idle RSS after a 1 s warm-up on one connection; then '
                      f'{res["count"]:,} connections each complete one GET and stay open. '
                      f'Per connection = (RSS with them − idle RSS) ÷ {res["count"]:,}. '
                      f'RLIMIT_NOFILE (soft, hard): {tuple(res["nofile"])}.'
                      + (f' **{res["note"]}.**' if res.get('note') else ''), '',
                      md_table(['impl', 'idle RSS', f'RSS with {res["count"]:,}',
                                'per connection (× Node)', 'peak RSS', 'time to open'],
                               idle_rows(results)), '']
        elif sc.kind == 'cluster':
            lines += [f'Other load during it: {res["busy_cores"]:.2f} cores.', '',
                      res['text'].split('\n', 2)[2].strip(), '']
    lines += [
        '## What runs', '',
        '- `nodehttp`: bench/servers/nodehttp_hello.py under `python -m nodehttp`, the handler '
        'as the Node docs write it: `res.writeHead(200, {\'Content-Type\': \'text/plain\'})` '
        'with a fresh dict per request, no Content-Length, `res.end(\'Hello, World!\')` (sent '
        'chunked, as Node does); POST echo collects the chunks and `res.end(b\'\'.join(...))`. '
        '`nodehttp-cached`: one module-level header dict with a precomputed Content-Length '
        '(hits the header cache\'s identity check). Client: bench/clients/nodehttp_client.py, '
        '`http.Agent({\'keepAlive\': True})`.',
        '- `node` / `node-cached`: the same handlers in JavaScript on Node '
        + info.get('node', '') + ' (bench/servers/node_hello.js); `node10` (with `--node10`): '
        'the same script on Node 10.',
        '- `proxy`: bench/servers/nodehttp_proxy.py and node_proxy.js, line for line: '
        '`http.request` through `http.Agent({keepAlive: true})`, `req.pipe(proxyReq)`, '
        '`res.writeHead(proxyRes.statusCode, proxyRes.headers)`, `proxyRes.pipe(res)`.',
        '- `uvicorn`: a raw ASGI app as uvicorn\'s docs write it (fresh header list, '
        'Content-Type only), `loop=\'uvloop\', http=\'httptools\'`, access log off.',
        '- `aiohttp`: aiohttp.web (server) and ClientSession (client), on uvloop.',
        '- `httpx`: AsyncClient on uvloop (client only).',
        '- `ceiling`: a bare asyncio Protocol on uvloop: httptools parses, a canned response '
        'goes out in one `transport.write`. Nothing a port of Node can do costs less on this '
        'stack.', '',
        '## Reproduce and dig in', '',
        '- `make bench` (sets up wrk and the `bench` extra, then the full run that wrote this).',
        '- `.venv/bin/python bench/run.py --quick --write bench/results/quick.md` — a few '
        'minutes; `--only server|client`, `--impl nodehttp,node`, `--scenario hello,proxy`, '
        '`--rounds 3`, `--node10`, `--stream-mib 256`, `--idle-conns 2000`, '
        '`--from-json bench/results/X.json` (re-render a saved run).',
        '- `bench/profile_server.py`, and instruction counts (callgrind) with '
        '`bench/micro/http_path.py --count` — see docs/performance-gaps.md.', '']
    if getattr(args, 'profile_text', ''):
        lines += ['## Where the time goes: the nodehttp server under cProfile', '',
                  '```', args.profile_text.rstrip(), '```', '']
    path.write_text('\n'.join(lines))


def print_table(results: dict) -> None:
    for name, res in results.items():
        print(f'\n== {name}: {SCENARIOS[name].title}')
        if res.get('skipped'):
            print(f'  skipped: {res["skipped"]}')
            continue
        if 'text' in res:
            print(res['text'])
        for impl, r in res.get('impls', {}).items():
            if 'error' in r:
                print(f'  {impl:16} not run: {r["error"]}')
            elif 'per_conn' in r:
                print(f'  {impl:16} idle {r["idle_rss"] / MIB:6.1f} MiB   per conn '
                      f'{r["per_conn"] / 1024:6.1f} KiB ({r["count"]:,} conns)   '
                      f'peak {r["peak_rss"] / MIB:6.1f} MiB')
            elif 'mib_s' in r:
                print(f'  {impl:16} {r["mib_s"]:8,.0f} MiB/s  '
                      f'{fmt_rel(rel(results, name, impl, "node")):>24} node  '
                      f'rss {r["base_rss"] / MIB:.0f} -> {r["peak_rss"] / MIB:.0f} MiB')
            else:
                print(f'  {impl:16} {r["rps"]:>9,.0f} req/s  '
                      f'{fmt_rel(rel(results, name, impl, ref_of(impl))):>24} '
                      f'{ref_of(impl):11}  cpu {r["cpu_us_per_req"]:6.1f} µs/req  other load '
                      + '/'.join(f'{x.get("foreign", 0):.2f}' for x in r.get('rounds', [])))
