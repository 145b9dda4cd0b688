"""cluster: the primary/worker protocol, each run as real processes.

The differential cases (conformance/node/cluster_*) pin event order against
Node 10; these tests pin what Node's output cannot show: the script-mode
launcher, the IPC channel's framing and descriptor passing, handle cleanup in
the primary, and a worker's fate when its primary dies.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap

import pytest

from nodehttp import _ipc
from nodehttp import loop as _loop

TIMEOUT = 60


def run_script(tmp_path, source: str, *, module: bool = True, env: dict | None = None,
               args: tuple = ()) -> subprocess.CompletedProcess:
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent(source))
    argv = [sys.executable, "-m", "nodehttp", str(script)] if module else \
        [sys.executable, str(script)]
    full_env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    return subprocess.run([*argv, *args], capture_output=True, text=True, timeout=TIMEOUT,
                          env=full_env, cwd=tmp_path)


ROUND_TRIP = """
    import sys
    import nodehttp
    from nodehttp import cluster, http, process

    if cluster.isPrimary:
        w = cluster.fork()
        def on_listening(addr):
            def on_res(res):
                body = []
                res.on('data', body.append)
                res.on('end', lambda: (print('primary got', b''.join(body).decode()),
                                       w.disconnect()))
            http.get({'port': addr['port'], 'host': '127.0.0.1'}, on_res)
        w.on('listening', on_listening)
        w.on('exit', lambda code, sig: print('exit', code, sig))
    else:
        http.createServer(lambda req, res: res.end('worker %d argv %s' % (
            cluster.worker.id, sys.argv[1:]))).listen(0, '127.0.0.1')
    RUN
"""


def test_script_mode_forks_the_same_script_with_its_arguments(tmp_path):
    """A script run as ``python app.py`` ending in ``nodehttp.run()`` forks
    ``python app.py`` (with the same arguments), as Node re-executes argv[1]."""
    res = run_script(tmp_path, ROUND_TRIP.replace("RUN", "nodehttp.run()"), module=False,
                     args=("a", "b"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["primary got worker 1 argv ['a', 'b']", "exit 0 None"]


def test_module_mode_forks_through_python_m_nodehttp(tmp_path):
    res = run_script(tmp_path, ROUND_TRIP.replace("RUN", ""), args=("x",))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["primary got worker 1 argv ['x']", "exit 0 None"]


def test_policy_from_environment(tmp_path):
    """``NODE_CLUSTER_SCHED_POLICY=none`` selects SCHED_NONE, as in Node."""
    res = run_script(tmp_path, """
        from nodehttp import cluster
        print(cluster.schedulingPolicy == cluster.SCHED_NONE)
    """, env={"NODE_CLUSTER_SCHED_POLICY": "none"})
    assert res.stdout.strip() == "True"


def test_primary_closes_the_listening_socket_when_its_last_worker_lets_go(tmp_path):
    """The round-robin handle is shared per address; when the worker closes its
    server the primary closes the socket, so the port can be bound again."""
    res = run_script(tmp_path, """
        import socket
        from nodehttp import cluster, net, process

        if cluster.isPrimary:
            w = cluster.fork()
            def on_message(port):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(('127.0.0.1', port))
                    s.listen()
                    print('port free again')
                except OSError as exc:
                    print('still bound', exc)
                s.close()
                w.kill()
            w.on('message', on_message)
        else:
            srv = net.createServer()
            def on_listening():
                port = srv.address()['port']
                srv.close(lambda: process.send(port))
            srv.listen(0, '127.0.0.1', on_listening)
    """)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["port free again"]


def test_worker_exits_when_its_primary_dies(tmp_path):
    """A worker does not outlive its primary: the channel closes and the
    worker exits 0 although its server still listens."""
    res = run_script(tmp_path, """
        import os
        from nodehttp import cluster, http, process

        if cluster.isPrimary:
            w = cluster.fork()
            w.on('listening', lambda addr: (print(w.process.pid), os._exit(0)))
        else:
            http.createServer(lambda req, res: res.end()).listen(0, '127.0.0.1')
    """)
    assert res.returncode == 0, res.stderr
    pid = int(res.stdout.split()[0])
    # The worker notices EOF on its channel and exits: wait for that (bounded).
    try:
        pidfd = os.pidfd_open(pid)
    except ProcessLookupError:
        return  # already gone
    try:
        readable, _, _ = select.select([pidfd], [], [], TIMEOUT)
    finally:
        os.close(pidfd)
    if not readable:
        os.kill(pid, 9)
        pytest.fail("the worker outlived its primary")


def test_setup_master_settings_and_setup_event(tmp_path):
    res = run_script(tmp_path, """
        from nodehttp import cluster
        cluster.on('setup', lambda s: print('setup', s['args'], s['silent']))
        cluster.setupMaster({'args': ['--flag'], 'silent': True})
        print('settings', cluster.settings['args'], cluster.settings['exec'].endswith('app.py'))
    """)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["settings ['--flag'] True", "setup ['--flag'] True"]


def test_silent_worker_output_is_piped_not_inherited(tmp_path):
    res = run_script(tmp_path, """
        from nodehttp import cluster
        if cluster.isPrimary:
            cluster.setupMaster({'silent': True})
            w = cluster.fork()
            w.on('exit', lambda code, sig: print('primary saw', code,
                                                  w.process.stdout.read().decode().strip()))
        else:
            print('from the worker')
            cluster.worker.disconnect()  # a worker lives until disconnected, as in Node
    """)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["primary saw 0 from the worker"]


# -- the channel on its own ---------------------------------------------------------

def test_channel_delivers_lines_in_order_and_passes_a_descriptor(tmp_path):
    """Messages arrive in order, split or merged across reads; a descriptor
    sent with a message arrives with that message."""
    a, b = _ipc.socketpair()
    got: list = []
    done = _loop.get_loop().create_future()

    def onmessage(message, fd):
        got.append((message, fd))
        if message == "last":
            done.set_result(None)

    peer = _ipc.Channel(b, onmessage, lambda: None)
    sender = _ipc.Channel(a, lambda m, f: None, lambda: None)
    r, w = os.pipe()
    try:
        sender.send({"n": 1})
        sender.send({"with": "fd"}, w)
        sender.send([1, "two", None])
        sender.send("last")
        _loop.get_loop().run_until_complete(done)
        assert [m for m, _ in got] == [{"n": 1}, {"with": "fd"}, [1, "two", None], "last"]
        fds = [fd for _, fd in got]
        assert fds[0] is None and fds[2] is None and fds[3] is None
        assert fds[1] is not None
        os.write(fds[1], b"through the passed descriptor")
        assert os.read(r, 100) == b"through the passed descriptor"
        os.close(fds[1])
    finally:
        sender.disconnect()
        peer.disconnect()
        os.close(r)
        os.close(w)


def test_channel_disconnect_runs_once_and_refuses_sends():
    a, b = _ipc.socketpair()
    seen: list = []
    done = _loop.get_loop().create_future()
    peer = _ipc.Channel(b, lambda m, f: None, lambda: (seen.append("peer"), done.set_result(None)))
    ch = _ipc.Channel(a, lambda m, f: None, lambda: seen.append("local"))
    ch.ref()
    ch.disconnect()
    ch.disconnect()
    assert ch.send("x") is False
    assert not ch.refed
    _loop.get_loop().run_until_complete(done)
    assert seen == ["local", "peer"]
    assert not peer.connected
