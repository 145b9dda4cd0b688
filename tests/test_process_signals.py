"""Signals: ``process.on('SIGTERM', fn)`` and friends, ``process.kill``, and the
default action (death by the signal, no traceback) under ``python -m nodehttp``
and ``nodehttp.run()`` alike."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import urllib.request

import pytest

from nodehttp import process

TIMEOUT = 30


def spawn(tmp_path, source: str, how: str = "-m") -> subprocess.Popen:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    argv = [sys.executable, "-m", "nodehttp", str(script)] if how == "-m" else \
        [sys.executable, str(script)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("how", ["-m", "run"])
@pytest.mark.parametrize("where", ["loop", "callback"])
def test_sigint_without_listener_kills_by_the_signal_without_traceback(tmp_path, how, where):
    # The loop is idle in 'loop'; in 'callback' the signal lands while Python
    # code runs inside a timer callback (KeyboardInterrupt inside an entry).
    busy = "1" if where == "callback" else "0"
    p = spawn(tmp_path, f"""
        import time
        import nodehttp
        from nodehttp import timers
        def ready():
            print('ready', flush=True)
            if {busy}:
                time.sleep(60)
        timers.setInterval(lambda: None, 1000)
        timers.setImmediate(ready)
        nodehttp.run()
    """, how)
    assert p.stdout.readline() == "ready\n"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=TIMEOUT)
    assert p.returncode == -signal.SIGINT, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize("how", ["-m", "run"])
def test_sigterm_listener_replaces_the_default_and_removal_restores_it(tmp_path, how):
    p = spawn(tmp_path, """
        import nodehttp
        from nodehttp import process, timers
        keep = timers.setInterval(lambda: None, 1000)
        def onterm(*args):
            process.removeListener('SIGTERM', onterm)
            print('got', *args, flush=True)
        process.on('SIGTERM', onterm)
        process.on('SIGINT', lambda name: print('int', name, flush=True))
        timers.setImmediate(lambda: print('ready', flush=True))
        nodehttp.run()
    """, how)
    assert p.stdout.readline() == "ready\n"
    p.send_signal(signal.SIGINT)
    assert p.stdout.readline() == "int SIGINT\n"
    p.send_signal(signal.SIGTERM)
    assert p.stdout.readline() == f"got SIGTERM {int(signal.SIGTERM)}\n"
    p.send_signal(signal.SIGTERM)  # no listener now: the default action
    out, err = p.communicate(timeout=TIMEOUT)
    assert p.returncode == -signal.SIGTERM, err
    assert err == ""


def test_graceful_shutdown_on_sigterm_finishes_the_request_in_flight(tmp_path):
    # The recipe of docs/loop-and-events.md: SIGTERM -> stop accepting,
    # finish what is in flight, exit 0.
    p = spawn(tmp_path, """
        from nodehttp import http, process, timers
        def handler(req, res):
            print('request', flush=True)
            timers.setTimeout(lambda: res.end('done'), 300)
        server = http.createServer(handler)
        def shutdown(signal):
            print('shutting down', flush=True)
            server.close(lambda *_: print('closed', flush=True))
        process.on('SIGTERM', shutdown)
        server.listen(0, '127.0.0.1', lambda: print(server.address()['port'], flush=True))
        process.on('exit', lambda code: print('exit', code))
    """)
    port = int(p.stdout.readline())
    conn = __import__("http.client").client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    conn.request("GET", "/", headers={"Connection": "close"})
    assert p.stdout.readline() == "request\n"
    p.send_signal(signal.SIGTERM)
    assert p.stdout.readline() == "shutting down\n"
    res = conn.getresponse()
    assert (res.status, res.read()) == (200, b"done")
    conn.close()
    out, err = p.communicate(timeout=TIMEOUT)
    assert p.returncode == 0, err
    assert out == "closed\nexit 0\n"
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)


def test_kill_signal_zero_and_errors():
    assert process.kill(os.getpid(), 0) is True
    with pytest.raises(Exception) as info:
        process.kill(os.getpid(), 999)
    assert (info.value.code, str(info.value), info.value.syscall) == ("EINVAL", "kill EINVAL", "kill")
    with pytest.raises(TypeError) as info:
        process.kill(os.getpid(), "SIGFOO")
    assert info.value.code == "ERR_UNKNOWN_SIGNAL"
    assert str(info.value) == "Unknown signal: SIGFOO"
    with pytest.raises(TypeError) as info:
        process.kill("1")
    assert info.value.code == "ERR_INVALID_ARG_TYPE"
    with pytest.raises(Exception) as info:
        process.on("SIGKILL", lambda: None)
    assert (info.value.code, str(info.value)) == ("EINVAL", "uv_signal_start EINVAL")
    assert process.listenerCount("SIGKILL") == 0


def test_signal_listener_in_process_fires_and_removal_uninstalls(tmp_path):
    import nodehttp
    from nodehttp import loop, timers

    got = []

    def onusr2(name, num):
        got.append((name, num))
        process.removeListener("SIGUSR2", onusr2)
        keep.close()

    process.on("SIGUSR2", onusr2)
    keep = timers.setInterval(lambda: None, 1000)
    timers.setImmediate(lambda: process.kill(process.pid, "SIGUSR2"))
    nodehttp.run()
    assert got == [("SIGUSR2", int(signal.SIGUSR2))]
    assert process._signalWraps == set()
    assert loop.current() is None


def test_sigpipe_listener_removed_leaves_sigpipe_ignored():
    from nodehttp import loop

    def f(*_):
        pass

    loop.get_loop()
    process.on("SIGPIPE", f)
    process.removeListener("SIGPIPE", f)
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN
