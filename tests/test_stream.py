"""nodehttp.stream: Node's stream rules, one test per rule.

Each test runs its body inside the loop (``nodehttp.run``), records events,
and asserts on the record once the loop is idle.  Orders asserted here were
checked against Node 10 (the seed's reference).
"""

from __future__ import annotations

import asyncio

import pytest

import nodehttp
from nodehttp import loop, stream
from nodehttp.errors import NodeError
from nodehttp.stream import (
    Duplex,
    PassThrough,
    Readable,
    Stream,
    Transform,
    Writable,
    finished,
    pipeline,
)


def run(fn):
    """Run ``fn`` as the main of a Node process; returns when the loop is idle."""
    nodehttp.run(fn)


def src_of(*chunks, **opts):
    """A Readable that pushes ``chunks`` then EOF, on demand."""
    items = list(chunks)

    def _read(n):
        if items:
            r.push(items.pop(0))
        else:
            r.push(None)

    r = Readable({"read": _read, **opts})
    return r


def sink(log, hwm=None, **opts):
    """A Writable recording every chunk in ``log``; writes complete synchronously."""
    o = {"write": lambda chunk, enc, cb: (log.append(chunk), cb())}
    if hwm is not None:
        o["highWaterMark"] = hwm
    o.update(opts)
    return Writable(o)


# -- Readable: flowing / paused -------------------------------------------------------


def test_data_listener_starts_flow_on_next_tick_then_end_once():
    ev = []

    def main():
        r = src_of(b"a", b"b")
        r.on("data", lambda c: ev.append(("data", c)))
        r.on("end", lambda: ev.append("end"))
        ev.append("sync")

    run(main)
    assert ev == ["sync", ("data", b"a"), ("data", b"b"), "end"]


def test_end_not_emitted_without_consumer():
    ev = []

    def main():
        r = src_of(b"a")
        r.on("end", lambda: ev.append("end"))

    run(main)
    assert ev == []


def test_push_returns_false_past_high_water_mark():
    res = []

    def main():
        r = Readable({"read": lambda n: None, "highWaterMark": 4})
        res.append(r.push(b"ab"))
        res.append(r.push(b"cd"))
        res.append(r.readableLength)

    run(main)
    assert res == [True, False, 4]


def test_resume_and_pause_switch_modes():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        assert r.readableFlowing is None
        r.on("data", lambda c: (ev.append(c), r.pause()))
        r.push(b"1")
        r.push(b"2")

        def later():
            ev.append(("paused", r.isPaused(), r.readableFlowing, r.readableLength))
            r.resume()

        nodehttp.timers.setImmediate(later)

    run(main)
    # in flowing mode read() hands out one buffered chunk at a time
    assert ev == [b"1", ("paused", True, False, 1), b"2"]


def test_pause_buffers_then_resume_delivers_in_order():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("data", lambda c: ev.append(c))
        r.on("end", lambda: ev.append("end"))
        r.pause()
        r.push(b"x")
        r.push(b"y")

        def later():
            ev.append(("len", r.readableLength))
            r.resume()
            r.push(None)

        nodehttp.timers.setImmediate(later)

    run(main)
    assert ev == [("len", 2), b"x", b"y", "end"]


def test_flowing_push_emits_data_synchronously():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("data", lambda c: ev.append(c))

        def later():
            r.push(b"now")
            ev.append("after-push")

        nodehttp.timers.setImmediate(later)

    run(main)
    assert ev == [b"now", "after-push"]


def test_readable_event_and_read_n():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.push(b"hello world")
        r.push(None)

        def onreadable():
            while True:
                c = r.read(5)
                if c is None:
                    break
                ev.append(c)

        r.on("readable", onreadable)
        r.on("end", lambda: ev.append("end"))

    run(main)
    # read(5) with 1 byte left after EOF returns the rest
    assert ev == [b"hello", b" worl", b"d", "end"]


def test_read_without_n_returns_whole_buffer():
    out = []

    def main():
        r = Readable({"read": lambda n: None})
        r.push(b"ab")
        r.push(b"cd")
        out.append(r.read())
        out.append(r.read())

    run(main)
    assert out == [b"abcd", None]


def test_read_more_than_hwm_raises_hwm():
    out = []

    def main():
        r = Readable({"read": lambda n: None, "highWaterMark": 4})
        r.read(100)
        out.append(r.readableHighWaterMark)

    run(main)
    assert out == [128]


