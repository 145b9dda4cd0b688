"""Deterministic micro-benchmarks of nodehttp's lower layers (no sockets, no wall-clock load).

    .venv/bin/python bench/micro/lowlevel.py CASE N        # run CASE N times (for callgrind)
    .venv/bin/python bench/micro/lowlevel.py --timeit [CASE ...]   # min-of-N µs per op

Cases: write (socket.write of 100 bytes to a fake transport), emit1 (emit with one listener),
emit0 (emit with no listener), on_off / on_off_method (on() + removeListener() of a
function / a bound method), once_emit (once() then emit()), once_off (once() then
removeListener() unfired), readable_on_off (on() + removeListener() of a bound
method on a Readable's 'end'), prepend_off (prependListener() + removeListener()),
listeners6 (pipe()'s six adds and six removes, without the stream), count (two listenerCount() calls), push (Readable: push, 'data', push(None), 'end'),
push_flow (one more chunk pushed into a flowing Readable), timer (arm + unref + close a
120 s Timeout, as a socket's inactivity timer),
socket (a server-side net.Socket over a fake transport, then destroyed), e2e (one keep-alive
GET through http.Server: data_received -> parser -> 'request' -> writeHead/end -> transport.write,
with the cached-dict handler), e2e_doc (the same with the handler as the Node docs write it:
a fresh {'Content-Type': 'text/plain'} dict, no Content-Length, res.end('Hello, World!')),
e2e_pipe (16 pipelined GETs in one data_received, per request; the responses after
the first leave in one batched transport write), post64k (a 64 KiB POST, as
wrk's post64k.lua sends it, in two reads split at the loopback's segment size, echoed
back by bench/servers/nodehttp_hello.py's cached-headers handler), post64k_doc (the same
echoed by its doc-style handler: a fresh header dict, no Content-Length), e2e_conn (a connection:
accepted, one 'Connection: close' GET answered, closed; the loop's turns are not run, so
the shutdown and the socket's 'close' are not in it), conn_close (the same connection with
the loop's turns: the deferred shutdown, destroy, transport close, connection_lost and
'close' -- run on a private asyncio loop made the running loop for the op, whose ready
queue the op drains; asyncio's pure-Python call_soon/call_at are dearer than uvloop's; the
server counts as listening), ceiling (e2e through
bench/servers/ceiling_hello.py's bare httptools protocol: the floor), pipe (a fresh Readable
piped into a fresh Writable: set-up, one chunk, end, cleanup), pipe_nopipe (the same streams
joined by 'data'/'end' listeners), pipe_chunk (one 64 KiB chunk through an established pipe),
stream_pipe (one 64 KiB read of a 1 GiB `req.pipe(res)` body through the server).
NODEHTTP_ROOT=dir measures the nodehttp package found in dir instead of this checkout.
bench/micro/count.py runs a case under callgrind at two N and prints instructions per op.
"""
from __future__ import annotations

import gc
import os
import sys
import timeit
from pathlib import Path

# NODEHTTP_ROOT: measure another checkout (e.g. a copy with some modules frozen).
sys.path.insert(0, os.environ.get("NODEHTTP_ROOT") or str(Path(__file__).resolve().parents[2]))

from nodehttp import http, loop, net  # noqa: E402
from nodehttp.events import EventEmitter  # noqa: E402
from nodehttp.stream import Readable  # noqa: E402


class FakeTransport:
    """Enough of an asyncio transport for net.Socket: counts what is written."""

    def __init__(self) -> None:
        self.nbytes = 0
        self.writes = 0
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes += 1
        self.nbytes += len(data)

    def writelines(self, chunks: list) -> None:
        self.writes += 1
        self.nbytes += sum(map(len, chunks))

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

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return (16384, 65536)  # asyncio's and uvloop's defaults

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.closed = True


def _drain() -> None:
    if loop.ticks:
        loop.drain_ticks()


def make_socket() -> tuple[net.Socket, FakeTransport]:
    srv = net.Server()
    h = net._SocketProtocol(None, srv)
    sockets = []
    srv.on("connection", sockets.append)
    t = FakeTransport()
    h.connection_made(t)
    return sockets[0], t


# -- cases: each returns a zero-argument function doing one op -------------------------

def case_write():
    s, t = make_socket()
    data = b"x" * 100
    write = s.write

    def op():
        write(data)
        _drain()
    return op


def case_write_raw():
    s, t = make_socket()
    data = b"x" * 100
    _write = s._write

    def cb():
        pass

    def op():
        _write(data, "buffer", cb)
    return op


def case_nop():
    def op():
        pass
    return op


