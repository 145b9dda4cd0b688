"""nodehttp benchmark harness (issue 8): nodehttp side by side with Node's http and Python peers.

Server scenarios (wrk drives each server; server on core 0, wrk on core 1):
  hello     GET hello world over 50 keep-alive connections
  close     the same with `Connection: close` (a new connection per request)
  post64k   POST a 64 KiB body, read fully by the handler and echoed back
  pipeline  GETs pipelined 16 deep on each connection
  idle      1,000 idle keep-alive connections held open: RSS per connection

Client scenarios (a Node v20 hello server on core 0, the client on core 1):
  client-seq   5,000 sequential GETs through a keep-alive Agent
  client-conc  20,000 GETs with 50 in flight

Usage: python bench/run.py [--quick] [--duration S] [--only server|client] [--impl a,b]
                          [--scenario a,b] [--write docs/performance.md] [--json out.json]
Ratios within one run are the figures that count: absolute req/s drift between runs and machines.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import selectors
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
NODE = shutil.which('node') or 'node'
TICK = os.sysconf('SC_CLK_TCK')
SERVER_CORE, LOAD_CORE = '0', '1'

SERVER_IMPLS = {
    'nodehttp': [PY, '-m', 'nodehttp', str(BENCH / 'servers/nodehttp_hello.py')],
    'node': [NODE, str(BENCH / 'servers/node_hello.js')],
    'uvicorn': [PY, str(BENCH / 'servers/uvicorn_hello.py')],
    'aiohttp': [PY, str(BENCH / 'servers/aiohttp_hello.py')],
    'ceiling': [PY, str(BENCH / 'servers/ceiling_hello.py')],
}
CLIENT_IMPLS = {
    'nodehttp': [PY, '-m', 'nodehttp', str(BENCH / 'clients/nodehttp_client.py')],
    'node': [NODE, str(BENCH / 'clients/node_client.js')],
    'aiohttp': [PY, str(BENCH / 'clients/aiohttp_client.py')],
    'httpx': [PY, str(BENCH / 'clients/httpx_client.py')],
    'ceiling': [PY, str(BENCH / 'clients/ceiling_client.py')],
}
# What each implementation needs importable (checked once, in a child process).
REQUIRES = {
    'nodehttp': 'from nodehttp import http; http.createServer; http.Agent; http.get',
    'uvicorn': 'import uvicorn, uvloop, httptools',
    'aiohttp': 'import aiohttp, uvloop',
    'httpx': 'import httpx, uvloop',
    'ceiling': 'import uvloop, httptools',
}
WRK_SCENARIOS = {  # name -> (lua script, path, title)
    'hello': ('hello.lua', '/', 'GET hello world, keep-alive'),
    'close': ('close.lua', '/', 'GET hello world, Connection: close'),
    'post64k': ('post64k.lua', '/echo', 'POST 64 KiB echo'),
    'pipeline': ('pipeline.lua', '/', 'pipelined GETs, depth 16'),
}
SERVER_SCENARIOS = [*WRK_SCENARIOS, 'idle']
CLIENT_SCENARIOS = {  # name -> (mode, requests, in flight, title)
    'client-seq': ('seq', 5000, 1, '5,000 sequential keep-alive GETs (Agent keepAlive)'),
    'client-conc': ('conc', 20000, 50, '20,000 GETs, 50 in flight'),
}
TITLES = {**{k: v[2] for k, v in WRK_SCENARIOS.items()},
          'idle': '1,000 idle keep-alive connections',
          **{k: v[3] for k, v in CLIENT_SCENARIOS.items()}}
IDLE_CONNS = 1000
MIB = 1024 * 1024


# ---------------------------------------------------------------- processes

def pinned(core: str, cmd: list[str]) -> list[str]:
    """cmd run on one core (taskset), or as is where taskset is missing."""
    return ['taskset', '-c', core, *cmd] if shutil.which('taskset') else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def available(impl: str) -> str | None:
    """None when impl can run here, else why not."""
    if impl == 'node':
        return None if shutil.which('node') else 'node not on PATH'
    code = REQUIRES[impl]
    r = subprocess.run([PY, '-c', code], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        return (r.stderr.strip().splitlines() or ['import failed'])[-1]
    return None


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (all threads), from /proc/PID/stat."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def machine_busy() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat's first line)."""
    with open('/proc/stat') as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / TICK  # everything but idle and iowait


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) in bytes, from /proc/PID/status."""
    out = {}
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith(('VmRSS:', 'VmHWM:')):
                key, value = line.split(':')
                out[key] = int(value.split()[0]) * 1024
    return out


class Server:
    """One server process on SERVER_CORE, started fresh for each scenario."""

    def __init__(self, impl: str, cmd: list[str]):
        self.impl = impl
        self.port = free_port()
        self.log = tempfile.TemporaryFile(mode='w+')
        self.proc = subprocess.Popen(pinned(SERVER_CORE, [*cmd, str(self.port)]), cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.pid = self.proc.pid
        self._wait_ready()

    def _wait_ready(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if sel.select(0.1) and 'ready' in self.proc.stdout.readline():
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f'{self.impl} server exited ({self.proc.returncode}): '
                                   f'{self.stderr_tail()}')
        else:
            self.stop()
            raise RuntimeError(f'{self.impl} server not ready in {timeout:.0f}s: '
                               f'{self.stderr_tail()}')
        sel.close()
        # The socket must accept before load starts ('ready' may come just before listen).
        while True:
            try:
                with socket.create_connection(('127.0.0.1', self.port), timeout=5):
                    return
            except ConnectionRefusedError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(f'{self.impl} server never accepted: '
                                       f'{self.stderr_tail()}') from None
                time.sleep(0.05)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr_tail(self) -> str:
        self.log.seek(0)
        lines = self.log.read().strip().splitlines()
        return ' | '.join(lines[-3:]) or '(no stderr)'

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


# ---------------------------------------------------------------- load

def lua_script(name: str) -> str:
    """The scenario's wrk script with the JSON reporter appended, as a temp file path."""
    text = (BENCH / 'lua' / name).read_text() + '\n' + (BENCH / 'lua/report.lua').read_text()
    fd, path = tempfile.mkstemp(suffix='.lua', prefix='bench-')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    return path