def test_unshift_puts_chunk_in_front():
    out = []

    def main():
        r = Readable({"read": lambda n: None})
        r.push(b"world")
        r.unshift(b"hello ")
        out.append(r.read())

    run(main)
    assert out == [b"hello world"]


def test_object_mode_passes_objects_and_counts_one_each():
    ev = []

    def main():
        r = Readable({"objectMode": True, "read": lambda n: None})
        assert r.readableHighWaterMark == 16
        r.push({"a": 1})
        r.push(0)
        r.push("s")
        ev.append(r.readableLength)
        r.push(None)
        r.on("data", ev.append)

    run(main)
    assert ev == [3, {"a": 1}, 0, "s"]


def test_set_encoding_never_splits_utf8_character():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.setEncoding("utf8")
        r.on("data", ev.append)
        data = "h€llo ✓".encode()
        for i in range(len(data)):
            r.push(data[i:i + 1])
        r.push(None)

    run(main)
    assert all(isinstance(c, str) for c in ev)
    assert "".join(ev) == "h€llo ✓"


def test_set_encoding_converts_already_buffered_data():
    out = []

    def main():
        r = Readable({"read": lambda n: None})
        r.push(b"\xe2\x82")
        r.setEncoding("utf8")
        r.push(b"\xac!")
        out.append(r.read())

    run(main)
    assert out == ["€!"]


@pytest.mark.parametrize("enc,data,expected", [
    ("hex", b"\x01\xff", "01ff"),
    ("base64", b"hello", "aGVsbG8="),
    ("latin1", b"\xe9", "é"),
    ("ucs2", "hé".encode("utf-16-le"), "hé"),
])
def test_encoding_option_decodes(enc, data, expected):
    out = []

    def main():
        r = Readable({"encoding": enc, "read": lambda n: None})
        r.on("data", out.append)
        for i in range(len(data)):
            r.push(data[i:i + 1])
        r.push(None)

    run(main)
    assert "".join(out) == expected


def test_push_string_with_encoding_converts_to_bytes():
    out = []

    def main():
        r = Readable({"read": lambda n: None})
        r.push("6869", "hex")
        r.push("aGk=", "base64")
        r.push("é", "latin1")
        out.append(r.read())

    run(main)
    assert out == [b"hihi\xe9"]


def test_push_after_eof_errors():
    errs = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("error", errs.append)
        r.push(None)
        r.push(b"late")

    run(main)
    assert [(e.code, str(e)) for e in errs] == [
        ("ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF")]


def test_push_invalid_chunk_type_errors():
    errs = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("error", errs.append)
        r.push(42)

    run(main)
    assert errs[0].code == "ERR_INVALID_ARG_TYPE"
    assert isinstance(errs[0], TypeError)


def test_missing_read_is_not_implemented():
    errs = []

    def main():
        r = Readable()
        r.on("error", errs.append)
        r.resume()

    run(main)
    assert [(e.code, str(e)) for e in errs] == [
        ("ERR_METHOD_NOT_IMPLEMENTED", "The _read() method is not implemented")]


def test_subclass_read_hook_and_sizes():
    sizes = []

    class Counter(Readable):
        def __init__(self):
            super().__init__({"highWaterMark": 8})
            self.n = 0

        def _read(self, size):
            sizes.append(size)
            self.n += 1
            self.push(str(self.n).encode() if self.n <= 3 else None)

    got = []

    def main():
        c = Counter()
        c.on("data", got.append)

    run(main)
    assert got == [b"1", b"2", b"3"]
    assert set(sizes) == {8}


def test_readable_ended_and_readable_flag():
    st = []

    def main():
        r = src_of(b"x")
        r.on("data", lambda c: None)
        r.on("end", lambda: st.append((r.readableEnded, r.readable)))
        st.append((r.readableEnded, r.readable))

    run(main)
    assert st == [(False, True), (True, False)]


def test_remove_readable_listener_then_data_resumes_flow():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})

        def onreadable():
            pass

        r.on("readable", onreadable)
        r.on("data", ev.append)
        r.removeListener("readable", onreadable)
        r.push(b"z")
        r.push(None)

    run(main)
    assert ev == [b"z"]


# -- Writable ---------------------------------------------------------------------------


def test_write_returns_false_past_hwm_then_drain():
    ev = []

    def main():
        pending = []
        w = Writable({"highWaterMark": 5,
                      "write": lambda c, e, cb: pending.append(cb)})
        w.on("drain", lambda: ev.append("drain"))
        ev.append(w.write(b"abc"))
        ev.append(w.write(b"de"))
        ev.append(w.writableLength)

        def flush():
            while pending:
                pending.pop(0)()

        nodehttp.timers.setImmediate(flush)
        nodehttp.timers.setTimeout(flush, 1)

    run(main)
    assert ev == [True, False, 5, "drain"]


