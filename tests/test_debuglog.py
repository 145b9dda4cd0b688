"""NODE_DEBUG (Node's util.debuglog) and the nodehttp.* logging loggers."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

from nodehttp import debuglog as dl
from nodehttp import util

SCRIPT = textwrap.dedent("""
    from nodehttp import http, util
    util.debuglog('app')('hello %s', 'world')
    srv = http.createServer(lambda req, res: res.end('x'))
    def go():
        http.get({'port': srv.address()['port'], 'host': '127.0.0.1'},
                 lambda res: (res.resume(), srv.close()))
    srv.listen(0, '127.0.0.1', go)
""")


def run(tmp_path, node_debug: str | None) -> subprocess.CompletedProcess:
    script = tmp_path / "app.py"
    script.write_text(SCRIPT)
    env = dict(os.environ)
    env.pop("NODE_DEBUG", None)
    if node_debug is not None:
        env["NODE_DEBUG"] = node_debug
    return subprocess.run([sys.executable, "-m", "nodehttp", str(script)], capture_output=True,
                          text=True, timeout=60, env=env)


def test_node_debug_prints_nodes_lines_for_the_named_sections(tmp_path):
    r = run(tmp_path, "net, APP")
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    pid_lines = [ln.split(" ", 2) for ln in lines]
    assert ["APP", pid_lines[0][1], "hello world"] == pid_lines[0]
    assert all(p[1].endswith(":") and p[1][:-1].isdigit() for p in pid_lines)
    assert any(ln.startswith("NET ") and ln.endswith(": onconnection") for ln in lines)
    assert any(ln.startswith("NET ") and "listen2 { address: '127.0.0.1'" in ln for ln in lines)


def test_sections_match_with_wildcards_and_nothing_is_printed_without_node_debug(tmp_path):
    assert run(tmp_path, None).stderr == ""
    r = run(tmp_path, "n*")
    assert any(ln.startswith("NET ") for ln in r.stderr.splitlines())
    assert not any(ln.startswith("APP ") for ln in r.stderr.splitlines())


def test_the_nodehttp_logger_gets_the_same_lines_when_configured(caplog):
    log = util.debuglog("net")
    assert log is dl.debuglog("NET")  # one per section, case-insensitive
    assert not log.stderr
    log("silent %d", 1)  # logger not at DEBUG: nothing recorded
    assert caplog.records == []
    with caplog.at_level(logging.DEBUG, logger="nodehttp"):
        assert log.enabled
        log("listen2 %s", "x")
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("nodehttp.net", "listen2 x")]