def wrk(port: int, scenario: str, seconds: float, conns: int = 50) -> dict:
    """One wrk run on LOAD_CORE; its summary as a dict (latencies in µs)."""
    script, path, _ = WRK_SCENARIOS[scenario]
    lua = lua_script(script)
    try:
        cmd = pinned(LOAD_CORE, ['wrk', '-t1', f'-c{conns}', f'-d{max(1, round(seconds))}s',
                                 '--latency', '-s', lua, f'http://127.0.0.1:{port}{path}'])
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(lua)
    for line in r.stdout.splitlines():
        if line.startswith('WRKJSON '):
            out = json.loads(line[8:])
            out['rps'] = out['requests'] / (out['duration_us'] / 1e6)
            if out['p50_us'] == 0:  # wrk's histogram gave nothing usable
                out['p50_us'] = out['p99_us'] = None
            elif out['p99_us'] < out['p50_us']:  # past wrk's histogram: its max is the bound
                out['p99_us'] = out['max_us']
            return out
    raise RuntimeError(f'wrk gave no summary: {r.stdout[-300:]} {r.stderr[-300:]}')


def run_wrk_scenario(impls: list[str], scenario: str, args) -> dict[str, dict]:
    """One wrk scenario for every impl, interleaved: round r runs each server in turn.

    All servers are up at once (idle ones cost nothing), each on SERVER_CORE; each gets a
    warm-up, then args.rounds measured runs taken in rotation, so that a burst of other work
    on the machine hits every implementation alike. The best run of each counts (noise only
    ever slows a run down).
    """
    out: dict[str, dict] = {}
    servers: dict[str, Server] = {}
    best: dict[str, tuple[dict, float]] = {}
    rss: dict[str, list[int]] = {}

    def attempt(impl, fn):
        try:
            fn(servers[impl])
        except Exception as exc:  # one broken implementation must not stop the others
            out[impl] = {'error': f'{type(exc).__name__}: {exc}'[:300]}
            servers.pop(impl).stop()

    def warm(server):
        wrk(server.port, scenario, args.warmup)
        rss[server.impl] = [memory(server.pid)['VmRSS']]

    def measure(server):
        cpu0, busy0, wrk0 = cpu_seconds(server.pid), machine_busy(), children_cpu()
        one = wrk(server.port, scenario, args.duration)
        cpu = cpu_seconds(server.pid) - cpu0
        # CPU that neither the server nor wrk used: other work on the machine (noise)
        one['foreign'] = ((machine_busy() - busy0) - cpu - (children_cpu() - wrk0)) \
            / (one['duration_us'] / 1e6)
        if server.impl not in best or one['rps'] > best[server.impl][0]['rps']:
            best[server.impl] = (one, cpu)
        if not server.alive():
            raise RuntimeError(f'server died: {server.stderr_tail()}')

    def repeat(server):  # repeated runs in the same process: is RSS flat?
        rss[server.impl].append(memory(server.pid)['VmRSS'])
        if scenario == 'hello':
            for _ in range(2):
                wrk(server.port, scenario, args.warmup)
                rss[server.impl].append(memory(server.pid)['VmRSS'])

    try:
        for impl in impls:
            try:
                servers[impl] = Server(impl, SERVER_IMPLS[impl])
            except Exception as exc:
                out[impl] = {'error': f'{type(exc).__name__}: {exc}'[:300]}
        for step in [warm] + [measure] * args.rounds + [repeat]:
            for impl in [i for i in impls if i in servers]:
                attempt(impl, step)
        for impl, server in servers.items():
            res, cpu = best[impl]
            samples = rss[impl]
            errors = sum(res['errors'].values())
            seconds = res['duration_us'] / 1e6
            out[impl] = {
                'rps': res['rps'], 'p50_us': res['p50_us'], 'p99_us': res['p99_us'],
                'cpu_pct': 100 * cpu / seconds,
                'cpu_us_per_req': 1e6 * cpu / max(1, res['requests']),
                'peak_rss': memory(server.pid)['VmHWM'], 'rss_samples': samples,
                'errors': errors, 'error_detail': res['errors'] if errors else None,
                'foreign_cores': max(0.0, res['foreign']),
                'rss_drift': ((max(samples[1:]) - min(samples[1:])) / samples[1]
                              if len(samples) > 2 else None),
            }
    finally:
        for server in servers.values():
            server.stop()
    return {impl: out[impl] for impl in impls}


def open_idle(port: int, count: int) -> list[socket.socket]:
    """count keep-alive connections, each having completed one GET, left open and idle."""
    request = b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
    conns = []
    sel = selectors.DefaultSelector()
    for start in range(0, count, 100):  # batches stay under every listen backlog
        batch = []
        for _ in range(min(100, count - start)):
            s = socket.create_connection(('127.0.0.1', port), timeout=10)
            s.sendall(request)
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            batch.append(s)
        waiting = set(batch)
        deadline = time.monotonic() + 20
        while waiting and time.monotonic() < deadline:
            for key, _ in sel.select(1):
                data = key.fileobj.recv(65536)
                if b'\r\n\r\n' in data or not data:  # a hello response fits in one read
                    waiting.discard(key.fileobj)
                    sel.unregister(key.fileobj)
                    if not data:
                        raise RuntimeError('server closed an idle connection')
        if waiting:
            raise RuntimeError(f'{len(waiting)} connections got no response')
        conns.extend(batch)
    sel.close()
    return conns


def run_idle_scenario(impl: str, args) -> dict:
    server = Server(impl, SERVER_IMPLS[impl])
    conns = []
    try:
        wrk(server.port, 'hello', 1, conns=1)  # code paths warm, as a serving process is
        time.sleep(0.5)
        idle = memory(server.pid)['VmRSS']
        conns = open_idle(server.port, IDLE_CONNS)
        time.sleep(1.0)  # let the server settle (nothing pending: every response was read)
        held = memory(server.pid)['VmRSS']
        if not server.alive():
            raise RuntimeError(f'server died: {server.stderr_tail()}')
        peak = memory(server.pid)['VmHWM']
    finally:
        for s in conns:
            s.close()
        server.stop()
    return {'idle_rss': idle, 'rss_1000': held,
            'per_conn': (held - idle) / IDLE_CONNS, 'peak_rss': peak}


def run_client_scenario(impl: str, scenario: str, args) -> dict:
    mode, total, inflight, _ = CLIENT_SCENARIOS[scenario]
    if args.quick:
        total //= 5
    server = Server('node', SERVER_IMPLS['node'])
    try:
        cmd = pinned(LOAD_CORE, [*CLIENT_IMPLS[impl], str(server.port), mode, str(total),
                                 str(inflight), str(args.client_seconds)])
        with tempfile.TemporaryFile('w+') as out, tempfile.TemporaryFile('w+') as err:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True)
            try:
                status, usage = _wait4(proc, args.client_timeout)
            finally:
                if proc.returncode is None:  # interrupted: leave no client behind
                    proc.kill()
                    os.wait4(proc.pid, 0)
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
    peak = usage.ru_maxrss * 1024  # KiB on Linux
    return {
        'rps': res['requests'] / res['seconds'], 'p50_us': res.get('p50_us', 0),
        'p99_us': res.get('p99_us', 0), 'cpu_pct': 100 * res['cpu_s'] / res['seconds'],
        'cpu_us_per_req': 1e6 * res['cpu_s'] / res['requests'], 'peak_rss': peak,
        'errors': res.get('errors', 0), 'requests': res['requests'],
    }