def test_write_callbacks_in_order_and_sync_write_deferred():
    ev = []

    def main():
        w = sink([])
        w.write(b"1", lambda err: ev.append(("cb1", err)))
        w.write(b"2", lambda: ev.append("cb2"))
        ev.append("sync")

    run(main)
    assert ev == ["sync", ("cb1", None), "cb2"]


def test_async_write_callback_called_when_write_completes():
    ev = []

    def main():
        pending = []
        w = Writable({"write": lambda c, e, cb: (ev.append(("write", c)), pending.append(cb))})
        w.write(b"a", lambda: ev.append("cb-a"))
        w.write(b"b", lambda: ev.append("cb-b"))
        ev.append(("buffered", w._writableState.bufferedRequestCount))

        def step():
            if pending:
                pending.pop(0)()
                nodehttp.timers.setImmediate(step)

        nodehttp.timers.setImmediate(step)

    run(main)
    # an async completion starts the next buffered write before the callback (Node)
    assert ev == [("write", b"a"), ("buffered", 1), ("write", b"b"), "cb-a", "cb-b"]


def test_finish_after_end_and_all_writes_flushed_then_end_cb():
    ev = []

    def main():
        pending = []
        w = Writable({"write": lambda c, e, cb: pending.append(cb)})
        w.on("finish", lambda: ev.append(("finish", w.writableFinished)))
        w.write(b"a")
        w.end(b"b", lambda: ev.append("end-cb"))
        ev.append(("ended", w.writableEnded, w.writableFinished, w.writable))

        def step():
            if pending:
                ev.append("flush")
                pending.pop(0)()
                nodehttp.timers.setImmediate(step)

        nodehttp.timers.setImmediate(step)

    run(main)
    assert ev == [("ended", True, False, False), "flush", "flush",
                  ("finish", True), "end-cb"]


def test_write_after_end_errors_and_calls_back():
    ev = []

    def main():
        w = sink([])
        w.on("error", lambda e: ev.append(("error", e.code, str(e))))
        w.end()
        w.write(b"x", lambda err: ev.append(("cb", err.code)))

    run(main)
    assert ev == [("error", "ERR_STREAM_WRITE_AFTER_END", "write after end"),
                  ("cb", "ERR_STREAM_WRITE_AFTER_END")]


def test_write_null_and_bad_types():
    errs = []

    def main():
        w = sink([])
        w.on("error", errs.append)
        w.write(None)
        w.write(3.5)

    run(main)
    assert [e.code for e in errs] == ["ERR_STREAM_NULL_VALUES", "ERR_INVALID_ARG_TYPE"]
    assert str(errs[0]) == "May not write null values to stream"
    assert all(isinstance(e, TypeError) for e in errs)


def test_strings_are_decoded_with_encoding():
    log = []

    def main():
        w = sink(log)
        w.write("é")
        w.write("ff00", "hex")
        w.write("aGk=", "base64")
        w.write("é", "latin1")
        w.write("hi", "utf16le")
        w.setDefaultEncoding("hex")
        w.write("41")
        w.end(bytearray(b"z"))

    run(main)
    assert log == [b"\xc3\xa9", b"\xff\x00", b"hi", b"\xe9", b"h\x00i\x00", b"A", b"z"]


def test_decode_strings_false_keeps_str():
    log = []

    def main():
        w = sink(log, decodeStrings=False)
        w.write("abc")

    run(main)
    assert log == ["abc"]


def test_unknown_default_encoding_raises():
    w = Writable({"write": lambda c, e, cb: cb()})
    with pytest.raises(TypeError) as ei:
        w.setDefaultEncoding("nope")
    assert ei.value.code == "ERR_UNKNOWN_ENCODING"


def test_missing_write_is_not_implemented():
    errs = []

    def main():
        w = Writable()
        w.on("error", errs.append)
        w.write(b"x")

    run(main)
    assert [(e.code, str(e)) for e in errs] == [
        ("ERR_METHOD_NOT_IMPLEMENTED", "The _write() method is not implemented")]


