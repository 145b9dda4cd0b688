"""Bounded-time fuzzing of a running nodehttp server with raw request bytes.

``make fuzz`` runs ``python tests/security/fuzz_server.py --seconds N``.
Hypothesis generates inputs — corpus cases mutated with HTTP-ish tokens
(CR, LF, NUL, ``chunked``, huge hex, ``Content-Length``, …) and plain random
bytes — and each is written on a fresh connection to a nodehttp server
subprocess (``nodehttp_server.py``), followed by a half-close so the server
answers and closes at once. A *crash* is any of:

- the server process exits;
- the server writes to stderr (an uncaught exception's traceback);
- the server neither answers nor closes the connection within 5 s of EOF;
- the server stops answering a plain ``GET /`` with 200 (checked every 100 inputs
  and after every failure).

Each crashing input is saved to ``tests/security/regressions/<sha1>.bin``,
which ``test_regressions.py`` replays forever after; the server is restarted
and fuzzing goes on. Exit status is 1 if anything crashed.

``--differential`` also sends every input to Node 20 and lists inputs where
the status codes or close outcome differ (written to ``--report``); those are
not crashes, but leads for the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from corpus import CASES  # noqa: E402
from security_harness import (  # noqa: E402
    ResponseScanner,
    ServerProcess,
    node_command,
    nodehttp_command,
    nodehttp_max_header_size,
    probe,
    show_bytes,
    update_section,
)

REGRESSIONS = os.path.join(HERE, "regressions")
OK = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
# A health check the server answers and then closes (no idle wait in probe()).
HEALTH = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
TOKENS = [
    b"\r\n", b"\n", b"\r", b"\r\n\r\n", b":", b" ", b"\t", b"\x00", b"\x7f", b"\xff", b";", b",",
    b"chunked", b"identity", b"Transfer-Encoding: chunked\r\n", b"Content-Length: 5\r\n",
    b"Content-Length: ", b"ffffffffffffffffff", b"-1", b"0\r\n\r\n", b"5\r\nhello\r\n",
    b"HTTP/1.1", b"HTTP/1.0", b"Expect: 100-continue\r\n", b"Connection: close\r\n",
    b"Connection: Upgrade\r\nUpgrade: x\r\n", b"Host: x\r\n", b" HTTP/1.1\r\n", OK,
    b"CONNECT ", b"a" * 9000, b"%00", b"\xc3\xa9",
]
SEEDS = [c.data for c in CASES if len(c.data) < 4096]


def exchange(port: int, data: bytes, timeout: float = 5.0) -> tuple[tuple[int, ...], bool]:
    """Write ``data``, half-close, read until the server closes.

    Returns (status codes, closed-in-time)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    scanner = ResponseScanner()
    closed = False
    try:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            scanner.feed(chunk)
    finally:
        sock.close()
    if closed:
        scanner.eof()
    return tuple(scanner.statuses), closed


