"""Deterministic micro-benchmarks of the HTTP layer's per-request path (no sockets).

    .venv/bin/python bench/micro/http_path.py --count [CASE ...] [--n 400]   # callgrind Ir/op
    .venv/bin/python bench/micro/http_path.py --timeit [CASE ...]            # min-of-N µs/op
    .venv/bin/python bench/micro/http_path.py CASE N                        # run (for profilers)

Cases (per op = per request/response):
  parse_req   HTTPParser(REQUEST).execute of 16 pipelined wrk-style GETs, no-op callbacks
  parse_res   HTTPParser(RESPONSE).execute of one keep-alive hello response, no-op callbacks
  parse_res1  the same with maySkipBody False (how the client parses a GET's response)
  srv_one     one keep-alive GET per data_received through http.Server (hello handler with
              the cached headers: one module-level dict with Content-Length, bytes body)
  srv_doc     the same with the handler as the Node docs write it (the headline of make bench):
              res.writeHead(200, {'Content-Type': 'text/plain'}) -- a fresh dict, no
              Content-Length, so the body goes chunked -- then res.end('Hello, World!')
  srv_fresh   between the two: a fresh dict per request with Content-Type and Content-Length,
              bytes body (what a fresh dict costs, without chunking)
  srv_chunked a fresh Content-Type-only dict, bytes body (srv_doc less the str body)
  hdr_cached  res.writeHead(200, HELLO_HEADERS) alone (the module-level dict with Content-Length),
              on one captured response reset between ops (_header = None)
  hdr_fresh   writeHead with a fresh {'Content-Type', 'Content-Length'} dict
  hdr_doc     writeHead with a fresh {'Content-Type': 'text/plain'} dict (the docs' handler)
  hdr_miss    hdr_doc with the last 8 dicts kept alive, so a dict's id() is never the previous
              one's and the identity cache misses (the content-keyed cache answers)
  srv_pipe    16 pipelined GETs in one data_received
  srv_conn    a connection: accepted, one 'Connection: close' GET answered, closed
  cli_seq     http.request through a keepAlive Agent over an already-connected socket,
              the response fed back in one chunk, body read with 'data'/'end'
  cli_conc    bench/clients/nodehttp_client.py's 50-in-flight loop: http.get through a
              keepAlive Agent with maxSockets 50 over 50 connected sockets; each op feeds
              one socket (round robin) its response, whose 'end' starts the next request,
              which waits in agent.requests until the socket's 'free' hands it over
  parser_new  a fresh client parser (HTTPParser RESPONSE instance)
  proxy       bench/servers/nodehttp_proxy.py's handler: a keep-alive GET arrives, is forwarded
              with http.request through a keepAlive Agent (one connected upstream socket),
              req.pipe(proxyReq); the upstream's response is fed back and proxyRes.pipe(res)
              sends it on -- one op is a whole proxied request
  proxy_nopipe  the same proxy without pipe(): proxyReq.end() on the request's 'end', the
              response forwarded with 'data' -> res.write and 'end' -> res.end()
NODEHTTP_ROOT=dir measures the nodehttp package in dir instead of this checkout.
"""
from __future__ import annotations

import argparse
import collections
import glob
import os
import re
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, os.environ.get("NODEHTTP_ROOT") or str(Path(__file__).resolve().parents[2]))

from nodehttp import http, loop, net  # noqa: E402
from nodehttp.http_parser import HTTPParser  # noqa: E402


class _Transport:
    """The least of an asyncio transport that net.Socket needs."""

    def __init__(self) -> None:
        self.last = b""
        self.closed = False

    def write(self, data: bytes) -> None:
        self.last = data

    def writelines(self, chunks: list) -> None:
        self.last = b"".join(chunks)

    def get_extra_info(self, name: str, default=None):
        return default

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    def get_write_buffer_size(self) -> int:
        return 0

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.closed = True


GET = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: wrk\r\n"
       b"Accept: */*\r\n\r\n")
HELLO = b"Hello, World!"
HELLO_HEADERS = {"Content-Type": "text/plain", "Content-Length": len(HELLO)}
RESP = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Fri, 27 Nov 2026 17:00:00 GMT\r\n"
        b"Connection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 13\r\n\r\n"
        b"Hello, World!")