def test_write_error_emits_error_and_callback():
    ev = []

    def main():
        w = Writable({"write": lambda c, e, cb: cb(NodeError("boom", "EBOOM"))})
        w.on("error", lambda e: ev.append(("error", e.code)))
        w.write(b"x", lambda err: ev.append(("cb", err.code)))

    run(main)
    # sync error: 'error' now, callback on the next tick (Node 10)
    assert ev == [("error", "EBOOM"), ("cb", "EBOOM")]


def test_callback_called_twice_raises_multiple_callback():
    caught = []

    def main():
        def _write(c, e, cb):
            cb()
            try:
                cb()
            except NodeError as err:
                caught.append(err.code)

        Writable({"write": _write}).write(b"x")

    run(main)
    assert caught == ["ERR_MULTIPLE_CALLBACK"]


def test_cork_uncork_uses_writev():
    ev = []

    def main():
        def _writev(chunks, cb):
            ev.append(("writev", [c.chunk for c in chunks], chunks.allBuffers))
            cb()

        w = Writable({"write": lambda c, e, cb: (ev.append(("write", c)), cb()),
                      "writev": _writev})
        w.cork()
        w.write(b"a", lambda: ev.append("cb-a"))
        w.write("b", lambda: ev.append("cb-b"))
        ev.append(("corked", w.writableCorked, w.writableLength))
        w.uncork()

    run(main)
    assert ev == [("corked", 1, 2), ("writev", [b"a", b"b"], True), "cb-a", "cb-b"]


def test_end_uncorks_everything():
    ev = []

    def main():
        w = sink(ev)
        w.cork()
        w.cork()
        w.write(b"1")
        w.write(b"2")
        w.end()

    run(main)
    assert ev == [b"1", b"2"]


def test_final_runs_before_finish():
    ev = []

    def main():
        def _final(cb):
            ev.append("final")
            nodehttp.timers.setImmediate(cb)

        w = Writable({"write": lambda c, e, cb: cb(), "final": _final})
        w.on("prefinish", lambda: ev.append("prefinish"))
        w.on("finish", lambda: ev.append("finish"))
        w.end(b"x")
        ev.append("sync")

    run(main)
    assert ev == ["sync", "final", "prefinish", "finish"]


@pytest.mark.parametrize("final", [True, False])
@pytest.mark.parametrize("cb", [True, False])
def test_sync_write_then_end_finish_order(final, cb):
    # A synchronous write's afterWrite work is skipped when nothing depends
    # on it (no callback, no 'drain', a _final pending when end() checks):
    # every combination keeps Node's order of 'finish' against other ticks.
    ev = []

    def main():
        opts = {"write": lambda c, e, done: done()}
        if final:
            opts["final"] = lambda done: (ev.append("final"), done())
        w = Writable(opts)
        w.on("prefinish", lambda: ev.append("prefinish"))
        w.on("finish", lambda: ev.append("finish"))
        nodehttp.process.nextTick(lambda: ev.append("tick0"))
        if cb:
            w.write(b"a", lambda err: ev.append("cb"))
        else:
            w.write(b"a")
        w.end()
        ev.append("sync")
        nodehttp.process.nextTick(lambda: ev.append("tick1"))

    run(main)
    if final:
        # Node 10: afterWrite tick, then callFinal's tick ends with 'finish'.
        assert ev == ["sync", "tick0"] + (["cb"] if cb else []) + [
            "final", "prefinish", "finish", "tick1"]
    else:
        assert ev == ["prefinish", "sync", "tick0"] + (["cb"] if cb else []) + [
            "finish", "tick1"]


def test_object_mode_writable():
    log = []

    def main():
        w = sink(log, objectMode=True, hwm=2)
        log.append(w.write({"k": 1}))  # sync _write: length is back to 0 at once
        log.append(w.write([1]))
        pending = []
        w2 = Writable({"objectMode": True, "highWaterMark": 2,
                       "write": lambda c, e, cb: pending.append(cb)})
        log.append((w2.write(0), w2.write("s"), w2.writableLength))

    run(main)
    assert log == [{"k": 1}, True, [1], True, (True, False, 2)]


def test_bad_high_water_mark_option():
    with pytest.raises(TypeError) as ei:
        Readable({"highWaterMark": -1})
    assert ei.value.code == "ERR_INVALID_OPT_VALUE"


# -- destroy ------------------------------------------------------------------------------


def test_destroy_with_error_emits_error_then_close_on_next_tick():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("error", lambda e: ev.append(("error", str(e))))
        r.on("close", lambda: ev.append("close"))
        assert r.destroy(NodeError("bad")) is r
        ev.append(("destroyed", r.destroyed))

    run(main)
    assert ev == [("destroyed", True), ("error", "bad"), "close"]


