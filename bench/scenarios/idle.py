"""Idle keep-alive connections: 10,000 (--quick: 1,000) connections each complete one GET and
stay open; RSS per connection = (RSS with them - idle RSS) / count.

The connections are this process's sockets, so RLIMIT_NOFILE's soft limit is raised within
the hard limit first (the servers inherit it; Node raises its own); when the hard limit is
too low, fewer connections are opened and the result says so.
"""
from __future__ import annotations

import selectors
import socket
import time

from harness import MIB, error, memory, raise_nofile, wrk
from scenarios.wrk import hello_server

TITLE = 'idle keep-alive connections held'
IMPLS = ['nodehttp', 'node', 'uvicorn', 'aiohttp', 'ceiling']
SLACK = 256  # descriptors for everything else this process holds


def wanted(args) -> int:
    return args.idle_conns or (1000 if args.quick else 10000)


def open_idle(port: int, count: int) -> list[socket.socket]:
    """count keep-alive connections, each having completed one GET, left open and idle."""
    request = b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
    conns: list[socket.socket] = []
    sel = selectors.DefaultSelector()
    try:
        for start in range(0, count, 100):  # batches stay under every listen backlog
            batch = []
            for _ in range(min(100, count - start)):
                s = socket.create_connection(('127.0.0.1', port), timeout=10)
                conns.append(s)
                s.sendall(request)
                s.setblocking(False)
                sel.register(s, selectors.EVENT_READ)
                batch.append(s)
            waiting = set(batch)
            deadline = time.monotonic() + 30
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
    except BaseException:
        for s in conns:
            s.close()
        raise
    finally:
        sel.close()
    return conns


def run(args, impls: list[str]) -> dict:
    want = wanted(args)
    soft, hard = raise_nofile(want + SLACK)
    count = min(want, soft - SLACK)
    note = None
    if count < want:
        note = (f'RLIMIT_NOFILE hard limit {hard} allows only {count:,} of the {want:,} '
                'connections asked for')
    out = {}
    for impl in impls:
        try:
            out[impl] = run_one(impl, count)
        except Exception as exc:  # one broken implementation must not stop the others
            out[impl] = error(exc)
    return {'impls': out, 'count': count, 'wanted': want, 'note': note,
            'nofile': [soft, hard]}


def run_one(impl: str, count: int) -> dict:
    server = hello_server(impl)
    conns: list[socket.socket] = []
    try:
        wrk(server.port, 'hello.lua', '/', 1, conns=1)  # code paths warm, as a serving process is
        time.sleep(0.5)
        idle = memory(server.pid)['VmRSS']
        t0 = time.monotonic()
        conns = open_idle(server.port, count)
        opened = time.monotonic() - t0
        time.sleep(1.0)  # let the server settle (nothing pending: every response was read)
        held = memory(server.pid)['VmRSS']
        server.check()
        peak = memory(server.pid)['VmHWM']
    finally:
        for s in conns:
            s.close()
        server.stop()
    return {'idle_rss': idle, 'rss_held': held, 'per_conn': (held - idle) / count,
            'peak_rss': peak, 'open_seconds': opened, 'count': count,
            'idle_mib': idle / MIB}