def run_client_rounds(impls: list[str], scenario: str, args) -> dict[str, dict]:
    """args.rounds runs of each client, in rotation (as the server scenarios); best counts."""
    out: dict[str, dict] = {}
    for _ in range(args.rounds):
        for impl in impls:
            if 'error' in out.get(impl, {}):
                continue
            try:
                res = run_client_scenario(impl, scenario, args)
            except Exception as exc:  # one broken implementation must not stop the others
                out[impl] = {'error': f'{type(exc).__name__}: {exc}'[:300]}
                continue
            if impl not in out or res['rps'] > out[impl]['rps']:
                out[impl] = res
    return out


def _wait4(proc: subprocess.Popen, timeout: float):
    """Reap proc with os.wait4 (its own rusage: CPU and ru_maxrss); kill it past timeout."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise RuntimeError(f'no result in {timeout:.0f}s')
        time.sleep(0.02)


# ---------------------------------------------------------------- reporting

def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(r) -> str:
    return '–' if r is None else f'{r:.2f}×'


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


def scenario_rows(results: dict, scenario: str) -> list[list[str]]:
    """Markdown rows for one throughput scenario: value (×Node, ×ceiling) per metric."""
    rows = []
    by = results.get(scenario, {})
    node, ceil = by.get('node', {}), by.get('ceiling', {})

    def cell(r, key, unit):
        v = r.get(key)
        return (f'{fmt_num(v, unit)} ({fmt_ratio(ratio(v, node.get(key)))}, '
                f'{fmt_ratio(ratio(v, ceil.get(key)))})')

    for impl, r in by.items():
        if 'error' in r:
            rows.append([impl, f'not run: {r["error"]}', '', '', '', '', '', ''])
            continue
        name = impl + (f' ({r["requests"]:,} requests)' if 'requests' in r else '')
        rows.append([name, cell(r, 'rps', 'rps'), cell(r, 'p50_us', 'us'),
                     cell(r, 'p99_us', 'us'), fmt_num(r['cpu_pct'], 'pct'),
                     cell(r, 'cpu_us_per_req', ''), cell(r, 'peak_rss', 'mib')
                     + (f' ⚠ {r["errors"]} errors' if r.get('errors') else ''),
                     '–' if r.get('foreign_cores') is None else f'{r["foreign_cores"]:.2f}'])
    return rows


def idle_rows(results: dict) -> list[list[str]]:
    rows = []
    by = results.get('idle', {})
    node, ceil = by.get('node', {}), by.get('ceiling', {})
    for impl, r in by.items():
        if 'error' in r:
            rows.append([impl, f'not run: {r["error"]}', '', '', ''])
            continue
        rows.append([impl, fmt_num(r['idle_rss'], 'mib'), fmt_num(r['rss_1000'], 'mib'),
                     f'{fmt_num(r["per_conn"], "kib")} ({fmt_ratio(ratio(r["per_conn"], node.get("per_conn")))}, '
                     f'{fmt_ratio(ratio(r["per_conn"], ceil.get("per_conn")))})',
                     fmt_num(r['peak_rss'], 'mib')])
    return rows


def md_table(head: list[str], rows: list[list[str]]) -> str:
    out = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    out += ['| ' + ' | '.join(r) + ' |' for r in rows]
    return '\n'.join(out)


def get(results, scenario, impl, key):
    r = results.get(scenario, {}).get(impl, {})
    return r.get(key)


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issue 8, from this run's figures."""
    out = []

    def vs(scenario, other, need, label):
        a, b = get(results, scenario, 'nodehttp', 'rps'), get(results, scenario, other, 'rps')
        r = ratio(a, b)
        verdict = 'NOT MEASURED' if r is None else ('MET' if r >= need else 'NOT MET')
        out.append((f'{label}: nodehttp ≥ {need}× {other}', fmt_ratio(r), verdict))

    vs('hello', 'node', 1.0, 'server keep-alive hello')
    vs('hello', 'uvicorn', 1.5, 'server keep-alive hello')
    vs('close', 'node', 1.0, 'server Connection: close')
    vs('post64k', 'node', 1.0, 'server 64 KiB POST echo')
    vs('pipeline', 'node', 1.0, 'server pipelined depth 16')
    vs('client-seq', 'node', 1.0, 'client sequential keep-alive')
    vs('client-conc', 'node', 1.0, 'client 50 in flight')
    r = ratio(get(results, 'client-conc', 'nodehttp', 'rps'),
              get(results, 'client-conc', 'aiohttp', 'rps'))
    out.append(('client 50 in flight vs aiohttp (≈ 2× expected)', fmt_ratio(r), 'info'))

    def limit(label, value, bound, unit, fmt_unit):
        verdict = 'NOT MEASURED' if value is None else ('MET' if value <= bound else 'NOT MET')
        out.append((f'{label} ≤ {fmt_num(bound, fmt_unit)}', fmt_num(value, fmt_unit), verdict))

    limit('memory: idle server RSS', get(results, 'idle', 'nodehttp', 'idle_rss'),
          40 * MIB, '', 'mib')
    limit('memory: RSS per idle keep-alive connection',
          get(results, 'idle', 'nodehttp', 'per_conn'), 16 * 1024, '', 'kib')
    drift = get(results, 'hello', 'nodehttp', 'rss_drift')
    out.append(('memory: RSS flat (±5 %) across repeated hello runs',
                '–' if drift is None else f'{100 * drift:.1f} %',
                'NOT MEASURED' if drift is None else ('MET' if drift <= 0.05 else 'NOT MET')))
    return out


