"""Loop lifetime, timers and process: Node's rules for when a program ends."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import time

import pytest

import nodehttp
from nodehttp import loop, process, timers


def run_script(tmp_path, source: str, *args: str, timeout: float = 20):
    """Run ``python -m nodehttp script.py args`` and return the CompletedProcess."""
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "nodehttp", str(script), *args],
        capture_output=True, text=True, timeout=timeout,
    )


def test_script_runs_with_argv_and_main_name(tmp_path):
    r = run_script(tmp_path, """
        import sys
        from nodehttp import process
        print(__name__, sys.argv[1:], process.argv[2:])
    """, "a", "b")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "__main__ ['a', 'b'] ['a', 'b']"


def test_script_with_timer_exits_after_it(tmp_path):
    r = run_script(tmp_path, """
        import time
        from nodehttp import timers
        t0 = time.monotonic()
        timers.setTimeout(lambda: print('fired', time.monotonic() - t0 >= 0.045), 50)
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "fired True"


def test_unrefd_interval_does_not_keep_the_loop_alive(tmp_path):
    r = run_script(tmp_path, """
        from nodehttp import timers
        n = [0]
        def tick(): n[0] += 1
        timers.setInterval(tick, 1).unref()
        timers.setTimeout(lambda: print('done', n[0] > 0), 30)
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "done True"


def test_uncaught_exception_exits_1_with_traceback(tmp_path):
    r = run_script(tmp_path, """
        from nodehttp import timers
        def boom():
            raise ValueError('kaboom')
        timers.setTimeout(boom, 5)
        timers.setTimeout(lambda: print('must not run'), 200)
    """)
    assert r.returncode == 1
    assert "Traceback" in r.stderr and "ValueError: kaboom" in r.stderr
    assert "must not run" not in r.stdout


def test_uncaught_at_top_level_exits_1(tmp_path):
    r = run_script(tmp_path, "raise KeyError('top')\n")
    assert r.returncode == 1
    assert "KeyError: 'top'" in r.stderr


def test_process_exit_from_callback(tmp_path):
    r = run_script(tmp_path, """
        from nodehttp import timers, process
        process.on('exit', lambda code: print('exit event', code))
        def stop():
            process.exit(7)
            print('not reached')
        timers.setTimeout(stop, 5)
        timers.setTimeout(lambda: print('must not run'), 300)
    """)
    assert r.returncode == 7, r.stderr
    assert r.stdout.strip() == "exit event 7"


def test_exit_code_and_exit_event(tmp_path):
    r = run_script(tmp_path, """
        from nodehttp import process
        process.exitCode = 3
        process.on('beforeExit', lambda code: print('beforeExit', code))
        process.on('exit', lambda code: print('exit', code))
    """)
    assert r.returncode == 3
    assert r.stdout.split("\n")[:2] == ["beforeExit 3", "exit 3"]


def test_uncaught_exception_listener_keeps_process_alive(tmp_path):
    r = run_script(tmp_path, """
        from nodehttp import timers, process
        process.on('uncaughtException', lambda err: print('caught', err))
        def boom():
            raise RuntimeError('oops')
        timers.setTimeout(boom, 1)
        timers.setTimeout(lambda: print('still running'), 20)
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["caught oops", "still running"]


def test_nodehttp_run_at_end_of_plain_script(tmp_path):
    script = tmp_path / "plain.py"
    script.write_text(textwrap.dedent("""
        import nodehttp
        from nodehttp import timers
        timers.setTimeout(lambda: print('timer'), 10)
        nodehttp.run()
        print('after run')
    """))
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=20)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["timer", "after", "run"]


def test_ordering_nexttick_immediate_timeout():
    order = []

    def main():
        # Node orders a 1 ms timer and an immediate from the main module either
        # way (timers phase first when 1 ms has passed); 50 ms is unambiguous.
        timers.setTimeout(lambda: order.append("timeout"), 50)
        timers.setImmediate(lambda: order.append("immediate"))
        process.nextTick(lambda: order.append("tick1"))
        timers.setImmediate(lambda: process.nextTick(lambda: order.append("tick-in-immediate")))
        order.append("sync")

    nodehttp.run(main)
    assert order[:4] == ["sync", "tick1", "immediate", "tick-in-immediate"]
    assert order[-1] == "timeout"


def test_next_tick_runs_before_other_callbacks_queued_earlier():
    order = []

    def main():
        timers.setImmediate(lambda: order.append("immediate"))
        process.nextTick(lambda a, b: order.append(("tick", a, b)), 1, 2)

    nodehttp.run(main)
    assert order == [("tick", 1, 2), "immediate"]


