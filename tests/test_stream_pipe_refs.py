"""A finished pipe() leaves no reference cycle behind (issue 16, proxyperf).

Node's pipe() listeners are closures that name each other; in Python that is
a cycle which only the cycle collector frees, holding the source and the
destination with it (a reverse proxy made ~90 objects of cyclic garbage per
request from its two pipes).  The listeners are bound methods of one object
per pipe now; these tests pin that a piped pair is freed by reference
counting alone once the pipe is over.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any, Callable

import nodehttp
from nodehttp.stream import Readable, Writable


def _freed_without_collector(build: Callable[[list], tuple[Any, Any]]) -> tuple[bool, list]:
    """Run ``build`` in a loop with the collector off; report whether the
    pipe's ``src`` is gone once the loop is done, by reference counting only."""
    log: list = []
    refs: list = []

    def main() -> None:
        src, dest = build(log)
        refs.extend([weakref.ref(src), weakref.ref(dest)])

    gc.collect()
    gc.disable()
    try:
        nodehttp.run(main)
        alive = [r() is not None for r in refs]
    finally:
        gc.enable()
    return not any(alive[:1]), log


def _pair(log: list) -> tuple[Readable, Writable]:
    src = Readable({"read": lambda n: None})
    dest = Writable({"write": lambda chunk, enc, cb: (log.append(bytes(chunk)), cb())})
    dest.on("finish", lambda: log.append("finish"))
    return src, dest


def test_pipe_of_a_one_chunk_source_is_freed_by_refcount() -> None:
    """proxyRes.pipe(res): one chunk, then end -> 'finish'; nothing cyclic stays."""
    def build(log: list) -> tuple[Any, Any]:
        src, dest = _pair(log)
        src.push(b"hello")
        src.push(None)
        src.pipe(dest)
        return src, dest

    freed, log = _freed_without_collector(build)
    assert log == [b"hello", "finish"]
    assert freed


def test_pipe_of_an_ended_source_is_freed_by_refcount() -> None:
    """req.pipe(proxyReq) of a bodyless request: already ended when piped."""
    def build(log: list) -> tuple[Any, Any]:
        src, dest = _pair(log)
        src.push(None)
        src.pipe(dest)
        return src, dest

    freed, log = _freed_without_collector(build)
    assert log == ["finish"]
    assert freed


def test_unpiped_pipe_is_freed_by_refcount() -> None:
    """unpipe() mid-stream runs cleanup: the pipe's listeners go and nothing cyclic stays."""
    def build(log: list) -> tuple[Any, Any]:
        src, dest = _pair(log)
        src.pipe(dest)
        src.unpipe(dest)
        log.append(dest.listenerCount("unpipe") + src.listenerCount("data"))
        return src, dest

    freed, log = _freed_without_collector(build)
    assert log == [0]
    assert freed