def test_destroy_without_error_emits_close_only_once():
    ev = []

    def main():
        w = sink([])
        w.on("close", lambda: ev.append("close"))
        w.on("finish", lambda: ev.append("finish"))
        w.destroy()
        w.destroy()

    run(main)
    assert ev == ["close"]


def test_emit_close_false_suppresses_close():
    ev = []

    def main():
        r = Readable({"read": lambda n: None, "emitClose": False})
        r.on("close", lambda: ev.append("close"))
        r.destroy()

    run(main)
    assert ev == []


def test_custom_destroy_hook_and_callback():
    ev = []

    def main():
        def _destroy(err, cb):
            ev.append(("hook", err))
            cb(err)

        d = Duplex({"read": lambda n: None, "write": lambda c, e, cb: cb(),
                    "destroy": _destroy})
        d.on("close", lambda: ev.append("close"))
        d.destroy(None, lambda err: ev.append(("cb", err)))

    run(main)
    assert ev == [("hook", None), ("cb", None), "close"]


def test_write_after_destroy_is_stream_destroyed():
    ev = []

    def main():
        w = sink([])
        w.on("error", lambda e: ev.append(e.code))
        w.destroy()
        w.write(b"x", lambda err: ev.append(("cb", err.code)))

    run(main)
    assert ("cb", "ERR_STREAM_DESTROYED") in ev and "ERR_STREAM_DESTROYED" in ev


def test_push_after_destroy_is_ignored():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("data", ev.append)
        r.destroy()
        ev.append(r.push(b"x"))

    run(main)
    assert ev == [False]


def test_auto_destroy_after_end():
    ev = []

    def main():
        r = src_of(b"a", autoDestroy=True)
        r.on("data", lambda c: None)
        r.on("end", lambda: ev.append("end"))
        r.on("close", lambda: ev.append("close"))

    run(main)
    assert ev == ["end", "close"]


# -- Duplex / Transform / PassThrough ----------------------------------------------------


def test_duplex_sides_are_independent():
    ev = []

    def main():
        d = Duplex({"read": lambda n: None,
                    "write": lambda c, e, cb: (ev.append(("w", c)), cb()),
                    "readableObjectMode": True, "writableHighWaterMark": 3})
        assert d.readableObjectMode and not d.writableObjectMode
        assert d.writableHighWaterMark == 3 and d.readableHighWaterMark == 16
        d.on("data", lambda c: ev.append(("r", c)))
        d.on("end", lambda: ev.append("end"))
        d.on("finish", lambda: ev.append("finish"))
        d.write(b"in")
        d.push({"o": 1})
        d.push(None)

    run(main)
    assert ("w", b"in") in ev and ("r", {"o": 1}) in ev
    assert "end" in ev and "finish" not in ev  # allowHalfOpen: writable side stays open


def test_duplex_allow_half_open_false_ends_writable():
    ev = []

    def main():
        d = Duplex({"read": lambda n: None, "write": lambda c, e, cb: cb(),
                    "allowHalfOpen": False})
        d.on("finish", lambda: ev.append("finish"))
        d.on("end", lambda: ev.append("end"))
        d.resume()
        d.push(None)

    run(main)
    assert ev == ["end", "finish"]


def test_transform_upper_and_flush():
    ev = []

    def main():
        t = Transform({
            "transform": lambda chunk, enc, cb: cb(None, chunk.upper()),
            "flush": lambda cb: cb(None, b"!"),
        })
        t.on("data", ev.append)
        t.on("end", lambda: ev.append("end"))
        t.on("finish", lambda: ev.append("finish"))
        t.write(b"ab")
        t.end(b"c")

    run(main)
    assert ev == [b"AB", b"C", b"!", "finish", "end"]


def test_transform_subclass_push_many():
    out = []

    class Split(Transform):
        def _transform(self, chunk, encoding, cb):
            for b in chunk:
                self.push(bytes([b]))
            cb()

    def main():
        s = Split()
        s.on("data", out.append)
        s.end(b"xyz")

    run(main)
    assert out == [b"x", b"y", b"z"]


def test_passthrough_back_pressure_and_object_mode():
    ev = []

    def main():
        p = PassThrough({"objectMode": True, "highWaterMark": 1})
        ev.append(p.write(1))
        ev.append(p.write(2))
        p.end()
        p.on("data", ev.append)

    run(main)
    assert ev == [False, False, 1, 2]


