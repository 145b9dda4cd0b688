"""Node 10's order of nextTick callbacks around timers and immediates.

Node 10 drains the nextTick queue after each *entry* (``MakeCallback``), and
the whole immediate queue of a turn is one entry, as is each timers list (the
due timers of one duration).  Node 11 changed this to "after each callback";
nodehttp follows Node 10 (conformance cases ``loop_*`` pin it against Node).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import nodehttp
from nodehttp import loop, process, timers


def let_time_pass(seconds: float) -> None:
    """Busy-wait (the loop does not run meanwhile), so that timers armed
    before are all due when the loop first looks: one run of their list."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_ticks_run_after_the_whole_immediate_queue():
    order = []

    def main():
        def i1():
            order.append("i1")
            process.nextTick(lambda: order.append("t1"))
        timers.setImmediate(i1)
        timers.setImmediate(lambda: order.append("i2"))

    nodehttp.run(main)
    assert order == ["i1", "i2", "t1"]  # Node 11+: i1 t1 i2


def test_immediate_set_while_the_queue_runs_waits_for_the_next_turn():
    order = []

    def main():
        def i1():
            order.append("i1")
            timers.setImmediate(lambda: order.append("i3"))
            process.nextTick(lambda: order.append("t1"))
        timers.setImmediate(i1)
        timers.setImmediate(lambda: order.append("i2"))

    nodehttp.run(main)
    assert order == ["i1", "i2", "t1", "i3"]


def test_immediate_cleared_by_an_earlier_one_of_its_queue_does_not_run():
    order = []

    def main():
        later = None

        def first():
            order.append("a")
            timers.clearImmediate(later)
        timers.setImmediate(first)
        later = timers.setImmediate(lambda: order.append("b"))
        timers.setImmediate(lambda: order.append("c"))

    nodehttp.run(main)
    assert order == ["a", "c"]
    assert loop.refs() == 0


def test_ticks_run_after_the_timers_list_not_after_each_timer():
    order = []

    def main():
        def t1():
            order.append("T1")
            process.nextTick(lambda: order.append("tt1"))
        timers.setTimeout(t1, 1)
        timers.setTimeout(lambda: order.append("T2"), 1)
        let_time_pass(0.01)

    nodehttp.run(main)
    assert order == ["T1", "T2", "tt1"]  # Node 11+: T1 tt1 T2


def test_ticks_of_one_list_run_before_the_next_list():
    order = []

    def main():
        def timer(name):
            def fn():
                order.append(name)
                process.nextTick(lambda: order.append("t" + name))
            return fn
        timers.setTimeout(timer("A1"), 60)
        timers.setTimeout(timer("A2"), 60)
        timers.setTimeout(timer("B1"), 20)
        timers.setTimeout(timer("B2"), 20)
        let_time_pass(0.1)  # both lists due when the loop first looks

    nodehttp.run(main)
    assert order == ["B1", "B2", "tB1", "tB2", "A1", "A2", "tA1", "tA2"]


def test_throwing_immediate_is_uncaught_and_the_rest_of_the_queue_runs():
    order = []

    def onerror(err):
        order.append("uncaught " + str(err))
        process.nextTick(lambda: order.append("t-handler"))

    def main():
        process.on("uncaughtException", onerror)

        def i1():
            order.append("i1")
            process.nextTick(lambda: order.append("t1"))
            raise ValueError("boom")
        timers.setImmediate(i1)
        timers.setImmediate(lambda: order.append("i2"))

    try:
        nodehttp.run(main)
    finally:
        process.removeListener("uncaughtException", onerror)
    assert order == ["i1", "uncaught boom", "i2", "t1", "t-handler"]


def test_throwing_timer_is_uncaught_and_the_rest_of_its_list_runs():
    order = []

    def onerror(err):
        order.append("uncaught " + str(err))

    def main():
        process.on("uncaughtException", onerror)

        def t1():
            order.append("T1")
            process.nextTick(lambda: order.append("tt1"))
            raise ValueError("tboom")
        timers.setTimeout(t1, 1)
        timers.setTimeout(lambda: order.append("T2"), 1)
        let_time_pass(0.01)

    try:
        nodehttp.run(main)
    finally:
        process.removeListener("uncaughtException", onerror)
    assert order == ["T1", "uncaught tboom", "T2", "tt1"]


def test_uncaught_in_an_immediate_without_listener_ends_the_process(tmp_path):
    # Node 10: exit 1 at once; the rest of the queue and its ticks never run.
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent("""
        from nodehttp import process, timers
        def i1():
            print('i1', flush=True)
            process.nextTick(lambda: print('t1'))
            raise ValueError('boom')
        timers.setImmediate(i1)
        timers.setImmediate(lambda: print('i2'))
        process.on('exit', lambda code: print('exit', code))
    """))
    r = subprocess.run([sys.executable, "-m", "nodehttp", str(script)],
                       capture_output=True, text=True, timeout=20)
    assert r.returncode == 1
    assert r.stdout.split("\n")[:2] == ["i1", "exit 1"]
    assert "ValueError: boom" in r.stderr


def test_other_entries_still_drain_ticks_after_each_callback():
    # Callbacks the loop calls one by one (I/O, call_soon) stay one entry each.
    order = []

    def main():
        def cb(name):
            order.append(name)
            process.nextTick(lambda: order.append("t" + name))
        loop.call_soon(cb, "a")
        loop.call_soon(cb, "b")

    nodehttp.run(main)
    assert order == ["a", "ta", "b", "tb"]


def test_tick_queued_outside_any_entry_after_a_batch_still_runs():
    # A batch sets the 'drain guaranteed' flag only for its duration: a tick
    # queued later by plain asyncio code gets its own drain at once.
    order = []
    seen = []

    def main():
        timers.setImmediate(lambda: order.append("i"))
        timers.setTimeout(lambda: order.append("T"), 1)

        def plain():  # asyncio code, not an entry
            process.nextTick(lambda: order.append("tick"))
        lp = loop.get_loop()
        timers.setTimeout(lambda: lp.call_later(0.01, plain), 1)
        timers.setTimeout(lambda: seen.append(list(order)), 200)

    nodehttp.run(main)
    assert len(seen) == 1 and sorted(seen[0][:2]) == ["T", "i"] and seen[0][2:] == ["tick"]