def case_emit1():
    e = EventEmitter()
    e.on("x", lambda a: None)

    def op():
        e.emit("x", 1)
    return op


def case_emit0():
    e = EventEmitter()
    e.on("y", lambda a: None)

    def op():
        e.emit("x", 1)
    return op


class _Holder:
    def onData(self, chunk):
        pass


def case_on_off():
    """on() then removeListener() of a plain function, on an emitter that has two
    other events and one other listener of the event (as a socket has)."""
    e = EventEmitter()
    e.on("end", lambda: None)
    e.on("error", lambda err: None)
    e.on("x", lambda a: None)

    def f(a):
        pass

    def op():
        e.on("x", f)
        e.removeListener("x", f)
    return op


def case_on_off_method():
    """on() then removeListener() of a bound method (a new object at each access,
    removed by ==), the listener alone on its event."""
    e = EventEmitter()
    h = _Holder()

    def op():
        e.on("data", h.onData)
        e.removeListener("data", h.onData)
    return op


def case_once_emit():
    """once() then emit(): the wrapper added, fired, removing itself."""
    e = EventEmitter()
    e.on("other", lambda: None)

    def f(a):
        pass

    def op():
        e.once("x", f)
        e.emit("x", 1)
    return op


def case_once_off():
    """once() then removeListener() of the unwrapped listener (never fired: a
    client's once('response') removed at cleanup)."""
    e = EventEmitter()

    def f(a):
        pass

    def op():
        e.once("x", f)
        e.removeListener("x", f)
    return op


def case_readable_on_off():
    """on() then removeListener() of a bound method on a Readable's 'end' (which
    has one listener already): Readable's on()/removeListener() extensions, as
    pipe() adds and removes on its source."""
    r = Readable({"read": lambda n: None})
    r.on("end", lambda: None)
    h = _Holder()

    def op():
        r.on("end", h.onData)
        r.removeListener("end", h.onData)
    return op


def case_prepend_off():
    """prependListener() then removeListener() of a bound method, on an event with
    one listener (pipe()'s 'error' on its destination)."""
    e = EventEmitter()
    e.on("error", lambda err: None)
    h = _Holder()

    def op():
        e.prependListener("error", h.onData)
        e.removeListener("error", h.onData)
    return op


def case_listeners6():
    """pipe()'s bookkeeping without the stream: three listeners added to each of two
    emitters that already have one on each event, then removed (unpipe/cleanup)."""
    src, dst = EventEmitter(), EventEmitter()
    for ev in ("data", "end", "close"):
        src.on(ev, lambda *a: None)
    for ev in ("drain", "error", "unpipe"):
        dst.on(ev, lambda *a: None)

    def ondata(c): pass
    def onend(): pass
    def onclose(): pass
    def ondrain(): pass
    def onerror(e): pass
    def onunpipe(s, i): pass

    def op():
        src.on("data", ondata)
        src.on("end", onend)
        src.once("close", onclose)
        dst.on("drain", ondrain)
        dst.prependListener("error", onerror)
        dst.on("unpipe", onunpipe)
        src.removeListener("data", ondata)
        src.removeListener("end", onend)
        src.removeListener("close", onclose)
        dst.removeListener("drain", ondrain)
        dst.removeListener("error", onerror)
        dst.removeListener("unpipe", onunpipe)
    return op


def case_count():
    """listenerCount() of an event with one listener and of one without."""
    e = EventEmitter()
    e.on("x", lambda a: None)

    def op():
        e.listenerCount("x")
        e.listenerCount("y")
    return op


def case_push():
    data = b"y" * 100
    sink = []

    def op():
        r = Readable({"read": lambda n: None})
        r.on("data", sink.append)
        r.on("end", sink.clear)
        _drain()
        r.push(data)
        r.push(None)
        _drain()
    return op


def case_push_flow():
    data = b"y" * 100
    sink = []
    r = Readable({"read": lambda n: None})
    r.on("data", sink.append)
    _drain()
    r.push(b"first")  # flowing, and past the first (synchronous) _read
    _drain()

    def op():
        r.push(data)
        _drain()
        sink.clear()
    return op


def case_timer():
    from nodehttp.timers import Timeout

    def cb():
        pass

    def op():
        t = Timeout(cb, 120000)
        t.unref()
        t.close()
    return op


def case_socket():
    srv = net.Server()
    h_cls = net._SocketProtocol
    sockets = []
    srv.on("connection", sockets.append)

    def op():
        h = h_cls(None, srv)
        h.connection_made(FakeTransport())
        s = sockets.pop()
        s.destroy()
        _drain()
        h.connection_lost(None)
    return op