def _hello(req, res):
    res.writeHead(200, HELLO_HEADERS)
    res.end(HELLO)


def _hello_doc(req, res):
    res.writeHead(200, {"Content-Type": "text/plain"})
    res.end("Hello, World!")


def _hello_fresh(req, res):
    res.writeHead(200, {"Content-Type": "text/plain", "Content-Length": len(HELLO)})
    res.end(HELLO)


def _hello_chunked(req, res):
    res.writeHead(200, {"Content-Type": "text/plain"})
    res.end(HELLO)


def _nop(*a):
    return None


def _drain() -> None:
    if loop.ticks:
        loop.drain_ticks()


def _protocol(server):
    h = net._SocketProtocol(None, server)
    h.connection_made(_Transport())
    return h


def case_parse_req():
    p = HTTPParser(HTTPParser.REQUEST)
    p.onHeadersComplete = p.onBody = p.onMessageComplete = _nop
    batch = GET * 16
    execute = p.execute

    def op():
        execute(batch)
    return op


def case_parse_res():
    p = HTTPParser(HTTPParser.RESPONSE)
    p.onHeadersComplete = p.onBody = p.onMessageComplete = _nop
    execute = p.execute

    def op():
        execute(RESP)
    return op


def case_parse_res1():
    p = HTTPParser(HTTPParser.RESPONSE)
    p.onHeadersComplete = p.onBody = p.onMessageComplete = _nop
    p.maySkipBody = False  # a GET's response, as the client parses it (no steps)
    execute = p.execute

    def op():
        execute(RESP)
    return op


def case_parser_new():
    def op():
        HTTPParser(HTTPParser.RESPONSE)
    return op


def _server(handler=_hello):
    server = http.createServer(handler)
    server.keepAliveTimeout = 60000
    return server


def case_srv_one():
    data_received = _protocol(_server()).data_received

    def op():
        data_received(GET)
    return op


def case_srv_doc():
    data_received = _protocol(_server(_hello_doc)).data_received

    def op():
        data_received(GET)
    return op


def case_srv_fresh():
    data_received = _protocol(_server(_hello_fresh)).data_received

    def op():
        data_received(GET)
    return op


def case_srv_chunked():
    data_received = _protocol(_server(_hello_chunked)).data_received

    def op():
        data_received(GET)
    return op


def _captured_response():
    box = []
    _protocol(_server(lambda req, res: box.append(res))).data_received(GET)
    return box[0]


def _header_case(make):
    res = _captured_response()
    writeHead = res.writeHead

    def op():
        res._header = None
        res.chunkedEncoding = False
        writeHead(200, make())
    return op


def case_hdr_cached():
    return _header_case(lambda: HELLO_HEADERS)


def case_hdr_fresh():
    return _header_case(lambda: {"Content-Type": "text/plain", "Content-Length": len(HELLO)})


def case_hdr_doc():
    return _header_case(lambda: {"Content-Type": "text/plain"})


def case_hdr_miss():
    ring = collections.deque(maxlen=8)

    def make():
        headers = {"Content-Type": "text/plain"}
        ring.append(headers)
        return headers
    return _header_case(make)


def case_srv_pipe():
    data_received = _protocol(_server()).data_received
    batch = GET * 16

    def op():
        data_received(batch)
    return op


def case_srv_conn():
    server = _server()
    close_req = GET[:-2] + b"Connection: close\r\n\r\n"

    def op():
        h = net._SocketProtocol(None, server)
        h.connection_made(_Transport())
        h.data_received(close_req)
        _drain()
        h.connection_lost(None)
        _drain()
    return op


def case_cli_seq():
    srv = net.Server()
    sockets = []
    srv.on("connection", sockets.append)
    h = net._SocketProtocol(None, srv)
    h.connection_made(_Transport())
    sock = sockets[0]

    class FakeAgent(http.Agent):
        def createConnection(self, options, cb=None):
            return sock

    agent = FakeAgent({"keepAlive": True})
    opts = {"host": "127.0.0.1", "port": 8080, "path": "/", "agent": agent}
    data_received = h.data_received
    sink = []

    def ondata(chunk):
        sink.append(chunk)

    def onend():
        sink.clear()

    def onresponse(res):
        res.on("data", ondata)
        res.on("end", onend)

    request = http.request

    def op():
        req = request(opts, onresponse)
        req.end()
        _drain()
        data_received(RESP)
        _drain()
    return op