def test_transform_without_transform_errors():
    errs = []

    def main():
        t = Transform()
        t.on("error", errs.append)
        t.write(b"x")

    run(main)
    assert errs[0].code == "ERR_METHOD_NOT_IMPLEMENTED"


# -- pipe -----------------------------------------------------------------------------------


def test_pipe_copies_and_ends_destination():
    log = []
    ev = []

    def main():
        r = src_of(b"a", b"b", b"c")
        w = sink(log)
        w.on("pipe", lambda s: ev.append(("pipe", s is r)))
        w.on("finish", lambda: ev.append("finish"))
        assert r.pipe(w) is w

    run(main)
    assert log == [b"a", b"b", b"c"]
    assert ev == [("pipe", True), "finish"]


def test_pipe_end_false_keeps_destination_open():
    ev = []

    def main():
        w = sink([])
        w.on("finish", lambda: ev.append("finish"))
        w.on("unpipe", lambda s: ev.append("unpipe"))
        src_of(b"a").pipe(w, {"end": False})

    run(main)
    assert ev == ["unpipe"]


def test_pipe_honours_back_pressure():
    """A slow destination makes the source stop reading: bounded buffering."""
    stats = {"max_src_buffer": 0, "reads": 0, "written": 0}

    def main():
        total = [0]

        def _read(n):
            stats["reads"] += 1
            if total[0] >= 64:
                r.push(None)
                return
            total[0] += 1
            r.push(b"x" * 1024)

        r = Readable({"read": _read, "highWaterMark": 4096})
        pending = []

        def _write(c, e, cb):
            stats["written"] += len(c)
            stats["max_src_buffer"] = max(stats["max_src_buffer"], r.readableLength)
            pending.append(cb)

        w = Writable({"write": _write, "highWaterMark": 2048})

        def slow():
            if pending:
                pending.pop(0)()
            if pending or not w.writableFinished:
                nodehttp.timers.setImmediate(slow)

        w.on("finish", lambda: stats.setdefault("finished", True))
        r.pipe(w)
        nodehttp.timers.setImmediate(slow)

    run(main)
    assert stats["written"] == 64 * 1024 and stats.get("finished")
    assert stats["max_src_buffer"] <= 4096 + 1024


def test_unpipe_stops_flow():
    log = []
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        w = sink(log)
        w.on("unpipe", lambda s: ev.append("unpipe"))
        r.pipe(w)
        r.push(b"1")

        def later():
            r.unpipe(w)
            r.push(b"2")
            ev.append(("flowing", r.readableFlowing, r._readableState.pipesCount))

        nodehttp.timers.setImmediate(later)

    run(main)
    assert log == [b"1"] and ev == ["unpipe", ("flowing", False, 0)]


def test_pipe_to_two_destinations():
    a, b = [], []

    def main():
        r = src_of(b"q")
        r.pipe(sink(a))
        r.pipe(sink(b))

    run(main)
    assert a == [b"q"] and b == [b"q"]


def test_writable_cannot_pipe():
    errs = []

    def main():
        w = sink([])
        w.on("error", errs.append)
        w.pipe(sink([]))

    run(main)
    assert errs[0].code == "ERR_STREAM_CANNOT_PIPE"


def test_legacy_stream_pipe():
    log = []

    def main():
        s = Stream()
        w = sink(log)
        s.pipe(w)
        s.emit("data", b"old")
        s.emit("end")
        assert w.writableEnded

    run(main)
    assert log == [b"old"]


# -- finished / pipeline --------------------------------------------------------------------


def test_finished_readable_and_writable():
    ev = []

    def main():
        r = src_of(b"a")
        finished(r, lambda err: ev.append(("r", err)))
        r.resume()
        w = sink([])
        finished(w, lambda: ev.append("w"))
        w.end()

    run(main)
    assert sorted(map(str, ev)) == sorted(map(str, [("r", None), "w"]))


def test_finished_premature_close():
    ev = []

    def main():
        r = Readable({"read": lambda n: None})
        finished(r, lambda err: ev.append(err.code))
        r.destroy()

    run(main)
    assert ev == ["ERR_STREAM_PREMATURE_CLOSE"]


def test_finished_reports_error_and_cleanup_removes_listeners():
    ev = []

    def main():
        w = sink([])
        cleanup = finished(w, {"error": True}, lambda err: ev.append(str(err)))
        w.destroy(NodeError("x"))
        r = Readable({"read": lambda n: None})
        c2 = finished(r, lambda err: ev.append("never"))
        c2()
        r.destroy()
        assert callable(cleanup)

    run(main)
    assert ev == ["x"]