def test_timers_fire_in_due_order_with_args():
    got = []

    def main():
        timers.setTimeout(got.append, 30, "c")
        timers.setTimeout(got.append, 10, "a")
        timers.setTimeout(got.append, 20, "b")

    nodehttp.run(main)
    assert got == ["a", "b", "c"]


def test_clear_timeout_and_interval():
    got = []

    def main():
        t = timers.setTimeout(lambda: got.append("never"), 5)
        timers.clearTimeout(t)
        timers.clearTimeout(None)
        n = [0]

        def tick():
            n[0] += 1
            got.append(n[0])
            if n[0] == 3:
                timers.clearInterval(iv)

        iv = timers.setInterval(tick, 2)
        im = timers.setImmediate(lambda: got.append("never-immediate"))
        timers.clearImmediate(im)

    nodehttp.run(main)
    assert got == [1, 2, 3]


def test_timeout_ref_unref_hasref():
    state = {}

    def main():
        t = timers.setTimeout(lambda: state.setdefault("fired", True), 10_000)
        assert t.hasRef() is True
        t.unref()
        state["unref"] = t.hasRef()
        t.ref()
        state["ref"] = t.hasRef()
        t.unref()

    t0 = time.monotonic()
    nodehttp.run(main)
    assert state == {"unref": False, "ref": True}
    assert time.monotonic() - t0 < 5  # the unref'd 10 s timer did not hold the loop


def test_refresh_postpones_timeout():
    got = []

    def main():
        start = loop.get_loop().time()
        t = timers.setTimeout(lambda: got.append(loop.get_loop().time() - start), 40)
        timers.setTimeout(t.refresh, 25)

    nodehttp.run(main)
    assert len(got) == 1 and got[0] >= 0.060


def test_refreshed_timer_fires_after_one_of_its_duration_armed_later():
    # Both 40 ms timers: a is armed first, refreshed at 20 ms, so it comes
    # due after b (armed at 10 ms); a timer armed by a callback of the same
    # duration does not run in the same pass; a refreshed-then-cleared one
    # never fires.
    got = []

    def main():
        a = timers.setTimeout(lambda: got.append("a"), 40)
        c = timers.setTimeout(lambda: got.append("c never"), 40)

        def arm_b():
            timers.setTimeout(lambda: (got.append("b"), timers.setTimeout(
                lambda: got.append("d"), 40)), 40)

        timers.setTimeout(arm_b, 10)
        timers.setTimeout(lambda: (a.refresh(), c.refresh()), 20)
        timers.setTimeout(lambda: timers.clearTimeout(c), 45)

    nodehttp.run(main)
    assert got == ["b", "a", "d"]


def test_interval_and_timeouts_of_one_duration_interleave_in_due_order():
    got = []

    def main():
        def tick():
            got.append("iv")
            if got.count("iv") == 3:
                timers.clearInterval(iv)

        iv = timers.setInterval(tick, 20)
        timers.setTimeout(lambda: timers.setTimeout(lambda: got.append("t"), 20), 30)

    nodehttp.run(main)
    assert got == ["iv", "iv", "t", "iv"]


def test_delay_below_one_becomes_one():
    got = []
    nodehttp.run(lambda: timers.setTimeout(lambda: got.append(1), -5))
    assert got == [1]


def test_run_inside_running_asyncio_program_does_not_block():
    got = []

    async def main():
        other = asyncio.ensure_future(asyncio.sleep(0.01, result="other"))
        timers.setTimeout(lambda: got.append("timer"), 20)
        await nodehttp.run()
        got.append(await other)

    asyncio.run(main())
    assert got == ["timer", "other"]


def test_in_process_uncaught_raises_system_exit():
    def main():
        timers.setTimeout(lambda: 1 / 0, 1)

    with pytest.raises(SystemExit) as info:
        nodehttp.run(main)
    assert info.value.code == 1


def test_callback_type_checked():
    with pytest.raises(TypeError) as info:
        timers.setTimeout("not callable", 1)
    assert info.value.code == "ERR_INVALID_CALLBACK"


def test_sigint_exits_quietly_like_node(tmp_path):
    import signal

    script = tmp_path / "server.py"
    script.write_text(textwrap.dedent("""
        from nodehttp import timers
        timers.setInterval(lambda: None, 1000)
        timers.setImmediate(lambda: print('ready', flush=True))  # the loop is running
    """))
    proc = subprocess.Popen([sys.executable, "-m", "nodehttp", str(script)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    # Killed by the signal itself, as Node (a shell shows 130).
    assert proc.returncode == -signal.SIGINT
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
