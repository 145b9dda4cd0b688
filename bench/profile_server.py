"""Profile the nodehttp hello server while wrk drives load; print the top functions by self time.

    .venv/bin/python bench/profile_server.py [--seconds 10] [--scenario hello|close|post64k|pipeline]
                                             [--top 30] [--py-spy] [--save out.prof]

The server (bench/servers/nodehttp_hello.py, run as `python -m nodehttp` does) is pinned to
core 0 and wrk to core 1, as in bench/run.py. After a 1 s warm-up the profiler is switched on
(SIGUSR2), wrk runs for --seconds, and the profiler is switched off and dumped (SIGUSR1).

cProfile (default) counts every call, so it costs the server several times its speed, but
ratios between functions hold; per-request figures are µs of profiled time per request.
--py-spy samples instead (no slowdown); it needs `py-spy` (pip install py-spy) on PATH or in
the venv, and permission to ptrace (root is enough).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

SERVER = BENCH / 'servers/nodehttp_hello.py'


def child(out: str, port: str) -> None:
    """Run the hello server under `python -m nodehttp`; profile between SIGUSR2 and SIGUSR1."""
    import cProfile
    import runpy

    prof = cProfile.Profile()

    def start(signum, frame):
        prof.enable()

    def stop(signum, frame):
        prof.disable()
        prof.dump_stats(out)
        sys.stdout.flush()
        os._exit(0)

    sys.path.insert(0, str(BENCH.parent))  # this tree's nodehttp, as `python -m` from it finds
    signal.signal(signal.SIGUSR2, start)
    signal.signal(signal.SIGUSR1, stop)
    sys.argv = ['nodehttp', str(SERVER), port]
    runpy.run_module('nodehttp', run_name='__main__', alter_sys=True)


def print_cprofile(path: str, requests: int, top: int) -> None:
    import pstats

    stats = pstats.Stats(path)
    total = stats.total_tt
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    print(f'cProfile: {total:.2f} s profiled, {requests:,} requests, '
          f'{1e6 * total / max(1, requests):.1f} µs/request in total')
    print(f'{"self µs/req":>11} {"self %":>7} {"cum µs/req":>10} {"calls/req":>9}  function')
    for (file, line, name), (_cc, nc, tt, ct, _callers) in rows:
        where = name if file == '~' else f'{_short(file)}:{line}({name})'
        print(f'{1e6 * tt / max(1, requests):11.2f} {100 * tt / total:6.1f}% '
              f'{1e6 * ct / max(1, requests):10.2f} {nc / max(1, requests):9.2f}  {where}')


def _short(file: str) -> str:
    for marker in ('site-packages/', str(BENCH.parent) + '/'):
        if marker in file:
            return file.split(marker, 1)[1]
    if '/lib/python3' in file:  # the standard library: lib/python3.X/asyncio/... -> asyncio/...
        return file.split('/lib/python3', 1)[1].split('/', 1)[-1]
    return file


def py_spy_exe() -> str | None:
    venv = Path(sys.executable).with_name('py-spy')
    return str(venv) if venv.exists() else shutil.which('py-spy')


def print_py_spy(raw: str, top: int) -> None:
    """Self and total sample counts per frame from py-spy's collapsed ('raw') output."""
    self_count: dict[str, int] = {}
    total_count: dict[str, int] = {}
    samples = 0
    for line in Path(raw).read_text().splitlines():
        stack, _, n = line.rpartition(' ')
        if not stack:
            continue
        n = int(n)
        samples += n
        frames = stack.split(';')
        self_count[frames[-1]] = self_count.get(frames[-1], 0) + n
        for f in set(frames):
            total_count[f] = total_count.get(f, 0) + n
    print(f'py-spy: {samples} samples (idle time not sampled; self time of the loop\'s run '
          f'frame is C code below Python: uvloop, the socket calls, httptools)')
    print(f'{"self %":>7} {"total %":>7}  frame')
    for frame, n in sorted(self_count.items(), key=lambda kv: kv[1], reverse=True)[:top]:
        print(f'{100 * n / samples:6.1f}% {100 * total_count[frame] / samples:6.1f}%  {frame}')


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == '--child':
        child(sys.argv[2], sys.argv[3])
        return 0
    sys.path.insert(0, str(BENCH))
    from harness import Server
    from harness import wrk as run_wrk
    from scenarios.wrk import SCENARIOS

    def wrk(port, scenario, seconds):
        return run_wrk(port, SCENARIOS[scenario]['lua'], SCENARIOS[scenario]['path'], seconds)

    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=10)
    p.add_argument('--scenario', default='hello',
                   choices=[s for s in SCENARIOS if s != 'proxy'])
    p.add_argument('--top', type=int, default=30)
    p.add_argument('--py-spy', action='store_true', help='sample with py-spy instead')
    p.add_argument('--save', help='keep the cProfile stats file here')
    args = p.parse_args()

    if args.py_spy:
        exe = py_spy_exe()
        if not exe:
            print('py-spy not found: .venv/bin/pip install py-spy', file=sys.stderr)
            return 2
        server = Server('nodehttp', [sys.executable, '-m', 'nodehttp', str(SERVER)])
        raw = tempfile.mktemp(suffix='.txt')
        try:
            wrk(server.port, args.scenario, 1)
            spy = subprocess.Popen([exe, 'record', '--pid', str(server.pid), '--rate', '500',
                                    '--duration', str(round(args.seconds) + 1), '--format',
                                    'raw', '--function', '--output', raw, '--nonblocking'],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            time.sleep(0.5)
            res = wrk(server.port, args.scenario, args.seconds)
            _, err = spy.communicate(timeout=args.seconds + 30)
        finally:
            server.stop()
        print(f'{args.scenario}: {res["rps"]:,.0f} req/s under py-spy')
        if not os.path.exists(raw):
            print(f'py-spy wrote nothing: {err[-500:]}', file=sys.stderr)
            return 1
        print_py_spy(raw, args.top)
        os.unlink(raw)
        return 0

    out = args.save or tempfile.mktemp(suffix='.prof')
    server = Server('nodehttp', [sys.executable, str(Path(__file__).resolve()), '--child', out])
    try:
        wrk(server.port, args.scenario, 1)
        os.kill(server.pid, signal.SIGUSR2)
        time.sleep(0.1)
        res = wrk(server.port, args.scenario, args.seconds)
        os.kill(server.pid, signal.SIGUSR1)
        server.proc.wait(30)
    finally:
        server.stop()
    if not os.path.exists(out):
        print(f'no profile written: {server.stderr_tail()}', file=sys.stderr)
        return 1
    print(f'{args.scenario}: {res["rps"]:,.0f} req/s under cProfile '
          f'(wrk -t1 -c50 -d{args.seconds:g}s; server core 0, wrk core 1)')
    print_cprofile(out, res['requests'], args.top)
    if not args.save:
        os.unlink(out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