def test_pipeline_success():
    log = []
    ev = []

    def main():
        up = Transform({"transform": lambda c, e, cb: cb(None, c.upper())})
        last = pipeline(src_of(b"a", b"b"), up, sink(log), lambda err: ev.append(err))
        assert isinstance(last, Writable)

    run(main)
    assert log == [b"A", b"B"] and ev == [None]


def test_pipeline_error_destroys_all():
    ev = []

    def main():
        src = Readable({"read": lambda n: None})
        mid = PassThrough()
        dst = sink([])
        for name, s in (("src", src), ("mid", mid), ("dst", dst)):
            s.on("close", lambda name=name: ev.append(("close", name)))
        pipeline(src, mid, dst, lambda err: ev.append(("cb", str(err))))
        mid.destroy(NodeError("kaboom"))

    run(main)
    assert ("cb", "kaboom") in ev
    assert {e[1] for e in ev if e[0] == "close"} == {"src", "mid", "dst"}


def test_pipeline_needs_two_streams():
    with pytest.raises(TypeError) as ei:
        pipeline(PassThrough(), lambda err: None)
    assert ei.value.code == "ERR_MISSING_ARGS"


def test_pipeline_premature_close():
    ev = []

    def main():
        src = Readable({"read": lambda n: None})
        dst = sink([])
        pipeline(src, dst, lambda err: ev.append(err.code))
        src.destroy()

    run(main)
    assert ev == ["ERR_STREAM_PREMATURE_CLOSE"]


# -- async iteration ----------------------------------------------------------------------------


def test_async_for_reads_all_chunks():
    got = []

    async def main():
        r = Readable({"read": lambda n: None})

        def feed():
            r.push(b"a")
            r.push(b"b")
            r.push(None)

        nodehttp.timers.setTimeout(feed, 1)
        async for chunk in r:
            got.append(chunk)

    run(main)
    assert b"".join(got) == b"ab"


def test_async_for_raises_stream_error():
    got = []

    async def main():
        r = Readable({"read": lambda n: None})
        nodehttp.timers.setTimeout(lambda: r.destroy(NodeError("bad", "EBAD")), 1)
        try:
            async for _ in r:
                pass
        except NodeError as e:
            got.append(e.code)

    run(main)
    assert got == ["EBAD"]


def test_async_iterator_aclose_destroys():
    ev = []

    async def main():
        r = src_of(b"a", b"b")
        it = r.__aiter__()
        ev.append(await it.__anext__())
        await it.aclose()
        ev.append(r.destroyed)

    run(main)
    assert ev == [b"a", True]


# -- module surface ---------------------------------------------------------------------------


def test_require_stream_and_class_attributes():
    s = nodehttp.require("stream")
    assert s is stream
    assert Stream.Readable is Readable and Stream.PassThrough is PassThrough
    assert issubclass(Duplex, Readable) and issubclass(Duplex, Writable)
    assert isinstance(Readable(), nodehttp.events.EventEmitter)


def test_readable_from_iterable():
    out = []

    def main():
        r = getattr(Readable, "from")([1, 2, 3])
        r.on("data", out.append)

    run(main)
    assert out == [1, 2, 3]


def test_user_callbacks_may_declare_fewer_args():
    ev = []

    def main():
        w = sink([])
        w.write(b"x", lambda: ev.append("w"))
        w.end(lambda: ev.append("e"))
        r = Readable({"read": lambda: None})  # read() declared without size
        r.on("data", lambda: ev.append("data"))
        r.push(b"1")

    run(main)
    assert ev == ["w", "e", "data"] or sorted(ev) == ["data", "e", "w"]


def test_no_ticks_left_behind():
    def main():
        src_of(b"a").pipe(sink([]))

    run(main)
    assert not loop.ticks


def test_embedded_in_asyncio():
    out = []

    async def amain():
        def main():
            src_of(b"k").on("data", out.append)

        await nodehttp.run(main)

    asyncio.run(amain())
    assert out == [b"k"]


def test_async_for_after_destroy_with_error_raises_it():
    got = []

    async def main():
        r = Readable({"read": lambda n: None})
        r.on("error", lambda e: None)
        r.destroy(NodeError("gone", "EGONE"))
        try:
            async for _ in r:
                got.append("chunk")
        except NodeError as e:
            got.append(e.code)
        async for _ in r:  # a second loop over a destroyed stream is simply empty
            got.append("chunk")
        got.append("done")

    run(main)
    assert got == ["EGONE", "done"]