def chart(results: dict, path: Path) -> None:
    """Bar chart of req/s as a ratio to Node, per scenario and implementation."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    groups = [('server (req/s ÷ Node)', list(WRK_SCENARIOS), list(SERVER_IMPLS)),
              ('client (req/s ÷ Node client)', list(CLIENT_SCENARIOS), list(CLIENT_IMPLS))]
    groups = [g for g in groups if any(s in results for s in g[1])]
    if not groups:
        return
    fig, axes = plt.subplots(1, len(groups), figsize=(6.5 * len(groups), 4.2), squeeze=False)
    colors = {'nodehttp': '#2a7ab0', 'node': '#6aa84f', 'uvicorn': '#b45f06',
              'aiohttp': '#999999', 'httpx': '#c27ba0', 'ceiling': '#444444'}
    for ax, (title, scenarios, impls) in zip(axes[0], groups, strict=False):
        scenarios = [s for s in scenarios if s in results]
        impls = [i for i in impls if any('rps' in results[s].get(i, {}) for s in scenarios)]
        width = 0.8 / max(1, len(impls))
        for k, impl in enumerate(impls):
            vals = [ratio(get(results, s, impl, 'rps'), get(results, s, 'node', 'rps')) or 0
                    for s in scenarios]
            xs = [i + (k - (len(impls) - 1) / 2) * width for i in range(len(scenarios))]
            bars = ax.bar(xs, vals, width, label=impl, color=colors.get(impl))
            for b, v in zip(bars, vals, strict=True):
                if v:
                    ax.text(b.get_x() + b.get_width() / 2, v, f'{v:.2f}', ha='center',
                            va='bottom', fontsize=7)
        ax.axhline(1.0, color='black', linewidth=0.8, linestyle='--')
        ax.set_xticks(range(len(scenarios)), scenarios)
        ax.set_title(title)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


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
    return {
        'nproc': str(os.cpu_count()), 'cpu': cpu, 'kernel': platform.release(),
        'python': platform.python_version(), 'node': cmd(NODE, '--version'),
        'uvloop': pkg('uvloop'), 'httptools': pkg('httptools'), 'uvicorn': pkg('uvicorn'),
        'aiohttp': pkg('aiohttp'), 'httpx': pkg('httpx'), 'wrk': cmd('wrk', '-v').split()[1] if cmd('wrk', '-v') != 'not found' else 'not found',
        'load average at start': open('/proc/loadavg').read().split()[0]
        if os.path.exists('/proc/loadavg') else 'unknown',
        'nodehttp commit': cmd('git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'),
    }


def disturbed_note(results: dict) -> list[str]:
    """A warning paragraph when other work on the machine took CPU during the server runs."""
    loads = [r['foreign_cores'] for s in WRK_SCENARIOS for r in results.get(s, {}).values()
             if r.get('foreign_cores') is not None]
    if not loads or sorted(loads)[len(loads) // 2] < 0.25:
        return []
    return [f'> **This run was disturbed**: other work on the machine used a median '
            f'{sorted(loads)[len(loads) // 2]:.2f} cores during the measured server runs (see '
            '*other load*), so the servers were starved of CPU and absolute req/s are far '
            'below what this machine does when quiet. The interleaved best-of runs spread the '
            'disturbance over all implementations, but ratios are less certain than usual; '
            '*CPU µs/req* (CPU time per request) is the steadier figure to compare. Rerun '
            '`make bench` on a quiet machine before judging a target.', '']


def write_markdown(path: Path, results: dict, args, command: str, info: dict,
                   started: str) -> None:
    png = path.with_suffix('.png')
    chart(results, png)
    lines = [
        '# Performance',
        '',
        'Written by `bench/run.py` (issue 8); do not edit by hand — run `make bench`.',
        '',
        f'Command: `{command}` — {started}, {args.duration:g} s measured runs after '
        f'{args.warmup:g} s warm-up'
        + (f', best of {args.rounds} measured runs (in rotation) per scenario and '
           'implementation' if args.rounds > 1 else '')
        + (' (quick smoke run)' if args.quick else '') + '.',
        '',
        '**Ratios within one run are the figures that count.** Absolute req/s drift between '
        'runs and machines (CPU model, kernel, noisy neighbours); every implementation here ran '
        'in the same invocation, one after another, on the same cores.',
        '',
        '## Machine',
        '',
        ', '.join(f'{k}: {v}' for k, v in info.items()) + '.',
        '',
        '*Other load* (server tables) is the CPU, in cores, that neither the server nor wrk used '
        'during the measured run: other work on the machine. Above ~0.1 the run was disturbed '
        'and its ratios are less trustworthy; rerun on a quiet machine.',
        '',
        f'Server pinned to core {SERVER_CORE} (`taskset -c {SERVER_CORE}`), load generator or '
        f'client to core {LOAD_CORE}. Server load: `wrk -t1 -c50 -d{args.duration:g}s --latency` '
        'with the scenario\'s Lua script (bench/lua/). Each server scenario starts a fresh '
        'server process per implementation; all of them are up together and their measured '
        'runs are taken in rotation (round 1: every implementation, then round 2, …), the '
        'best run of each counting, so that other work on the machine hits all alike. CPU is the server\'s utime+stime (/proc/PID/stat) over the measured run; '
        'peak RSS is VmHWM. For clients, CPU is the client\'s own CPU time over the measured '
        'requests, and the server is Node v20\'s http (bench/servers/node_hello.js). A '
        f'client\'s measured part stops after {args.client_seconds:g} s even if it has not '
        'made all its requests (the tables show how many it made).',
        '',
        *disturbed_note(results),
        '## Targets (issue 8)',
        '',
        md_table(['target', 'this run', 'verdict'], [list(t) for t in targets(results)]),
        '',
        f'![req/s relative to Node]({png.name})',
        '',
    ]
    for scenario in [*WRK_SCENARIOS, *CLIENT_SCENARIOS]:
        if scenario not in results:
            continue
        lines += [f'## {TITLES[scenario]} (`{scenario}`)', '',
                  'Each cell: value (ratio to Node, ratio to the ceiling).', '',
                  md_table(['impl', 'req/s', 'p50', 'p99', 'CPU', 'CPU µs/req',
                            'peak RSS', 'other load'], scenario_rows(results, scenario)), '']
        if scenario == 'hello':
            drift = [f'{impl}: {100 * r["rss_drift"]:.1f} %' for impl, r in
                     results['hello'].items() if r.get('rss_drift') is not None]
            lines += ['RSS drift across the measured run and two repeats (same process): '
                      + ', '.join(drift) + '.', '']
    if 'idle' in results:
        lines += [f'## {TITLES["idle"]} (`idle`)', '',
                  'Idle RSS after a 1 s warm-up on one connection; then 1,000 connections each '
                  'complete one GET and stay open. Per connection = (RSS with them − idle RSS) '
                  '÷ 1000. Ratios: to Node, to the ceiling.', '',
                  md_table(['impl', 'idle RSS', 'RSS with 1,000', 'per connection',
                            'peak RSS'], idle_rows(results)), '']
    lines += [
        '## What runs',
        '',
        '- `nodehttp`: bench/servers/nodehttp_hello.py under `python -m nodehttp`, written as '
        'the Node script is (`http.createServer(handler)`, `res.writeHead`, `res.end`); the '
        'client is bench/clients/nodehttp_client.py with `http.Agent({\'keepAlive\': True})`.',
        '- `node`: the same handler and client in JavaScript on Node ' + info.get('node', '')
        + ' (bench/servers/node_hello.js, bench/clients/node_client.js).',
        '- `uvicorn`: a raw ASGI app, `loop=\'uvloop\', http=\'httptools\'`, access log off.',
        '- `aiohttp`: aiohttp.web (server) and ClientSession (client), on uvloop.',
        '- `httpx`: AsyncClient on uvloop (client only).',
        '- `ceiling`: a bare asyncio Protocol on uvloop: httptools parses, a canned response '
        'goes out in one `transport.write` (server); canned GETs on kept-alive connections, '
        'httptools\' response parser (client). Nothing a port of Node can do costs less on this '
        'stack, so ×ceiling says how much of the stack\'s speed an implementation keeps.',
        '',
        'Every server sends the same response (explicit Content-Type and Content-Length) and '
        'keeps idle connections 60 s. Latency in the pipelined scenario is per batch of 16.',
        '',
        '## Reproduce and dig in',
        '',
        '- `make bench` (sets up wrk and the `bench` extra, then the full run that wrote this).',
        '- `.venv/bin/python bench/run.py --quick` — 2 s smoke; `--only server|client`, '
        '`--impl nodehttp,node`, `--scenario hello,pipeline`, `--duration 5`, `--json out.json`.',
        '- `.venv/bin/python bench/profile_server.py --seconds 10 [--scenario hello] [--py-spy]` '
        '— the nodehttp server under cProfile (or py-spy) while wrk drives it; prints the top '
        'functions by self time in µs per request.',
        '',
    ]
    if args.profile_text:
        lines += ['## Where the time goes: the nodehttp server under cProfile', '',
                  f'`bench/profile_server.py --seconds {args.profile:g} --scenario S` for '
                  'keep-alive hello and for the scenario where nodehttp trails Node most ('
                  'cProfile slows everything several-fold, the shares between functions are '
                  'what to read). Top functions by self time, in µs of profiled time per '
                  'request:', '',
                  '```', args.profile_text.rstrip(), '```', '']
    path.write_text('\n'.join(lines))


def print_table(results: dict) -> None:
    for scenario, by in results.items():
        print(f'\n== {scenario}: {TITLES[scenario]}')
        node = by.get('node', {})
        for impl, r in by.items():
            if 'error' in r:
                print(f'  {impl:9} not run: {r["error"]}')
            elif scenario == 'idle':
                print(f'  {impl:9} idle {r["idle_rss"] / MIB:6.1f} MiB   '
                      f'per conn {r["per_conn"] / 1024:6.1f} KiB   '
                      f'peak {r["peak_rss"] / MIB:6.1f} MiB')
            else:
                rel = ratio(r['rps'], node.get('rps'))
                print(f'  {impl:9} {r["rps"]:>10,.0f} req/s  {fmt_ratio(rel):>6} node  '
                      f'p50 {fmt_num(r["p50_us"], "us"):>9}  p99 {fmt_num(r["p99_us"], "us"):>9}  '
                      f'cpu {r["cpu_pct"]:4.0f}% {r["cpu_us_per_req"]:6.1f} µs/req'
                      + (f'  rss {r["peak_rss"] / MIB:5.1f} MiB' if r.get('peak_rss') else '')
                      + (f'  ERRORS {r["errors"]}' if r.get('errors') else '')
                      + (f'  other load {r["foreign_cores"]:.2f}' if r.get('foreign_cores')
                         else ''))


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--duration', type=float, default=10, help='seconds per measured wrk run')
    p.add_argument('--warmup', type=float, default=None, help='seconds of warm-up (default 3)')
    p.add_argument('--quick', action='store_true', help='2 s smoke run, 1/5 client requests')
    p.add_argument('--only', choices=['server', 'client'])
    p.add_argument('--impl', default='', help='comma list (default: all)')
    p.add_argument('--scenario', default='', help='comma list (default: all)')
    p.add_argument('--write', metavar='MD', help='write the report (and its .png) here')
    p.add_argument('--json', metavar='PATH', help='also dump raw results as JSON')
    p.add_argument('--profile', type=float, default=None, metavar='S',
                   help='append an S-second cProfile of the nodehttp server to the report '
                        '(default: 5 s when writing a report with a server target NOT MET; '
                        '0: never)')
    p.add_argument('--rounds', type=int, default=None,
                   help='measured runs per scenario and implementation, taken in rotation; '
                        'the best counts (default 2, quick 1)')
    p.add_argument('--client-seconds', type=float, default=None,
                   help='cap on a client\'s measured part (default 30, quick 10): a slower '
                        'client completes fewer requests')
    p.add_argument('--client-timeout', type=float, default=300)
    p.add_argument('--from-json', metavar='PATH',
                   help='do not measure: render --write from a saved run (bench/results/*.json)')
    args = p.parse_args(argv)
    if args.quick:
        args.duration = 2
        args.warmup = args.warmup if args.warmup is not None else 1
    if args.warmup is None:
        args.warmup = 3
    if args.rounds is None:
        args.rounds = 1 if args.quick else 2
    if args.client_seconds is None:
        args.client_seconds = 10 if args.quick else 30
    args.profile_text = ''
    command = 'python bench/run.py ' + ' '.join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    started = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    info = versions()  # before the run: the load average is the machine's, not ours

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
    # Terminated (make interrupted, a timeout): unwind, so every server started is stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # 1,000 idle connections + slack
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    if not shutil.which('wrk') and args.only != 'client':
        print('wrk not found: run bash bench/setup.sh', file=sys.stderr)
        return 2

    wanted = set(filter(None, args.impl.split(',')))
    scen_wanted = set(filter(None, args.scenario.split(',')))
    plan = []
    if args.only != 'client':
        plan += [(s, list(SERVER_IMPLS)) for s in SERVER_SCENARIOS]
    if args.only != 'server':
        plan += [(s, list(CLIENT_IMPLS)) for s in CLIENT_SCENARIOS]
    why_not = {i: available(i) for i in {*SERVER_IMPLS, *CLIENT_IMPLS}
               if not wanted or i in wanted}

    results: dict[str, dict[str, dict]] = {}
    for scenario, impls in plan:
        if scen_wanted and scenario not in scen_wanted:
            continue
        impls = [i for i in impls if not wanted or i in wanted]
        runnable = [i for i in impls if not why_not.get(i)]
        t0 = time.monotonic()
        if scenario in WRK_SCENARIOS and runnable:
            together = run_wrk_scenario(runnable, scenario, args)
        elif scenario in CLIENT_SCENARIOS and runnable:
            together = run_client_rounds(runnable, scenario, args)
        else:
            together = {}
        for impl in impls:
            if why_not.get(impl):
                res = {'error': why_not[impl]}
            elif impl in together:
                res = together[impl]
            else:
                t0 = time.monotonic()
                try:
                    if scenario == 'idle':
                        res = run_idle_scenario(impl, args)
                    else:
                        res = run_client_scenario(impl, scenario, args)
                except Exception as exc:  # one broken implementation must not stop the run
                    res = {'error': f'{type(exc).__name__}: {exc}'[:300]}
            results.setdefault(scenario, {})[impl] = res
            status = res.get('error') or (f'{res["rps"]:,.0f} req/s' if 'rps' in res else
                                          f'{res["per_conn"] / 1024:.1f} KiB/conn')
            print(f'[{scenario:11}] {impl:9} {status}  ({time.monotonic() - t0:.0f}s)',
                  flush=True)

    print_table(results)
    if args.profile is None:
        missed = any(v == 'NOT MET' and t.startswith('server') for t, _, v in targets(results))
        args.profile = 5 if args.write and missed else 0
    if args.profile and not why_not.get('nodehttp'):
        # hello, and the server scenario where nodehttp trails Node most (if another)
        rel = {s: ratio(get(results, s, 'nodehttp', 'rps'), get(results, s, 'node', 'rps'))
               for s in WRK_SCENARIOS}
        worst = min((s for s in rel if rel[s] is not None), key=rel.get, default='hello')
        texts = []
        for scenario in dict.fromkeys(['hello', worst]):
            r = subprocess.run([PY, str(BENCH / 'profile_server.py'), '--seconds',
                                str(args.profile), '--scenario', scenario, '--top', '20'],
                               capture_output=True, text=True, cwd=ROOT)
            texts.append(r.stdout if r.returncode == 0 else
                         f'{scenario}: profile failed: {r.stderr[-500:]}')
        args.profile_text = '\n'.join(texts)
        print(args.profile_text)
    with open('/proc/loadavg') as f:
        info['load average at the end'] = f.read().split()[0]
    raw = {'command': command, 'started': started, 'machine': info, 'results': results,
           'args': {k: v for k, v in vars(args).items() if k not in ('json', 'write')}}
    if not args.json:  # keep every run's raw figures (bench/results/ is git-ignored)
        (BENCH / 'results').mkdir(exist_ok=True)
        args.json = str(BENCH / 'results' / time.strftime('%Y%m%d-%H%M%S.json'))
    Path(args.json).write_text(json.dumps(raw, indent=1))
    if args.write:
        write_markdown(ROOT / args.write if not os.path.isabs(args.write) else Path(args.write),
                       results, args, command, info, started)
        print(f'\nwrote {args.write}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
