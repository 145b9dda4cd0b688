"""nginx (Debian's package, started here on loopback) load-balancing two
nodehttp instances with upstream keep-alive, and a rolling restart of each
instance under load with zero failed requests: the instance stopping runs the
graceful shutdown recipe of docs/deployment.md; nginx retries idempotent
requests that meet a closed keep-alive connection or a refused connect on the
other instance (``proxy_next_upstream error``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from typing import Any

import nodehttp
from nodehttp import http

TOTAL = 3000
WORKERS = 8
NGINX = "/usr/sbin/nginx"

APP = textwrap.dedent("""
    import sys
    from nodehttp import http, process, timers

    name = sys.argv[2]
    shutting_down = False

    def handler(req, res):
        if shutting_down:
            res.setHeader('Connection', 'close')
        # A little time in flight, so a SIGTERM finds requests to finish.
        timers.setTimeout(lambda: res.end(name), 1)

    server = http.createServer(handler)

    def shutdown(signal, number):
        global shutting_down
        shutting_down = True
        server.close()
        server.closeIdleConnections()
        timers.setTimeout(server.closeAllConnections, 10000).unref()

    process.on('SIGTERM', shutdown)
    server.listen(int(sys.argv[1]), '127.0.0.1', lambda: print('ready', flush=True))
""")

CONF = """
daemon off;
worker_processes 1;
{user}
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  upstream app {{
    server 127.0.0.1:{a} max_fails=0;
    server 127.0.0.1:{b} max_fails=0;
    keepalive 16;
    keepalive_timeout 4s;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
    }}
  }}
}}
"""


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Instance:
    def __init__(self, app: str, port: int, name: str) -> None:
        self.app, self.port, self.name = app, port, name
        self.codes: list[int] = []
        self.start()

    def start(self) -> None:
        self.p = subprocess.Popen([sys.executable, "-m", "nodehttp", self.app, str(self.port),
                                   self.name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        line = self.p.stdout.readline()
        assert line == "ready\n", (line, self.p.stderr.read())

    def stop(self) -> None:
        self.p.send_signal(signal.SIGTERM)
        self.codes.append(self.p.wait(timeout=20))

    def kill(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def test_nginx_rolling_restart_under_load_loses_no_request(tmp_path):
    assert os.path.exists(NGINX), "nginx is installed by the project's setup (.ci/install-nginx)"
    app = tmp_path / "app.py"
    app.write_text(APP)
    a = Instance(str(app), _free_port(), "A")
    b = Instance(str(app), _free_port(), "B")
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(256)
    port = lst.getsockname()[1]
    d = tmp_path / "nginx"
    d.mkdir()
    conf = d / "nginx.conf"
    conf.write_text(CONF.format(d=d, port=port, a=a.port, b=b.port,
                                user="user root;" if os.geteuid() == 0 else ""))
    fd = lst.fileno()
    ng = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(d)], pass_fds=[fd],
                          env={**os.environ, "NGINX": f"{fd};"},
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lst.close()
    stats: dict[str, Any] = {"ok": 0, "by": {}, "failed": [], "during": 0}
    phase = {"n": 0}
    go = [threading.Event(), threading.Event()]
    restarting = threading.Event()

    def roll() -> None:
        # Restart A at a quarter of the load, B at a half; each restart is
        # stop (graceful) + start on the same port, load running throughout.
        try:
            for event, inst in zip(go, (a, b), strict=True):
                event.wait(60)
                restarting.set()
                inst.stop()
                inst.start()
                restarting.clear()
                phase["n"] += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            stats["roll_error"] = exc

    issued_total = [0]
    roller = threading.Thread(target=roll, daemon=True)
    roller.start()
    try:
        def main() -> None:
            agent = http.Agent({"keepAlive": True, "maxSockets": WORKERS})
            issued = issued_total

            def worker() -> None:
                # At least TOTAL requests, and on until both restarts are done
                # (a slow machine may restart slower than it serves).
                if issued[0] >= TOTAL and (phase["n"] == 2 or issued[0] >= 10 * TOTAL):
                    if stats["ok"] + len(stats["failed"]) >= issued[0]:
                        agent.destroy()
                    return
                issued[0] += 1

                def on_response(res: Any) -> None:
                    body = []
                    res.on("data", body.append)

                    def end() -> None:
                        if res.statusCode == 200:
                            stats["ok"] += 1
                            who = b"".join(body).decode()
                            stats["by"][who] = stats["by"].get(who, 0) + 1
                            if restarting.is_set():
                                stats["during"] += 1
                        else:
                            stats["failed"].append(res.statusCode)
                        ok = stats["ok"]
                        if ok >= TOTAL // 4:
                            go[0].set()
                        if ok >= TOTAL // 2 and phase["n"] >= 1:
                            go[1].set()
                        worker()
                    res.on("end", end)

                req = http.get({"port": port, "host": "127.0.0.1", "agent": agent}, on_response)
                req.on("error", lambda err: (stats["failed"].append(repr(err)), worker()))

            for _ in range(WORKERS):
                worker()

        nodehttp.run(main)
        stats["issued"] = issued_total[0]
        roller.join(60)
        a.stop()
        b.stop()
    finally:
        ng.terminate()
        ng.wait(10)
        a.kill()
        b.kill()
    assert "roll_error" not in stats, stats["roll_error"]
    assert phase["n"] == 2, "both instances were restarted while the load ran"
    assert stats["failed"] == [], stats
    assert stats["ok"] == stats["issued"] >= TOTAL
    assert set(stats["by"]) == {"A", "B"}
    assert stats["during"] > 0   # requests were served while an instance restarted
    assert a.codes == [0, 0] and b.codes == [0, 0]   # each graceful stop exited 0