def test_async_for_on_ended_stream_is_empty():
    got = []

    async def main():
        r = src_of()
        r.resume()
        await nodehttp.events.once(r, "end")
        async for c in r:
            got.append(c)
        got.append("done")

    run(main)
    assert got == ["done"]


# -- less common corners ------------------------------------------------------------------


def test_unshift_after_end_event_errors():
    errs = []

    def main():
        r = src_of()
        r.on("error", errs.append)
        r.on("end", lambda: r.unshift(b"x"))
        r.resume()

    run(main)
    assert [e.code for e in errs] == ["ERR_STREAM_UNSHIFT_AFTER_END_EVENT"]


def test_high_water_mark_zero_still_flows():
    out = []

    def main():
        r = src_of(b"a", b"b", highWaterMark=0)
        r.on("data", out.append)

    run(main)
    assert out == [b"a", b"b"]


def test_wrap_adopts_legacy_stream():
    out = []

    def main():
        old = Stream()
        old.pause = lambda: out.append("paused")
        old.resume = lambda: out.append("resumed")
        r = Readable({"highWaterMark": 2}).wrap(old)
        r.setEncoding("utf8")
        old.emit("data", b"abc")  # past highWaterMark: the old stream is paused
        r.on("data", out.append)  # reading again resumes it
        r.on("end", lambda: out.append("end"))
        nodehttp.timers.setImmediate(lambda: old.emit("end"))

    run(main)
    assert out == ["paused", "resumed", "abc", "end"]


def test_undestroy_resets_flags():
    w = Writable({"write": lambda c, e, cb: cb()})
    d = Duplex({"read": lambda n: None, "write": lambda c, e, cb: cb()})
    for s in (w, d):
        s._writableState.destroyed = True
        s._writableState.ending = True
    d._readableState.destroyed = True
    w._undestroy()
    d._undestroy()
    assert not w.destroyed and not w.writableEnded
    assert not d.destroyed and not d._readableState.ended


def test_remove_all_readable_listeners_resumes_data_flow():
    out = []

    def main():
        r = Readable({"read": lambda n: None})
        r.on("readable", lambda: None)
        r.on("data", out.append)
        r.removeAllListeners("readable")
        r.push(b"d")

    run(main)
    assert out == [b"d"]


def test_legacy_pipe_close_destroys_dest_and_unhandled_error_raises():
    ev = []

    def main():
        s = Stream()
        w = sink([])
        w.on("close", lambda: ev.append("dest-close"))
        s.pipe(w)
        s.emit("close")
        s2 = Stream()
        s2.pipe(sink([]))
        try:
            s2.emit("error", NodeError("legacy"))
        except NodeError as e:
            ev.append(str(e))

    run(main)
    assert ev == ["legacy", "dest-close"]


def test_buffers_are_inspectable():
    def main():
        r = Readable({"read": lambda n: None})
        r.push(b"a")
        assert list(r.readableBuffer) == [b"a"]
        w = Writable({"write": lambda c, e, cb: None})
        w.write(b"1")
        w.write(b"2")
        assert [q.chunk for q in w.writableBuffer] == [b"2"]
        assert w._writableState.bufferedRequest.chunk == b"2"

    run(main)


def test_transform_callback_twice_is_multiple_callback():
    errs = []

    def main():
        def tr(chunk, enc, cb):
            cb()
            cb()

        t = Transform({"transform": tr})
        t.on("error", errs.append)
        t.write(b"x")

    run(main)
    assert [e.code for e in errs] == ["ERR_MULTIPLE_CALLBACK"]


def test_string_decoder_end_flushes_partial_character():
    from nodehttp.stream import StringDecoder

    d = StringDecoder("utf8")
    assert d.write(b"\xe2\x82") == ""
    assert d.end() == "\ufffd"
    b = StringDecoder("base64")
    assert b.write(b"ab") == "" and b.end(b"c") == "YWJj"
    with pytest.raises(TypeError):
        StringDecoder("klingon")


def test_unknown_encoding_on_write_and_push_raises():
    w = Writable({"write": lambda c, e, cb: cb()})
    with pytest.raises(TypeError) as ei:
        w.write("x", "klingon")
    assert ei.value.code == "ERR_UNKNOWN_ENCODING" and str(ei.value) == "Unknown encoding: klingon"
    assert w.writableLength == 0
    r = Readable({"read": lambda n: None})
    with pytest.raises(TypeError):
        r.push("x", "klingon")
