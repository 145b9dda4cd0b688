"""``python -m nodehttp``'s command line: node's options (-h, -v, -e, -p, stdin)."""

from __future__ import annotations

import subprocess
import sys

import nodehttp


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nodehttp", *args], capture_output=True,
                          text=True, input=stdin, timeout=60)


def test_help_and_version():
    r = cli("--help")
    assert r.returncode == 0 and r.stdout.startswith("usage: python -m nodehttp")
    r = cli("-v")
    assert r.returncode == 0
    assert r.stdout.strip() == f"nodehttp {nodehttp.__version__} (Node v10.24.1 API)"


def test_eval_runs_the_code_then_the_loop_with_node_argv():
    """``node -e CODE a b``: process.argv is [execPath, 'a', 'b'], and timers
    the code starts still run."""
    r = cli("-e", "from nodehttp import timers\n"
                  "timers.setTimeout(lambda: print('later', process.argv[1:]), 5)\n"
                  "print('now')", "a", "b")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["now", "later ['a', 'b']"]


def test_print_shows_the_value_as_node_inspects_it():
    r = cli("-p", "{'a': 1, 'b': [1, 2], 'c': None}")
    assert r.stdout.strip() == "{ a: 1, b: [ 1, 2 ], c: null }"


def test_program_from_stdin_when_not_a_terminal():
    r = cli(stdin="print('from stdin', process.argv[1:])")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "from stdin []"


def test_bad_option_and_missing_eval_argument_exit_9_as_node():
    assert cli("--bogus").returncode == 9
    r = cli("-e")
    assert r.returncode == 9 and "requires an argument" in r.stderr


def test_uncaught_exception_in_eval_exits_1():
    r = cli("-e", "raise ValueError('boom')")
    assert r.returncode == 1
    assert "ValueError: boom" in r.stderr
