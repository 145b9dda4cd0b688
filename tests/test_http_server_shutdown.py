"""The graceful shutdown recipe of docs/deployment.md, end to end under load:
the server runs as ``python -m nodehttp app.py``; SIGTERM → stop accepting,
finish in-flight requests (answered ``Connection: close``), close idle
keep-alive sockets, exit 0 within a bound.  The client retries an idempotent
request whose *reused* keep-alive socket was closed under it (``reusedSocket``)
on a fresh connection, as Node's docs advise; a refused fresh connection
means the server is gone (the listener closed first), which ends that worker.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import nodehttp
from nodehttp import http, timers

APP = textwrap.dedent("""
    from nodehttp import http, process, timers

    shutting_down = False

    def handler(req, res):
        if shutting_down:
            res.setHeader('Connection', 'close')  # busy sockets end after this
        timers.setTimeout(lambda: res.end('ok'), 30)  # requests spend time in flight

    server = http.createServer(handler)

    def shutdown(signal, number):
        global shutting_down
        shutting_down = True
        server.close()                  # stop accepting; 'close' when all ended
        server.closeIdleConnections()   # idle keep-alive sockets go now
        # The bound: whatever is still open after 10 s is cut.
        timers.setTimeout(server.closeAllConnections, 10000).unref()

    process.on('SIGTERM', shutdown)
    server.listen(0, '127.0.0.1', lambda: print(server.address()['port'], flush=True))
""")

WORKERS = 8


def test_sigterm_under_load_drains_and_exits_0(tmp_path):
    app = tmp_path / "app.py"
    app.write_text(APP)
    p = subprocess.Popen([sys.executable, "-m", "nodehttp", str(app)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(p.stdout.readline())
        stats = {"ok": 0, "after_term": 0, "retried": 0, "refused": 0, "failed": []}
        term = {}

        def main():
            agent = http.Agent({"keepAlive": True, "maxSockets": WORKERS})

            def worker(fresh=False):
                def on_response(res):
                    res.resume()

                    def end():
                        if res.statusCode == 200:
                            stats["ok"] += 1
                            if term:
                                stats["after_term"] += 1
                        else:
                            stats["failed"].append(res.statusCode)
                        worker()
                    res.on("end", end)

                def on_error(err):
                    if req.reusedSocket and not fresh:
                        stats["retried"] += 1   # the idempotent GET goes again
                        worker(fresh=True)
                    elif getattr(err, "code", None) in ("ECONNREFUSED", "ECONNRESET") and term:
                        # The server is gone: this worker ends.  (A new connection
                        # still in the listen backlog when the listener closes is
                        # reset, "socket hang up", in Node as here: the kernel's
                        # race on a loaded machine, not the drain's.)
                        stats["refused"] += 1
                        if stats["refused"] == WORKERS:
                            agent.destroy()
                    else:
                        stats["failed"].append(repr(err))

                req = http.get({"port": port, "host": "127.0.0.1",
                                "agent": False if fresh else agent}, on_response)
                req.on("error", on_error)

            for _ in range(WORKERS):
                worker()

            def sigterm():
                term["at"] = time.monotonic()
                term["ok_before"] = stats["ok"]
                p.send_signal(15)
            # Under load for a while first (by responses, not by time).
            def wait_load():
                if stats["ok"] >= 200:
                    sigterm()
                else:
                    timers.setTimeout(wait_load, 10)
            wait_load()

        nodehttp.run(main)
        code = p.wait(timeout=30)
        elapsed = time.monotonic() - term["at"]
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    err = p.stderr.read()
    assert stats["failed"] == [], (stats, err)
    assert code == 0, err
    # Under the recipe's 10 s bound: the drain ended it, not closeAllConnections
    # (margin for a loaded machine).
    assert elapsed < 9, elapsed
    # In-flight requests at SIGTERM were answered, not cut.
    assert stats["after_term"] >= 1, stats
    assert stats["refused"] == WORKERS
