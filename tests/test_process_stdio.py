"""``process.stdin``/``stdout``/``stderr`` as Node's streams, in real subprocesses
(a pipe, a file, a terminal on each end)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import textwrap

TIMEOUT = 30

READER = """
    from nodehttp import process
    chunks = []
    process.stdin.on('data', lambda d: chunks.append(d))
    process.stdin.on('end', lambda: print('end', b''.join(chunks).decode(), flush=True))
    process.on('exit', lambda code: print('exit', code))
"""


def script(tmp_path, source: str) -> str:
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(source))
    return str(path)


def test_stdin_pipe_is_read_until_end_and_keeps_alive_while_reading(tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "nodehttp", script(tmp_path, READER)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdin.write(b"hello ")
    p.stdin.flush()
    # The script waits for more input: it is reading, so it stays alive.
    p.stdin.write(b"world")
    out, err = p.communicate(timeout=TIMEOUT)  # closes stdin: 'end'
    assert p.returncode == 0, err
    assert out == b"end hello world\nexit 0\n"


def test_stdin_file_is_read(tmp_path):
    data = tmp_path / "in.txt"
    data.write_bytes(b"x" * 200_000 + b"!")
    with open(data, "rb") as f:
        r = subprocess.run([sys.executable, "-m", "nodehttp", script(tmp_path, """
            from nodehttp import process
            n = [0]
            def ondata(d):
                n[0] += len(d)
            process.stdin.on('data', ondata)
            process.stdin.on('end', lambda: print('end', n[0]))
        """)], stdin=f, capture_output=True, timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"end 200001\n"


def test_stdin_not_read_does_not_keep_alive(tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "nodehttp", script(tmp_path, """
        from nodehttp import process
        print(process.stdin.isTTY, process.stdin.fd)
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        code = p.wait(timeout=TIMEOUT)  # stdin stays open: only reading would keep it alive
        out, err = p.stdout.read(), p.stderr.read()
    finally:
        p.stdin.close()
        p.stdout.close()
        p.stderr.close()
    assert code == 0, err
    assert out == b"None 0\n"


def test_stdout_writes_keep_order_with_print_and_report_the_pipe(tmp_path):
    r = subprocess.run([sys.executable, "-m", "nodehttp", script(tmp_path, """
        from nodehttp import process
        print('one')
        ok = process.stdout.write(b'two\\n')
        print('three')
        process.stdout.write('four\\n', lambda *_: print('callback'))
        process.stderr.write('err\\n')
        print(ok, process.stdout.isTTY, process.stdout.columns, process.stdout.fd, process.stderr.fd)
        process.stdout.end('five\\n')
        process.stdout.on('finish', lambda: print('finish'))
    """)], capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "one\ntwo\nthree\nfour\nTrue None None 1 2\nfive\ncallback\nfinish\n"
    assert r.stderr == "err\n"


def test_stdout_on_a_terminal_is_a_tty_with_columns(tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        p = subprocess.Popen([sys.executable, "-m", "nodehttp", script(tmp_path, """
            import sys
            from nodehttp import process
            out = process.stdout
            sys.stderr.write(f'{out.isTTY} {out.columns} {out.rows} {out.getWindowSize()}\\n')
        """)], stdout=slave, stderr=subprocess.PIPE, text=True)
        _, err = p.communicate(timeout=TIMEOUT)
    finally:
        os.close(slave)
        os.close(master)
    assert p.returncode == 0, err
    assert err == "True 80 24 [80, 24]\n"


def test_pipe_a_readable_into_stdout_in_process(capsys):
    import nodehttp
    from nodehttp import process
    from nodehttp.stream import Readable

    r = Readable({"read": lambda n: None})
    r.pipe(process.stdout)
    r.push(b"a\n")
    r.push("b\n")
    r.push(None)
    nodehttp.run()
    assert capsys.readouterr().out == "a\nb\n"


def test_a_pipe_into_stdout_does_not_end_it(tmp_path):
    """Node's pipe() never ends process.stdout/stderr: a write after the piped
    stream ended still reaches the terminal (no write-after-end)."""
    r = subprocess.run([sys.executable, "-m", "nodehttp", script(tmp_path, """
        from nodehttp import process, stream
        r = stream.Readable({'read': lambda size: None})
        r.pipe(process.stdout)
        r.on('end', lambda: process.nextTick(
            lambda: process.stdout.write('after the pipe ended\\n')))
        r.push(b'piped\\n')
        r.push(None)
    """)], capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "piped\nafter the pipe ended\n"