HELLO = b"Hello, World!"
HELLO_HEADERS = {"Content-Type": "text/plain", "Content-Length": len(HELLO)}
GET = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: wrk\r\n"
       b"Accept: */*\r\n\r\n")


def _hello(req, res):
    res.writeHead(200, HELLO_HEADERS)
    res.end(HELLO)


def _hello_doc(req, res):
    """The handler as the Node docs write it: a fresh header dict, no Content-Length."""
    res.writeHead(200, {"Content-Type": "text/plain"})
    res.end("Hello, World!")


def _server_conn(handler=_hello):
    server = http.createServer(handler)
    server.keepAliveTimeout = 60000
    h = net._SocketProtocol(None, server)
    t = FakeTransport()
    h.connection_made(t)
    return h, t


def _new_turn() -> None:
    # Each data_received of a real server starts a loop turn in which no
    # nextTick safety net (loop.next_tick's call_soon) is queued yet.
    loop.state.tick_scheduled = False


def case_e2e():
    h, t = _server_conn()
    data_received = h.data_received

    def op():
        _new_turn()
        data_received(GET)
    return op


def case_e2e_doc():
    h, t = _server_conn(_hello_doc)
    data_received = h.data_received

    def op():
        _new_turn()
        data_received(GET)
    return op


def case_e2e_pipe():
    h, t = _server_conn()
    data_received = h.data_received
    batch = GET * 16

    def op():
        _new_turn()
        data_received(batch)
    return op


def _echo(req, res):
    """bench/servers/nodehttp_hello.py's cached-headers POST handler, line for line."""
    chunks = []
    req.on("data", chunks.append)

    def onend():
        body = b"".join(chunks)
        res.writeHead(200, {"Content-Type": "application/octet-stream",
                            "Content-Length": len(body)})
        res.end(body)

    req.on("end", onend)


def _echo_doc(req, res):
    """bench/servers/nodehttp_hello.py's doc-style POST handler (no Content-Length: chunked)."""
    chunks = []

    def ondata(chunk):
        chunks.append(chunk)

    def onend():
        body = b"".join(chunks)
        res.writeHead(200, {"Content-Type": "application/octet-stream"})
        res.end(body)

    req.on("data", ondata)
    req.on("end", onend)


POST64K = (b"POST /echo HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 65536\r\n"
           b"Content-Type: application/octet-stream\r\n\r\n" + b"x" * 65536)
LOOPBACK_MSS = 65483  # the loopback's TCP segment: wrk's request arrives as two reads


def case_post64k(handler=_echo):
    server = http.createServer(handler)
    server.keepAliveTimeout = 60000
    h = net._SocketProtocol(None, server)
    h.connection_made(FakeTransport())
    data_received = h.data_received
    reads = [POST64K[:LOOPBACK_MSS], POST64K[LOOPBACK_MSS:]]

    def op():
        for d in reads:
            data_received(d)
    return op


def case_post64k_doc():
    return case_post64k(_echo_doc)


def case_e2e_conn():
    server = http.createServer(_hello)
    server.keepAliveTimeout = 60000
    h_cls = net._SocketProtocol
    close_req = GET[:-2] + b"Connection: close\r\n\r\n"

    def op():
        h = h_cls(None, server)
        h.connection_made(FakeTransport())
        h.data_received(close_req)
        h.connection_lost(None)
    return op


class _LoopTransport(FakeTransport):
    """FakeTransport whose close() schedules connection_lost, as a real transport does."""

    def __init__(self, loop_, protocol) -> None:
        super().__init__()
        self.loop = loop_
        self.protocol = protocol

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.loop.call_soon(self._lost)

    def _lost(self) -> None:
        protocol, self.protocol = self.protocol, None  # as uvloop lets go of it
        protocol.connection_lost(None)

    abort = close


def case_conn_close():
    import asyncio

    server = http.createServer(_hello)
    server.keepAliveTimeout = 60000
    server._handle = net._ServerHandle(None, None)  # "listening": no server 'close' per op
    h_cls = net._SocketProtocol
    close_req = GET[:-2] + b"Connection: close\r\n\r\n"
    lp = asyncio.new_event_loop()  # never run: the op runs its ready queue itself
    ready = lp._ready
    scheduled = lp._scheduled
    set_running = asyncio.events._set_running_loop
    running = asyncio.get_running_loop()

    def turn() -> None:
        for _ in range(len(ready)):
            handle = ready.popleft()
            if not handle._cancelled:
                handle._run()

    def op():
        set_running(lp)
        h = h_cls(None, server)
        h.connection_made(_LoopTransport(lp, h))
        h.data_received(close_req)
        while ready:
            turn()
        scheduled.clear()  # timers armed and cancelled meanwhile
        set_running(running)
    return op


