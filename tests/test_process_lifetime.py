"""Process lifetime: which handles keep ``python -m nodehttp script.py`` alive.

libuv's rule, which nodehttp follows (nodehttp/loop.py): a handle keeps the
loop alive only while it is *active* and referenced.  A TCP socket is active
while connecting, reading (read started, no EOF yet), with unsent bytes, or
closing.  Each test runs a small script in a subprocess and checks its exit
status and output; a script that never exits fails by the bounded timeout.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

TIMEOUT = 30


def start(tmp_path, source: str, *args: str) -> subprocess.Popen:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    return subprocess.Popen([sys.executable, "-m", "nodehttp", str(script), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(tmp_path, source: str, *args: str) -> subprocess.CompletedProcess:
    p = start(tmp_path, source, *args)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        pytest.fail(f"the script did not exit (Node would): {out!r} {err[-2000:]!r}")
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


@pytest.fixture
def peer():
    """A plain listening socket in the test process: a peer outside the script's loop."""
    ls = socket.create_server(("127.0.0.1", 0))
    ls.settimeout(TIMEOUT)
    yield ls
    ls.close()


def test_half_open_socket_after_fin_does_not_keep_alive(tmp_path, peer):
    # The script's socket (allowHalfOpen) gets our FIN: it stops reading, so
    # nothing keeps the process alive although the socket is still open.
    p = start(tmp_path, """
        import sys
        from nodehttp import net, process
        c = net.Socket({'allowHalfOpen': True})
        c.on('end', lambda: print('end', c.writable, c.destroyed, flush=True))
        c.connect(int(sys.argv[1]), '127.0.0.1')
        c.resume()
        process.on('exit', lambda code: print('exit', code))
    """, str(peer.getsockname()[1]))
    conn, _ = peer.accept()
    conn.shutdown(socket.SHUT_WR)
    out, err = p.communicate(timeout=TIMEOUT)
    conn.close()
    assert p.returncode == 0, err
    assert out.split("\n")[:2] == ["end True False", "exit 0"]


def test_unsent_bytes_keep_an_inactive_socket_alive_until_written(tmp_path, peer):
    # After EOF the socket is not reading; the 4 MiB it then writes are still
    # in its buffer (we read slowly): like libuv's pending write requests they
    # keep the process alive until the kernel has them all.
    size = 4 * 1024 * 1024
    p = start(tmp_path, """
        import sys
        from nodehttp import net
        c = net.Socket({'allowHalfOpen': True})
        def onend():
            c.write(b'x' * int(sys.argv[2]))
            print('wrote', flush=True)
        c.on('end', onend)
        c.connect(int(sys.argv[1]), '127.0.0.1')
        c.resume()
    """, str(peer.getsockname()[1]), str(size))
    conn, _ = peer.accept()
    conn.settimeout(TIMEOUT)
    conn.shutdown(socket.SHUT_WR)
    assert p.stdout.readline() == "wrote\n"
    got = 0
    while got < size:
        chunk = conn.recv(65536)
        if not chunk:
            break
        got += len(chunk)
    conn.close()
    p.communicate(timeout=TIMEOUT)
    assert got == size
    assert p.returncode == 0


def test_unref_socket_lets_process_exit_and_ref_restores(tmp_path, peer):
    # A connected, reading socket is active; unref() lets the process go,
    # ref() makes it count again.
    p = start(tmp_path, """
        import sys
        from nodehttp import net, timers
        c = net.connect(int(sys.argv[1]), '127.0.0.1')
        c.on('connect', lambda: print('connected', flush=True))
        c.unref()
        if sys.argv[2] == 'ref':
            timers.setTimeout(c.ref, 1)
    """, str(peer.getsockname()[1]), "unref")
    conn, _ = peer.accept()
    out, err = p.communicate(timeout=TIMEOUT)
    assert p.returncode == 0, err
    conn.close()
    p = start(tmp_path, """
        import sys
        from nodehttp import net, timers
        c = net.connect(int(sys.argv[1]), '127.0.0.1')
        c.on('connect', lambda: print('connected', flush=True))
        c.on('end', lambda: print('end', flush=True))
        c.unref()
        timers.setTimeout(c.ref, 1)
    """, str(peer.getsockname()[1]))
    conn, _ = peer.accept()
    assert p.stdout.readline() == "connected\n"
    # Still alive because of ref(): it exits only once we end the connection.
    conn.shutdown(socket.SHUT_WR)
    out, err = p.communicate(timeout=TIMEOUT)
    conn.close()
    assert p.returncode == 0, err
    assert out == "end\n"


def test_http_client_socket_ending_after_a_parse_error_exits(tmp_path):
    # The response is bad: the request errors, its socket is destroyed and
    # nothing is left to keep the process alive.
    r = run(tmp_path, """
        from nodehttp import http, net
        def onconnection(s):
            s.on('data', lambda d: s.end(b'HTTP/1.1 200 OK\\r\\nContent-Length: x\\r\\n\\r\\nhello'))
        srv = net.createServer(onconnection)
        def go():
            req = http.get({'port': srv.address()['port'], 'host': '127.0.0.1'})
            req.on('error', lambda e: (print('error', e.code), srv.close()))
        srv.listen(0, '127.0.0.1', go)
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "error HPE_INVALID_CONTENT_LENGTH\n"


def test_http_server_socket_after_client_fin_does_not_keep_alive(tmp_path):
    # A keep-alive client that sent a request then FIN: the server socket
    # answers, sees EOF and is done reading; server.close() then lets the
    # process exit although the response socket is not yet destroyed.
    r = run(tmp_path, """
        from nodehttp import http, net
        def handler(req, res):
            res.end('ok')
            srv.close()
        srv = http.createServer(handler)
        srv.setTimeout(60000)
        def go():
            c = net.connect(srv.address()['port'], '127.0.0.1')
            c.end(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')
            c.on('data', lambda d: print(d.split(b'\\r\\n')[0].decode()))
            c.on('end', lambda: print('client end'))
        srv.listen(0, '127.0.0.1', go)
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "HTTP/1.1 200 OK\nclient end\n"


def test_socket_ref_follows_reading_and_unref_in_process():
    import nodehttp
    from nodehttp import loop, net

    seen = []

    def onconnection(s):
        base = loop.refs()
        s._pauseReading()           # readStop: inactive
        seen.append(base - loop.refs())
        s.unref()
        s._resumeReading()          # reading again, but unref'd
        seen.append(base - loop.refs())
        s.ref()                     # counts again: it is active
        seen.append(base - loop.refs())
        s.destroy()
        client.destroy()
        srv.close()

    srv = net.createServer(onconnection)
    client = None

    def go():
        nonlocal client
        client = net.connect(srv.address()["port"], "127.0.0.1")

    srv.listen(0, "127.0.0.1", go)
    nodehttp.run()
    assert seen == [1, 1, 0]
