"""Real clients against the server: curl, Python's requests, Node's own http client."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import requests
from test_http_server import serve


def _echo_server(server):
    def handler(req, res):
        chunks = []
        req.on("data", chunks.append)

        def on_end():
            body = json.dumps({"method": req.method, "url": req.url,
                               "body": b"".join(chunks).decode(),
                               "ua": req.headers.get("user-agent", "")})
            if req.url == "/chunked":
                res.setHeader("Content-Type", "application/json")
                res.write(body[:5])
                res.end(body[5:])
            else:
                res.writeHead(200, {"Content-Type": "application/json", "X-Test": "yes"})
                res.end(body)
        req.on("end", on_end)
    server.on("request", handler)


def test_curl():
    curl = shutil.which("curl")
    assert curl, "curl is on the machine"

    def client(port):
        base = f"http://127.0.0.1:{port}"
        a = subprocess.run([curl, "-s", "-i", f"{base}/a", f"{base}/chunked"],
                           capture_output=True, timeout=20)
        b = subprocess.run([curl, "-s", "-d", "payload", f"{base}/post"],
                           capture_output=True, timeout=20)
        return a, b

    a, b = serve(_echo_server, client)
    assert a.returncode == 0 and b.returncode == 0
    assert a.stdout.count(b"HTTP/1.1 200 OK") == 2 and b"X-Test: yes" in a.stdout
    assert b"transfer-encoding: chunked" in a.stdout.lower()
    assert json.loads(b.stdout)["body"] == "payload"


def test_requests_session_keep_alive():
    def client(port):
        with requests.Session() as s:
            r1 = s.get(f"http://127.0.0.1:{port}/one")
            r2 = s.post(f"http://127.0.0.1:{port}/chunked", data=b"abc")
            r3 = s.put(f"http://127.0.0.1:{port}/gen", data=iter([b"x", b"yz"]))
            return [(r.status_code, r.headers.get("Connection"), r.json()) for r in (r1, r2, r3)]

    out = serve(_echo_server, client)
    assert out[0][0] == 200 and out[0][1] == "keep-alive" and out[0][2]["url"] == "/one"
    assert out[1][2]["body"] == "abc" and out[1][2]["method"] == "POST"
    assert out[2][2]["body"] == "xyz" and out[2][2]["method"] == "PUT"


def test_node_http_client():
    node = os.environ.get("NODE10") or shutil.which("node")
    assert node
    script = r"""
    const http = require('http');
    const port = +process.argv[1];
    const agent = new http.Agent({keepAlive: true});
    const out = [];
    function go(path, body, cb) {
      const req = http.request({port, path, method: body ? 'POST' : 'GET', agent}, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => data += c);
        res.on('end', () => { out.push([res.statusCode, res.headers['x-test'] || null,
                                        JSON.parse(data)]); cb(); });
      });
      if (body) req.write(body);
      req.end();
    }
    go('/a', null, () => go('/chunked', 'node-body', () => {
      console.log(JSON.stringify(out)); agent.destroy();
    }));
    """

    def client(port):
        return subprocess.run([node, "-e", script, str(port)], capture_output=True,
                              text=True, timeout=30)

    r = serve(_echo_server, client)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out[0][0] == 200 and out[0][1] == "yes" and out[0][2]["url"] == "/a"
    assert out[1][2] == {"method": "POST", "url": "/chunked", "body": "node-body", "ua": ""}
