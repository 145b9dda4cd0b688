"""How an uncaught error is reported: Node's ``Name [CODE]: message`` line, the
emitter of an unhandled 'error' event, where an error emitted on a later tick
was created, Python's own hints kept, and no httptools wrapper in the chain."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(tmp_path, source: str) -> subprocess.CompletedProcess:
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent(source))
    return subprocess.run([sys.executable, "-m", "nodehttp", str(script)], capture_output=True,
                          text=True, timeout=60)


SERVER = """
    from nodehttp import http
    def handler(req, res):
        HANDLER
    srv = http.createServer(handler)
    def go():
        http.get({'port': srv.address()['port']}, lambda res: None).on('error', lambda e: None)
    srv.listen(0, '127.0.0.1', go)
"""


def test_a_node_error_reports_its_name_and_code_and_the_user_line(tmp_path):
    r = run(tmp_path, SERVER.replace("HANDLER", "res.setHeader('X-Bad', 'a\\nb')"))
    assert r.returncode == 1
    lines = r.stderr.rstrip().splitlines()
    assert lines[-1] == 'TypeError [ERR_INVALID_CHAR]: Invalid character in header content ["X-Bad"]'
    assert "res.setHeader('X-Bad'" in r.stderr  # the user's own line is in the stack
    # The parser's callback wrapper is not chained onto the user's exception.
    assert "HttpParserCallbackError" not in r.stderr
    assert "During handling" not in r.stderr


def test_unhandled_error_event_names_the_emitter_and_where_the_error_was_created(tmp_path):
    r = run(tmp_path, SERVER.replace("HANDLER", "res.end('x'); res.write('late')"))
    assert r.returncode == 1
    err = r.stderr
    assert "Error [ERR_STREAM_WRITE_AFTER_END]: write after end" in err
    assert "Unhandled 'error' event: emitted on ServerResponse instance" in err
    created = err.split("Error created at (most recent call last):", 1)[1]
    assert "res.end('x'); res.write('late')" in created


def test_python_errors_keep_the_interpreters_hints(tmp_path):
    r = run(tmp_path, """
        import nodehttp
        def f():
            undefined_nam = 1
            print(undefined_name)
        nodehttp.timers.setTimeout(f, 1)
    """)
    assert r.returncode == 1
    assert "NameError: name 'undefined_name' is not defined" in r.stderr
    assert "Did you mean: 'undefined_nam'?" in r.stderr


def test_err_stack_is_nodes_shape():
    from nodehttp.errors import codes

    def make():
        return codes.ERR_INVALID_ARG_TYPE("name", "string", 5)

    err = make()
    first, second = err.stack.splitlines()[:2]
    assert first.startswith("TypeError [ERR_INVALID_ARG_TYPE]: The \"name\" argument")
    assert second.strip().startswith("at make (") and "test_report.py" in second