def case_cli_conc():
    width = 50
    srv = net.Server()
    sockets = []
    srv.on("connection", sockets.append)
    protocols = []
    for _ in range(width):
        h = net._SocketProtocol(None, srv)
        h.connection_made(_Transport())
        protocols.append(h.data_received)
    pool = list(sockets)

    class FakeAgent(http.Agent):
        def createConnection(self, options, cb=None):
            return pool.pop(0)

    agent = FakeAgent({"keepAlive": True, "maxSockets": width})
    options = {"host": "127.0.0.1", "port": 8080, "path": "/", "agent": agent}
    get = http.get

    def onerror(err):
        raise err

    def one():
        # As bench/clients/nodehttp_client.py: resume() the body, next request on 'end'.
        def onresponse(res):
            res.on("end", one)
            res.resume()

        get(options, onresponse).on("error", onerror)

    for _ in range(width):
        one()
    _drain()
    turn = [0]

    def op():
        i = turn[0]
        turn[0] = (i + 1) % width
        protocols[i](RESP)
        _drain()
    return op


def case_proxy(piped=True):
    srv = net.Server()
    sockets = []
    srv.on("connection", sockets.append)
    up = net._SocketProtocol(None, srv)
    up.connection_made(_Transport())
    sock = sockets[0]

    class FakeAgent(http.Agent):
        def createConnection(self, options, cb=None):
            return sock

    agent = FakeAgent({"keepAlive": True, "maxSockets": 256})

    def handler(req, res):
        def onresponse(proxyRes):
            res.writeHead(proxyRes.statusCode, proxyRes.headers)
            if piped:
                proxyRes.pipe(res)
                return
            proxyRes.on("data", res.write)
            proxyRes.on("end", lambda: res.end())

        proxyReq = http.request({
            "host": "127.0.0.1", "port": 8080, "path": req.url, "method": req.method,
            "headers": req.headers, "agent": agent,
        }, onresponse)

        def onerror(err):
            raise err

        proxyReq.on("error", onerror)
        if piped:
            req.pipe(proxyReq)
        else:
            req.on("data", proxyReq.write)
            req.on("end", lambda: proxyReq.end())

    front = _protocol(_server(handler))
    front_received, upstream_received = front.data_received, up.data_received
    out = front.transport

    def op():
        front_received(GET)
        _drain()
        upstream_received(RESP)
        _drain()
        assert out.last.endswith(HELLO), out.last
    return op


def case_proxy_nopipe():
    return case_proxy(piped=False)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
PER_OP = {"parse_req": 16, "srv_pipe": 16}


def _count(cases: list[str], n: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             "--dump-before=os_getppid", sys.executable, __file__, "--marked", str(n), *cases],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})  # same dict layouts every run
        parts = []
        for f in glob.glob(out + ".*"):
            text = Path(f).read_text()
            part = int(re.search(r"^part: (\d+)", text, re.M).group(1))
            parts.append((part, int(re.search(r"^totals: (\d+)", text, re.M).group(1))))
        parts.sort()
    for i, case in enumerate(cases):
        total = parts[2 * i + 1][1]
        print(f"{case:10s} {total / n / PER_OP.get(case, 1):10.0f} Ir/op")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", action="store_true")
    ap.add_argument("--timeit", action="store_true")
    ap.add_argument("--marked", action="store_true")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    if a.count:
        _count(a.args or list(CASES), a.n)
        return
    if a.marked:
        # For --count: os.getppid() is callgrind's dump point around each loop.
        n = int(a.args[0])
        for name in a.args[1:]:
            op = CASES[name]()
            for _ in range(200):
                op()
            os.getppid()
            for _ in range(n):
                op()
            os.getppid()
        return
    if a.timeit:
        for name in a.args or list(CASES):
            op = CASES[name]()
            for _ in range(1000):
                op()
            best = min(timeit.repeat(op, number=1000, repeat=15)) / 1000
            print(f"{name:10s} {best * 1e6 / PER_OP.get(name, 1):8.2f} µs/op")
        return
    name, n = a.args[0], int(a.args[1])
    op = CASES[name]()
    for _ in range(n):
        op()


if __name__ == "__main__":
    main()
