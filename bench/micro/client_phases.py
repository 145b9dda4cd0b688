"""Where one client request's instructions go, split at the client's own seams.

    .venv/bin/python bench/micro/client_phases.py [--n 40] [--gc]

Runs http_path.py's ``cli_seq`` op (http.request through a keepAlive Agent over a connected
socket, the response fed back in one chunk, the body read with 'data'/'end') under callgrind,
with a marker (``os.getppid``, callgrind's dump point) before and after the client functions
named in SEAMS, and prints the instructions per request between consecutive markers.  The
markers' wrappers add a few hundred instructions per segment; the garbage collector is off
unless --gc (its ~14k per request land wherever a collection happens to start).
NODEHTTP_ROOT=dir measures the nodehttp package in dir.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEAMS = [  # (module, owner of the attribute, attribute, label)
    ("nodehttp.http_client.socket", "_ClientParser", "onHeadersComplete",
     "parserOnHeadersComplete (parserOnIncomingClient inline)"),
    ("nodehttp.http_incoming", "IncomingMessage", "_pushBody", "res push(chunk)"),
    ("nodehttp.http_incoming", "IncomingMessage", "_complete", "res complete"),
    ("nodehttp.http_client.socket", None, "freeParser", "freeParser"),
    ("nodehttp.http_client.request", "ClientRequest", "_responseOnEnd", "responseOnEnd"),
    ("nodehttp.http_agent", "Agent", "_onFree", "agent 'free' handler"),
    ("nodehttp.http_agent", "Agent", "addRequest", "agent.addRequest"),
]


def run(n: int, use_gc: bool, out: str) -> None:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, os.environ.get("NODEHTTP_ROOT") or str(HERE.parents[1]))
    import importlib

    import http_path as hp
    from nodehttp import http, net

    marks: list[str] | None = None

    def mark(label: str) -> None:
        if marks is not None:
            marks.append(label)
            os.getppid()

    for modname, clsname, attr, label in SEAMS:
        owner = importlib.import_module(modname)
        if clsname is not None:
            owner = getattr(owner, clsname)
        f = getattr(owner, attr)

        def wrapper(*a, _f=f, _label=label, **kw):
            mark(_label + " >")
            r = _f(*a, **kw)
            mark(_label + " <")
            return r
        setattr(owner, attr, wrapper)

    srv = net.Server()
    sockets: list = []
    srv.on("connection", sockets.append)
    h = net._SocketProtocol(None, srv)
    h.connection_made(hp._Transport())
    sock = sockets[0]

    class FakeAgent(http.Agent):
        def createConnection(self, options, cb=None):
            return sock

    opts = {"host": "127.0.0.1", "port": 8080, "path": "/", "agent": FakeAgent({"keepAlive": True})}
    sink: list = []

    def onresponse(res):
        mark("user 'response' listener >")
        res.on("data", sink.append)
        res.on("end", sink.clear)
        mark("user 'response' listener <")

    def op():
        mark("http.request()")
        req = http.request(opts, onresponse)
        mark("req.end()")
        req.end()
        mark("ticks (onSocket: tickOnSocket, flush)")
        hp._drain()
        mark("data_received(response)")
        h.data_received(hp.RESP)
        hp._drain()

    for _ in range(300):
        op()
    if not use_gc:
        import gc
        gc.disable()
    marks = []
    for _ in range(n):
        op()
    mark("end")
    Path(out).write_text(json.dumps(marks))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--gc", action="store_true")
    ap.add_argument("--run", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.run:
        run(a.n, a.gc, a.run)
        return
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        marks_file = os.path.join(d, "marks.json")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             "--dump-before=os_getppid", sys.executable, __file__, "--n", str(a.n),
             "--run", marks_file] + (["--gc"] if a.gc else []),
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        parts = []
        for f in glob.glob(out + ".*"):
            text = Path(f).read_text()
            parts.append((int(re.search(r"^part: (\d+)", text, re.M).group(1)),
                          int(re.search(r"^totals: (\d+)", text, re.M).group(1))))
        parts.sort()
        marks = json.loads(Path(marks_file).read_text())
    # Part k+1 ends at marker k: the segment from marker k-1 to marker k is part k+1.
    totals = [p[1] for p in parts]
    seg: dict[str, int] = collections.OrderedDict()
    for k in range(1, len(marks)):
        key = f"{marks[k - 1]}  ->  {marks[k]}"
        seg[key] = seg.get(key, 0) + totals[k]
    whole = 0
    for key, v in seg.items():
        whole += v
        print(f"{v / a.n:9.0f}  {key}")
    print(f"{whole / a.n:9.0f}  per request (markers included)")


if __name__ == "__main__":
    main()