def case_ceiling():
    """The stack's floor for e2e: bench/servers/ceiling_hello.py's protocol, same request."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ceiling_hello", Path(__file__).resolve().parents[1] / "servers/ceiling_hello.py")
    mod = importlib.util.module_from_spec(spec)
    argv, sys.argv = sys.argv, ["ceiling_hello.py"]
    try:
        spec.loader.exec_module(mod)  # defines HelloProtocol; its server starts only as __main__
    finally:
        sys.argv = argv
    p = mod.HelloProtocol()
    p.connection_made(FakeTransport())
    data_received = p.data_received

    def op():
        data_received(GET)
    return op


def case_pipe():
    """A fresh Readable piped into a fresh Writable: pipe()'s set-up, one chunk, 'end',
    dest.end() and the pipe's cleanup (the constant cost of every pipe())."""
    from nodehttp.stream import Writable
    data = b"y" * 100

    def write(chunk, enc, cb):
        cb()

    def op():
        r = Readable({"read": lambda n: None})
        w = Writable({"write": write})
        r.pipe(w)
        _drain()
        r.push(data)
        r.push(None)
        _drain()
    return op


def case_pipe_nopipe():
    """`pipe`'s streams and data forwarded with 'data'/'end' listeners instead of pipe()."""
    from nodehttp.stream import Writable
    data = b"y" * 100

    def write(chunk, enc, cb):
        cb()

    def op():
        r = Readable({"read": lambda n: None})
        w = Writable({"write": write})
        r.on("data", w.write)
        r.on("end", w.end)
        _drain()
        r.push(data)
        r.push(None)
        _drain()
    return op


def case_pipe_chunk():
    """One 64 KiB chunk through an established pipe (Readable -> Writable that completes
    its writes synchronously): push, 'data', dest.write, the write's tick."""
    from nodehttp.stream import Writable
    data = b"y" * 65536

    def write(chunk, enc, cb):
        cb()

    r = Readable({"read": lambda n: None})
    w = Writable({"write": write, "highWaterMark": 1 << 20})
    r.pipe(w)
    _drain()
    r.push(b"first")
    _drain()

    def op():
        r.push(data)
        _drain()
    return op


STREAM_HEAD = (b"POST /pipe HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 1073741824\r\n"
               b"Content-Type: application/octet-stream\r\n\r\n")


def _pipe_handler(req, res):
    res.writeHead(200, {"Content-Type": "application/octet-stream"})
    req.pipe(res)


def case_stream_pipe():
    """bench/servers/nodehttp_hello.py's `POST /pipe` (`req.pipe(res)`, the response
    chunked) on a 1 GiB body: one 64 KiB read of the body per op, parsed, pushed,
    piped and written (with its chunk framing) to the transport."""
    server = http.createServer(_pipe_handler)
    server.keepAliveTimeout = 60000
    h = net._SocketProtocol(None, server)
    h.connection_made(FakeTransport())
    data_received = h.data_received
    data_received(STREAM_HEAD)
    _drain()
    body = b"x" * 65536

    def op():
        data_received(body)
        _drain()
    return op


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
PER_OP = {"e2e_pipe": 16}


def _main(args: list[str]) -> None:
    if args and args[0] == "--timeit":
        names = args[1:] or list(CASES)
        for name in names:
            op = CASES[name]()
            for _ in range(2000):
                op()
            n = 2000
            best = min(timeit.repeat(op, number=n, repeat=15)) / n / PER_OP.get(name, 1)
            print(f"{name:10s} {best * 1e6:8.3f} µs/op")
        return
    if args and args[0] == "--marked":
        # For count.py: os.getppid() is callgrind's dump point around each measured loop.
        n = int(args[1])
        for name in args[2:]:
            op = CASES[name]()
            for _ in range(200):  # warm caches (arity, validated headers, ...)
                op()
            gc.collect()  # GC counters start from zero: the loop's collections do not
            os.getppid()  # depend on the cases run before it
            for _ in range(n):
                op()
            os.getppid()
        return
    name, n = args[0], int(args[1])
    op = CASES[name]()
    for _ in range(200):
        op()
    for _ in range(n):
        op()


def main() -> None:
    # Inside the running loop, as in a server (get_running_loop() succeeds).
    async def amain() -> None:
        _main(sys.argv[1:])

    loop.get_loop().run_until_complete(amain())


if __name__ == "__main__":
    main()
