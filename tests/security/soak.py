"""Soak test: a nodehttp server under sustained, partly abusive load.

``make soak`` runs ``python tests/security/soak.py --write docs/reliability.md``.
Against a nodehttp server subprocess (``nodehttp_server.py``: reads the body,
answers 200 ``ok\\n`` with ``X-Body-Length``) it runs, after a warm-up:

1. 200 concurrent keep-alive connections making 100k requests in total
   (GETs and POSTs with bodies of varying length, each answer checked);
2. 20k short connections (one request, ``Connection: close``);
3. 5k mid-request disconnects (half a body, then FIN or RST).

and measures: client-visible errors, wrong responses, anything the server
wrote to stderr, the server's RSS after warm-up and at the end, and its open
file descriptors against the baseline once every connection is gone.
``--scale 0.1`` runs a tenth of everything; ``--server node20`` runs the same
load against Node 20 for comparison. Exit status 1 if a criterion fails:
zero errors, all responses correct, RSS growth < 10 % after warm-up, fd count
back to baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import socket
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from security_harness import (  # noqa: E402
    ServerProcess,
    node_command,
    nodehttp_command,
    update_section,
)

HOST = "127.0.0.1"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


class Stats:
    def __init__(self) -> None:
        self.requests = 0
        self.correct = 0
        self.wrong: list[str] = []
        self.errors: list[str] = []

    def error(self, what: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(what)
        else:
            self.errors.append("")


async def read_response(reader: asyncio.StreamReader) -> tuple[bytes, dict[bytes, bytes], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head[:-4].split(b"\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
    return lines[0], headers, body


def request(rng: random.Random, close: bool = False) -> tuple[bytes, int]:
    """A GET, or a POST with a Content-Length or chunked body; returns (bytes, body length)."""
    conn = b"Connection: close\r\n" if close else b""
    kind = rng.random()
    if kind < 0.5:
        return b"GET /soak HTTP/1.1\r\nHost: x\r\n" + conn + b"\r\n", 0
    n = rng.choice((1, 10, 100, 1000, 20000))
    body = b"b" * n
    if kind < 0.8:
        return b"POST /soak HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n%s\r\n%s" % (n, conn, body), n
    return (b"POST /soak HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n"
            % (conn, n, body)), n


def check(stats: Stats, status: bytes, headers: dict[bytes, bytes], body: bytes, n: int) -> None:
    stats.requests += 1
    if status.startswith(b"HTTP/1.1 200 ") and body == b"ok\n" and headers.get(b"x-body-length") == b"%d" % n:
        stats.correct += 1
    elif len(stats.wrong) < 20:
        stats.wrong.append(f"{status!r} {headers} {body[:50]!r} expected body length {n}")
    else:
        stats.wrong.append("")


async def keep_alive_client(port: int, count: int, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError as exc:
        stats.error(f"connect: {exc!r}")
        return
    previous = b"(none)"
    try:
        for i in range(count):
            data, n = request(rng)
            writer.write(data)
            status, headers, body = await asyncio.wait_for(read_response(reader), 30)
            check(stats, status, headers, body, n)
            previous = b"%d: %s (%d body bytes)" % (i, data.split(b"\r\n\r\n")[0], n)
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, asyncio.LimitOverrunError) as exc:
        stats.error(f"keep-alive: {exc!r}; last answered request {previous!r}")
    finally:
        writer.close()


async def short_client(port: int, stats: Stats, rng: random.Random) -> None:
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
        data, n = request(rng, close=True)
        writer.write(data)
        status, headers, body = await asyncio.wait_for(read_response(reader), 30)
        check(stats, status, headers, body, n)
        if await asyncio.wait_for(reader.read(1), 30) != b"":
            stats.error("short: server did not close after Connection: close")
        writer.close()
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as exc:
        stats.error(f"short: {exc!r}")


async def disconnect_client(port: int, stats: Stats, i: int) -> None:
    """Half a request, then FIN (even i) or RST (odd i)."""
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.write(b"POST /soak HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + b"c" * 500)
        await writer.drain()
        if i % 2:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.close()
        stats.requests += 1
        stats.correct += 1
    except OSError as exc:
        stats.error(f"disconnect: {exc!r}")


async def bounded(n: int, concurrency: int, make) -> None:
    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            await make(i)

    await asyncio.gather(*(one(i) for i in range(n)))


async def soak(port: int, pid: int, scale: float, log) -> dict:
    def n(x: int) -> int:
        return max(1, int(x * scale))

    results: dict = {"scale": scale, "fd_baseline": fd_count(pid)}  # listening, no client yet
    conns = min(200, n(200)) if scale < 1 else 200
    # Warm-up: every phase at a tenth of its volume and full concurrency, so
    # caches, allocator pools and free lists reach their working size first.
    warm = Stats()
    await asyncio.gather(*(keep_alive_client(port, max(1, n(100_000) // conns // 10), warm, i)
                           for i in range(conns)))
    await bounded(max(1, n(2_000)), 50, lambda i: short_client(port, warm, random.Random(i)))
    await bounded(max(1, n(500)), 50, lambda i: disconnect_client(port, warm, i))
    results["rss_warm_kib"] = rss_kib(pid)
    log(f"warm-up: {warm.requests} requests, rss {results['rss_warm_kib']} KiB, fds {results['fd_baseline']}")

    phases = []
    ka = Stats()
    total = n(100_000)
    t = time.monotonic()
    await asyncio.gather(*(keep_alive_client(port, total // conns, ka, 1000 + i) for i in range(conns)))
    phases.append((f"{conns} concurrent keep-alive connections", ka, time.monotonic() - t))
    log(f"keep-alive: {ka.requests} requests, {len(ka.errors)} errors in {phases[-1][2]:.1f}s")

    short = Stats()
    rng = random.Random(7)
    t = time.monotonic()
    await bounded(n(20_000), 50, lambda i: short_client(port, short, rng))
    phases.append(("short connections (Connection: close)", short, time.monotonic() - t))
    log(f"short: {short.requests} requests, {len(short.errors)} errors in {phases[-1][2]:.1f}s")

    disc = Stats()
    t = time.monotonic()
    await bounded(n(5_000), 50, lambda i: disconnect_client(port, disc, i))
    phases.append(("mid-request disconnects (half FIN, half RST)", disc, time.monotonic() - t))
    log(f"disconnects: {disc.requests}, {len(disc.errors)} errors in {phases[-1][2]:.1f}s")

    # Let the server notice the last disconnects: poll its fd count (bounded wait).
    deadline = time.monotonic() + 10
    while fd_count(pid) > results["fd_baseline"] and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    results["fd_end"] = fd_count(pid)
    results["rss_end_kib"] = rss_kib(pid)
    results["phases"] = phases
    return results


def run(server_name: str, scale: float, log=print) -> dict:
    argv = nodehttp_command() if server_name == "nodehttp" else node_command(server_name)
    server = ServerProcess(argv)
    load = os.getloadavg()[0]
    t0 = time.monotonic()
    try:
        try:
            import uvloop

            runner = uvloop.run
        except ImportError:  # pragma: no cover
            runner = asyncio.run
        results = runner(soak(server.port, server.proc.pid, scale, log))
        results["alive"] = server.alive()
        # Before stopping it: a signal may make the server itself write to stderr.
        results["stderr"] = server.stderr_so_far().decode(errors="replace")
    finally:
        server.stop()
    results["seconds"] = time.monotonic() - t0
    results["server"] = server_name
    results["load"] = load
    phases = results["phases"]
    results["errors"] = sum(len(s.errors) for _, s, _ in phases)
    results["wrong"] = sum(len(s.wrong) for _, s, _ in phases)
    results["rss_growth"] = (results["rss_end_kib"] - results["rss_warm_kib"]) / results["rss_warm_kib"]
    results["ok"] = (results["errors"] == 0 and results["wrong"] == 0 and results["alive"]
                     and not results["stderr"].strip() and results["rss_growth"] < 0.10
                     and results["fd_end"] <= results["fd_baseline"])
    return results


def report(results: dict) -> str:
    verdict = "PASS" if results["ok"] else "FAIL"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"## Latest soak: {verdict}",
        "",
        "200 concurrent keep-alive connections making 100k requests (GET, and POST with",
        "Content-Length or chunked bodies of 1 B to 20 kB, each answer checked), 20k short",
        "connections, 5k mid-request disconnects (half FIN, half RST), after a warm-up of",
        "a tenth of each; criteria: zero errors, all responses correct, RSS growth < 10 %",
        "after warm-up, open fds back to the baseline taken before the first client.",
        "",
        f"- server: {results['server']} running the corpus handler"
        f" (`tests/security/{'nodehttp_server.py' if results['server'] == 'nodehttp' else 'node_server.js'}`),"
        f" scale {results['scale']}",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}; Node {node} for comparison runs",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; took {results['seconds']:.0f} s;"
        f" load average at start {results['load']:.1f} (the seconds below are not criteria:"
        " the machine is shared)",
        "",
        "| phase | requests/connections | correct | errors | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, stats, secs in results["phases"]:
        lines.append(f"| {name} | {stats.requests} | {stats.correct} | {len(stats.errors)} | {secs:.1f} |")
    lines += [
        "",
        "| criterion | figure | target |",
        "| --- | --- | --- |",
        f"| client-visible errors | {results['errors']} | 0 |",
        f"| wrong responses | {results['wrong']} | 0 |",
        f"| server stderr | {'empty' if not results['stderr'].strip() else 'NOT EMPTY'} | empty |",
        f"| server alive at the end | {results['alive']} | yes |",
        f"| RSS after warm-up -> end | {results['rss_warm_kib']} KiB -> {results['rss_end_kib']} KiB"
        f" ({results['rss_growth'] * 100:+.1f} %) | < +10 % |",
        f"| open fds: baseline -> end | {results['fd_baseline']} -> {results['fd_end']} | back to baseline |",
        "",
    ]
    samples = [e for _, s, _ in results["phases"] for e in s.errors + s.wrong if e][:10]
    if samples:
        lines += ["First errors:", "", *[f"- `{e}`" for e in samples], ""]
    if results["stderr"].strip():
        lines += ["Server stderr (tail):", "", "```", results["stderr"][-2000:], "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--server", default="nodehttp", choices=["nodehttp", "node20", "node10"])
    ap.add_argument("--write", metavar="PATH", help="write the figures (markdown) here")
    args = ap.parse_args(argv)
    results = run(args.server, args.scale)
    text = report(results)
    print(text)
    if args.write:
        section = "soak" if args.server == "nodehttp" else f"soak-{args.server}"
        update_section(args.write, section, text)
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