def mutate(seed: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    """Apply mutation ops ``(kind, position, argument)`` to a seed."""
    data = bytearray(seed)
    for kind, pos, arg in ops:
        at = pos % (len(data) + 1)
        if kind == 0:  # insert a token
            data[at:at] = TOKENS[arg % len(TOKENS)]
        elif kind == 1 and data:  # replace one byte
            data[at % len(data)] = arg % 256
        elif kind == 2:  # delete a short range
            del data[at:at + 1 + arg % 8]
        elif kind == 3:  # duplicate a range
            data[at:at] = data[at:at + 1 + arg % 64]
        elif kind == 4:  # truncate
            del data[at:]
    return bytes(data)


class Fuzzer:
    """Owns the server subprocess(es), checks health, records crashes."""

    def __init__(self, differential: bool, server: str = "nodehttp") -> None:
        self.argv = nodehttp_command() if server == "nodehttp" else node_command(server)
        self.crashes: list[tuple[bytes, str]] = []
        self.mismatches: list[tuple[bytes, object, object]] = []
        self.inputs = 0
        self.node = ServerProcess(node_command("node20", nodehttp_max_header_size())) if differential else None
        self.server = self._start()

    def _start(self) -> ServerProcess:
        return ServerProcess(self.argv)

    def healthy(self) -> bool:
        if not self.server.alive():
            return False
        try:
            return probe(self.server.port, HEALTH).statuses == (200,)
        except OSError:
            return False

    def check(self, data: bytes) -> None:
        """Run one input; record and restart on a crash."""
        self.inputs += 1
        problem = None
        try:
            statuses, closed = exchange(self.server.port, data)
            if not closed:
                problem = "server neither answered nor closed within 5 s of EOF"
        except OSError as exc:
            statuses, closed = (), False
            problem = f"connect/send failed: {exc!r}"
        err = self.server.stderr_so_far()
        if err:
            problem = "server wrote to stderr:\n" + err.decode(errors="replace")
        if problem is None and not self.server.alive():
            problem = f"server exited with {self.server.proc.returncode}"
        if problem is None and self.inputs % 100 == 0 and not self.healthy():
            problem = "server stopped answering GET / with 200"
        if problem is not None:
            self.crash(data, problem)
            return
        if self.node is not None:
            theirs = exchange(self.node.port, data)
            if theirs != (statuses, closed):
                self.mismatches.append((data, theirs, (statuses, closed)))

    def crash(self, data: bytes, problem: str) -> None:
        self.crashes.append((data, problem))
        save(data)
        if not self.healthy():
            self.server.stop()
            self.server = self._start()

    def stop(self) -> None:
        self.server.stop()
        if self.node is not None:
            self.node.stop()


def save(data: bytes) -> str:
    """Save a crashing input as a regression (content-addressed)."""
    os.makedirs(REGRESSIONS, exist_ok=True)
    path = os.path.join(REGRESSIONS, hashlib.sha1(data).hexdigest()[:16] + ".bin")
    with open(path, "wb") as f:
        f.write(data)
    return path


def run(seconds: float, differential: bool, seed: int | None, server: str = "nodehttp") -> Fuzzer:
    """Fuzz for ``seconds`` with Hypothesis, in batches until time is up."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    fuzzer = Fuzzer(differential, server)
    deadline = time.monotonic() + seconds
    op = st.tuples(st.integers(0, 4), st.integers(0, 1 << 16), st.integers(0, 1 << 16))
    inputs = st.one_of(
        st.builds(mutate, st.sampled_from(SEEDS), st.lists(op, min_size=1, max_size=6)),
        st.builds(lambda parts: b"".join(parts), st.lists(st.sampled_from(TOKENS), max_size=12)),
        st.binary(max_size=512),
    )

    class TimeUp(Exception):
        pass

    @settings(max_examples=500, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False)
    @given(inputs)
    def batch(data: bytes) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        fuzzer.check(data)

    if seed is not None:
        from hypothesis import seed as hseed

        batch = hseed(seed)(batch)
    try:
        while time.monotonic() < deadline:
            try:
                batch()
            except TimeUp:
                break
    finally:
        fuzzer.stop()
    return fuzzer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--differential", action="store_true", help="also compare every input with Node 20")
    ap.add_argument("--report", default=None, help="write differential mismatches here")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--write", metavar="PATH", default=os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                                                    "docs", "reliability.md"),
                    help="record the run's figures in this file's fuzz section ('' to skip)")
    ap.add_argument("--server", default="nodehttp", choices=["nodehttp", "node20", "node10"],
                    help="the server to fuzz (a Node server checks the fuzzer itself)")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    fuzzer = run(args.seconds, args.differential, args.seed, args.server)
    took = time.monotonic() - t0
    print(f"fuzz: {fuzzer.inputs} inputs in {took:.0f}s, {len(fuzzer.crashes)} crashes"
          + (f", {len(fuzzer.mismatches)} differ from Node 20" if args.differential else ""))
    for data, problem in fuzzer.crashes:
        print(f"CRASH {show_bytes(data, 200)}\n  {problem[:2000]}")
    if args.differential:
        lines = [f"{show_bytes(d, 200)}\n  node20: {a}\n  nodehttp: {b}" for d, a, b in fuzzer.mismatches]
        if args.report:
            with open(args.report, "w") as f:
                f.write("\n".join(lines) + "\n")
        else:
            print("\n".join(lines[:50]))
    if args.write and args.server == "nodehttp":
        update_section(args.write, "fuzz", fuzz_report(fuzzer, took, args))
    return 1 if fuzzer.crashes else 0


def fuzz_report(fuzzer: Fuzzer, took: float, args: argparse.Namespace) -> str:
    """The markdown section ``make fuzz`` keeps in docs/reliability.md."""
    import platform

    verdict = "PASS" if not fuzzer.crashes else "FAIL"
    lines = [
        f"## Latest fuzz: {verdict}",
        "",
        "Hypothesis-generated raw requests (corpus cases mutated with HTTP tokens, token",
        "soups, random bytes), each on a fresh connection to a nodehttp server subprocess",
        "then half-closed; a crash is a server exit, anything on its stderr, a connection",
        "neither answered nor closed 5 s after EOF, or `GET /` no longer answered 200.",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; Python {platform.python_version()}",
        f"- inputs: {fuzzer.inputs} in {took:.0f} s (`--seconds {args.seconds:g}`)",
        f"- crashes: {len(fuzzer.crashes)} (saved to `tests/security/regressions/`,"
        " replayed by `test_regressions.py`)",
    ]
    if args.differential:
        lines.append(f"- inputs answered differently from Node 20: {len(fuzzer.mismatches)}")
    for data, problem in fuzzer.crashes[:10]:
        lines.append(f"  - `{show_bytes(data, 120)}`: {problem.splitlines()[0]}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
