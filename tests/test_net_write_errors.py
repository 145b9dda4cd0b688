"""Writes that fail on a reset connection (nodehttp/net/handle.py).

The peer writes ``hello`` and resets (SO_LINGER 0) in one callback, so the
client reads the bytes and the RST in one wakeup (tests/test_net_hangup.py).
Traces compared with Node 10.24.1 and Node 20 running the same program
(docs/fuzzing.md, "Resets and write errors"):

- a write made in the ``'data'`` listener meets the pending ECONNRESET: the
  socket is destroyed with ``write ECONNRESET`` and the stream does not end
  (Node 20's trace exactly; Node 10 emits the error inside ``write()``);
- a write still queued (unsent) when the stream ends fails afterwards: the
  socket reports ``write ECONNRESET`` and closes with hadError (before this,
  nodehttp closed with hadError false and lost the error);
- a write made outside a read callback (a paused socket) is reported as
  ``write ECONNRESET``, not ``read``.
"""

from __future__ import annotations

from typing import Any

from nodehttp import loop, net, timers

from test_net_hangup import ResetPeer, run


def trace(queue_writes: bool) -> list:
    log: list = []

    def main() -> None:
        peer = ResetPeer(b"hello")
        client = net.connect(peer.port, "127.0.0.1")

        def onconnect() -> None:
            if queue_writes:
                # Until uvloop keeps unsent bytes (below the high-water mark).
                while client.bufferSize == 0:
                    client.write(bytes(32 << 10))
                log.append(("queued", client.bufferSize > 0))
            peer.serve(on_request=False)

        def ondata(d: Any) -> None:
            log.append(("data", bytes(d)))
            client.write("x")
            loop.next_tick(lambda: log.append("tick"))

        client.on("connect", onconnect)
        client.on("data", ondata)
        client.on("error", lambda e: log.append(("error", e.code, e.syscall, e.message)))
        client.on("end", lambda: log.append("end"))
        client.on("finish", lambda: log.append("finish"))
        client.on("close", lambda had: log.append(("close", had)))

    run(main)
    return log


def test_write_failing_in_the_read_callback_destroys_without_end() -> None:
    # Node 20: data, tick, error(write ECONNRESET), close(true); no 'end'.
    # Before: 'end' came first (the hang-up check took the failed write's
    # closed transport for a peer's hang-up) and then the error.
    assert trace(queue_writes=False) == [
        ("data", b"hello"), "tick",
        ("error", "ECONNRESET", "write", "write ECONNRESET"), ("close", True)]


def test_queued_write_failing_after_end_is_reported() -> None:
    # Node 20: queued, data, tick, end, error(write ECONNRESET), close(true).
    # Before: close(false), the error lost (the socket closed gracefully with
    # the bytes unsent; uvloop's failure to send them was ignored).
    assert trace(queue_writes=True) == [
        ("queued", True), ("data", b"hello"), "tick", "end",
        ("error", "ECONNRESET", "write", "write ECONNRESET"), ("close", True)]


def test_write_failing_outside_a_read_callback_is_a_write_error() -> None:
    # The client is paused (not reading) when the peer resets; a later write
    # meets the ECONNRESET.  Node 20: after-write (not destroyed yet), tick,
    # error(write ECONNRESET), close(true).  Before: syscall 'read'.
    log: list = []

    def main() -> None:
        client: Any = None

        class Peer(ResetPeer):
            def _reset(self, conn: Any) -> None:
                super()._reset(conn)  # the RST is in our kernel now (loopback)
                timers.setImmediate(write)

        def write() -> None:
            client.write("x")
            log.append(("after-write", client.destroyed))
            loop.next_tick(lambda: log.append("tick"))

        peer = Peer(b"hello")
        client = net.connect(peer.port, "127.0.0.1")

        def onconnect() -> None:
            client.pause()
            peer.serve(on_request=False)

        client.on("connect", onconnect)
        client.on("error", lambda e: log.append(("error", e.code, e.syscall)))
        client.on("close", lambda had: log.append(("close", had)))

    run(main)
    assert log == [("after-write", False), "tick", ("error", "ECONNRESET", "write"),
                   ("close", True)]
