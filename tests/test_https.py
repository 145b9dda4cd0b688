"""https: Server (http.Server's handling over TLS), request/get, Agent — and interop with
curl, Python's requests, Node 20's https client and server, and nginx terminating TLS in
front of our client and originating TLS to our server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import textwrap
import threading
from pathlib import Path
from typing import Any, Callable

import pytest

import nodehttp
from conformance import tls_fixtures
from nodehttp import http, https, net, timers, tls


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def read(fx: Path, name: str) -> bytes:
    return (fx / name).read_bytes()


def run(main: Callable[[], Any], guard_ms: int = 10000) -> None:
    def hung() -> None:
        raise AssertionError(f"test hung: the loop still had work after {guard_ms} ms")

    def wrapped() -> None:
        timers.setTimeout(hung, guard_ms).unref()
        main()

    nodehttp.run(wrapped)


def make_server(fx: Path, handler: Callable | None = None, **opts: Any) -> https.Server:
    return https.createServer({"key": read(fx, "localhost.key"),
                               "cert": read(fx, "localhost.pem"), **opts}, handler)


def body_of(res: Any, cb: Callable[[bytes], Any]) -> None:
    chunks: list = []
    res.on("data", chunks.append)
    res.on("end", lambda: cb(b"".join(chunks)))


# -- the module's shape ----------------------------------------------------------------------


def test_require_and_import():
    assert nodehttp.require("https") is https and nodehttp.require("tls") is tls
    from nodehttp import https as h2, tls as t2
    assert h2 is https and t2 is tls
    assert isinstance(https.globalAgent, https.Agent)
    assert (https.globalAgent.protocol, https.globalAgent.defaultPort) == ("https:", 443)


def test_protocol_errors_both_ways():
    with pytest.raises(TypeError) as e:
        http.request("https://localhost/")
    assert (e.value.code, str(e.value)) == (
        "ERR_INVALID_PROTOCOL", 'Protocol "https:" not supported. Expected "http:"')
    with pytest.raises(TypeError) as e:
        https.request("http://localhost/")
    assert str(e.value) == 'Protocol "http:" not supported. Expected "https:"'
    with pytest.raises(TypeError) as e:
        https.request("not a url")
    assert e.value.code == "ERR_INVALID_URL"


def test_agent_getName_matches_node10():
    # Outputs of Node 10.24.1's https.Agent.prototype.getName for the same options.
    a = https.Agent()
    assert a.getName({"host": "a", "port": 1, "ca": b"CA", "rejectUnauthorized": False,
                      "servername": "b", "ciphers": "X", "minVersion": "TLSv1.2"}) \
        == "a:1::CA:::X:::false:b:TLSv1.2::::::::"
    assert a.getName({}) == "localhost:::::::::::::::::::"
    assert a.getName({"host": "a", "servername": "a", "honorCipherOrder": True,
                      "secureOptions": 0}) == "a:::::::::::::::true:::0:"


def test_agent_session_cache_is_bounded():
    a = https.Agent({"maxCachedSessions": 2})
    for k in "abc":
        a._cacheSession(k, k.upper())
    assert a._sessionCache["list"] == ["b", "c"] and a._getSession("a") is None
    a._evictSession("b")
    assert a._sessionCache["map"] == {"c": "C"}
    off = https.Agent({"maxCachedSessions": 0})
    off._cacheSession("k", "S")
    assert off._getSession("k") is None


# -- server and client ---------------------------------------------------------------------------


def test_keepalive_reuse_and_session_resumption(fx):
    seen: list = []

    def main() -> None:
        server = make_server(fx, lambda req, res: res.end(f"{req.url} {req.socket.encrypted}"))
        agent = https.Agent({"keepAlive": True, "ca": read(fx, "ca.pem")})

        def onlisten() -> None:
            port = server.address()["port"]
            sockets: list = []

            def get(path: str, then: Callable) -> None:
                def onres(res: Any) -> None:
                    sockets.append(res.socket)
                    body_of(res, lambda b: (seen.append((res.statusCode, b,
                                                         res.socket.isSessionReused())),
                                            timers.setImmediate(then)))
                https.get(f"https://localhost:{port}{path}", {"agent": agent}, onres)

            def third() -> None:
                seen.append(("same socket", sockets[0] is sockets[1]))
                agent.destroy()  # the next connection resumes the cached session
                sockets[0].on("close", lambda: get("/3", lambda: (agent.destroy(),
                                                                  server.close())))

            get("/1", lambda: get("/2", third))

        server.listen(0, "127.0.0.1", onlisten)

    run(main)
    assert seen == [(200, b"/1 True", False), (200, b"/2 True", False), ("same socket", True),
                    (200, b"/3 True", True)]


def test_server_timeouts_and_keepAliveTimeout_apply(fx):
    seen: list = []

    def main() -> None:
        server = make_server(fx, lambda req, res: res.end("ok"))
        server.keepAliveTimeout = 50
        agent = https.Agent({"keepAlive": True, "ca": read(fx, "ca.pem")})

        def onlisten() -> None:
            def onres(res: Any) -> None:
                res.resume()
                res.socket.on("close", lambda: (seen.append("closed by server"),
                                                agent.destroy(), server.close()))
            https.get({"host": "localhost", "port": server.address()["port"], "agent": agent},
                      onres)

        server.listen(0, "127.0.0.1", onlisten)

    run(main)
    assert seen == ["closed by server"]


def test_tlsClientError_becomes_clientError_or_destroys(fx):
    seen: list = []

    def main() -> None:
        server = make_server(fx, lambda req, res: res.end("ok"))

        def onclienterror(err: Any, socket: Any) -> None:
            seen.append((err.code, isinstance(socket, tls.TLSSocket)))
            socket.destroy()

        def onlisten() -> None:
            port = server.address()["port"]
            plain = net.connect(port, "127.0.0.1", lambda: plain.write(b"GET / HTTP/1.1\r\n\r\n"))
            plain.resume()

            def without_listener() -> None:
                server.removeListener("clientError", onclienterror)
                second = net.connect(port, "127.0.0.1", lambda: second.write(b"\x00" * 16))
                second.resume()
                second.on("close", lambda: (seen.append("destroyed"), server.close()))
            plain.on("close", without_listener)

        server.on("clientError", onclienterror)
        server.listen(0, "127.0.0.1", onlisten)

    run(main)
    assert seen == [("ERR_SSL_HTTP_REQUEST", True), "destroyed"]


def test_client_certificate_reaches_the_request(fx):
    seen: list = []

    def handler(req: Any, res: Any) -> None:
        cert = req.socket.getPeerCertificate()
        res.end(f"{req.socket.authorized} {cert['subject']['CN']}")

    def main() -> None:
        server = make_server(fx, handler, ca=read(fx, "ca.pem"), requestCert=True)

        def onlisten() -> None:
            https.get({"host": "localhost", "port": server.address()["port"],
                       "ca": read(fx, "ca.pem"), "key": read(fx, "client.key"),
                       "cert": read(fx, "client.pem"), "agent": False},
                      lambda res: body_of(res, lambda b: (seen.append(b), server.close())))

        server.listen(0, "127.0.0.1", onlisten)

    run(main)
    assert seen == [b"True client"]


# -- interop ---------------------------------------------------------------------------------------


def _serve_in_thread_and_run(fx: Path, client: Callable[[int], Any]) -> Any:
    """Run our https server; call ``client(port)`` in a thread; return its result."""
    out: dict = {}

    def main() -> None:
        def handler(req: Any, res: Any) -> None:
            # Answer once the body is in: body bytes that arrive after the
            # response re-arm server.timeout instead of keepAliveTimeout (http's rule).
            res.setHeader("x-path", req.url)
            req.resume()
            req.on("end", lambda: res.end(f"hello {req.method}"))

        server = make_server(fx, handler)
        # Idle keep-alive connections the client keeps open end soon: server.close() waits.
        server.keepAliveTimeout = 300

        def onlisten() -> None:
            port = server.address()["port"]

            def work() -> None:
                try:
                    out["result"] = client(port)
                except BaseException as exc:  # noqa: BLE001 - reported below
                    out["error"] = exc

            t = threading.Thread(target=work)
            t.start()

            def poll() -> None:
                if t.is_alive():
                    timers.setTimeout(poll, 20)
                else:
                    server.close()
            poll()

        server.listen(0, "127.0.0.1", onlisten)

    run(main, guard_ms=30000)
    if "error" in out:
        raise out["error"]
    return out["result"]


def test_curl_with_cacert(fx):
    curl = shutil.which("curl")
    assert curl, "curl is needed for the interop test"
    result = _serve_in_thread_and_run(fx, lambda port: subprocess.run(
        [curl, "-sS", "--cacert", str(fx / "ca.pem"), "-D", "-",
         f"https://localhost:{port}/c?x=1", f"https://localhost:{port}/d"],
        capture_output=True, text=True, timeout=20))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("HTTP/1.1 200 OK") == 2 and "x-path: /c?x=1" in result.stdout
    assert result.stdout.endswith("hello GET")


def test_python_requests_with_verify(fx):
    import requests

    def client(port: int) -> Any:
        with requests.Session() as s:
            r1 = s.get(f"https://localhost:{port}/r", verify=str(fx / "ca.pem"), timeout=10)
            r2 = s.post(f"https://127.0.0.1:{port}/p", data=b"x" * 100000,
                        verify=str(fx / "ca.pem"), timeout=10)
            try:
                s.get(f"https://localhost:{port}/bad", timeout=10)  # system CAs only
                r3 = "no error"
            except requests.exceptions.SSLError:
                r3 = "SSLError"
        return r1.status_code, r1.text, r2.text, r3

    assert _serve_in_thread_and_run(fx, client) == (200, "hello GET", "hello POST", "SSLError")


def _node20() -> str:
    node = shutil.which("node")
    assert node, "Node (20) on PATH is needed for the interop test"
    return node


def test_node20_https_client_against_our_server(fx):
    script = textwrap.dedent("""
        const https = require('https'); const fs = require('fs');
        const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(process.argv[2]) });
        const get = (p) => new Promise((ok, ko) => https.get(
          { host: 'localhost', port: +process.argv[1], path: p, agent },
          (res) => { let b = ''; const a = res.socket.authorized; res.on('data', (d) => b += d);
            res.on('end', () => ok(`${res.statusCode} ${b} ${res.headers['x-path']} ${a}`)); }).on('error', ko));
        (async () => { console.log(await get('/one')); console.log(await get('/two')); agent.destroy(); })();
    """)
    result = _serve_in_thread_and_run(fx, lambda port: subprocess.run(
        [_node20(), "-e", script, str(port), str(fx / "ca.pem")],
        capture_output=True, text=True, timeout=20))
    assert result.stdout.splitlines() == ["200 hello GET /one true", "200 hello GET /two true"], \
        result.stderr


def test_our_client_against_node20_https_server(fx):
    script = textwrap.dedent("""
        const https = require('https'); const fs = require('fs'); const d = process.argv[1];
        const s = https.createServer({ key: fs.readFileSync(d + '/localhost.key'),
          cert: fs.readFileSync(d + '/localhost.pem'), ALPNProtocols: ['http/1.1'] },
          (req, res) => res.end(`node ${req.url} ${req.socket.alpnProtocol}`));
        s.listen(0, '127.0.0.1', () => console.log(s.address().port));
        process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
    """)
    proc = subprocess.Popen([_node20(), "-e", script, str(fx)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())
        seen: list = []

        def main() -> None:
            https.get({"host": "localhost", "port": port, "path": "/x", "ca": read(fx, "ca.pem"),
                       "ALPNProtocols": ["http/1.1"], "agent": False},
                      lambda res: body_of(res, lambda b: seen.append(
                          (res.statusCode, b, res.socket.authorized))))

        run(main)
        assert seen == [(200, b"node /x http/1.1", True)]
    finally:
        proc.stdin.close()
        proc.wait(10)


# -- nginx in front of and behind nodehttp -------------------------------------------------

NGINX = "/usr/sbin/nginx"

CONF = """
daemon off;
worker_processes 1;
{user}
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  server {{
    listen 127.0.0.1:{port} {ssl};
    {server_tls}
    location = /ret {{ return 200 "hello from nginx over $scheme\\n"; }}
    location / {{
      proxy_pass https://127.0.0.1:{upstream};
      proxy_ssl_verify on;
      proxy_ssl_trusted_certificate {fx}/ca.pem;
      proxy_ssl_name localhost;
      proxy_ssl_server_name on;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}
}}
"""


class Nginx:
    """nginx on an inherited, already listening socket (no polling for readiness)."""

    def __init__(self, d: Path, fx: Path, upstream: int, ssl: bool) -> None:
        assert os.path.exists(NGINX), "nginx is installed by the project's setup"
        for sub in ("body", "proxy"):
            (d / sub).mkdir(exist_ok=True)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(128)
        self.port = s.getsockname()[1]
        server_tls = (f"ssl_certificate {fx}/localhost.pem; ssl_certificate_key {fx}/localhost.key;"
                      if ssl else "")
        conf = d / "nginx.conf"
        conf.write_text(CONF.format(d=d, port=self.port, ssl="ssl" if ssl else "", fx=fx,
                                    server_tls=server_tls, upstream=upstream,
                                    user="user root;" if os.geteuid() == 0 else ""))
        fd = s.fileno()
        self.proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(d)], pass_fds=[fd],
                                     env={**os.environ, "NGINX": f"{fd};"},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        s.close()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def test_our_client_through_nginx_terminating_tls(fx, tmp_path):
    proxy = Nginx(tmp_path, fx, upstream=9, ssl=True)
    seen: list = []
    try:
        def main() -> None:
            agent = https.Agent({"keepAlive": True, "ca": read(fx, "ca.pem")})

            def get(then: Any) -> None:
                https.get({"host": "localhost", "port": proxy.port, "path": "/ret", "agent": agent},
                          lambda res: body_of(res, lambda b: (
                              seen.append((res.statusCode, b, res.socket.authorized)), then())))

            get(lambda: get(agent.destroy))

        run(main)
    finally:
        proxy.stop()
    assert seen == [(200, b"hello from nginx over https\n", True)] * 2


def test_nginx_originating_tls_to_our_server(fx, tmp_path):
    seen: list = []
    state: dict = {}

    def main() -> None:
        def handler(req: Any, res: Any) -> None:
            res.end(f"backend {req.url} {req.socket.encrypted} {req.socket.servername}")

        server = make_server(fx, handler)

        def onlisten() -> None:
            proxy = state["proxy"] = Nginx(tmp_path, fx, upstream=server.address()["port"],
                                           ssl=False)

            def get(path: str, then: Any) -> None:
                http.get({"host": "127.0.0.1", "port": proxy.port, "path": path},
                         lambda res: body_of(res, lambda b: (seen.append((res.statusCode, b)),
                                                             then())))

            def done() -> None:
                proxy.stop()
                server.close()
                for s in state.get("sockets", []):
                    s.destroy()

            get("/a", lambda: get("/b?c=1", done))

        server.on("secureConnection", lambda s: state.setdefault("sockets", []).append(s))
        server.listen(0, "127.0.0.1", onlisten)

    try:
        run(main)
    finally:
        if "proxy" in state and state["proxy"].proc.poll() is None:
            state["proxy"].stop()
    assert seen == [(200, b"backend /a True localhost"), (200, b"backend /b?c=1 True localhost")]

