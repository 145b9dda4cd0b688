"""``python -m nodehttp [options] [script.py [args]]``: run a script, then the
loop, as ``node script.js`` does.

The script's top level runs with ``__name__ == '__main__'`` and
``sys.argv == [script, *args]``; then the loop runs until nothing referenced
is left.  The exit status is Node's: 0, 1 after an uncaught exception, or the
code given to ``process.exit``/``process.exitCode``; a signal with no
listener (SIGINT/Ctrl-C included) kills the process by that signal, with no
traceback, exactly as ``nodehttp.run()`` does.

Options, as ``node``'s: ``-h``/``--help``, ``-v``/``--version``,
``-e``/``--eval CODE`` (run CODE as the script, then the loop),
``-p``/``--print CODE`` (the same, printing the value of an expression).
With no script, an interactive prompt starts (the nodehttp modules imported;
type ``run()`` to run the loop until it is idle).
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
from typing import Any

from . import __version__, loop

USAGE = """\
usage: python -m nodehttp [options] [script.py [arguments]]

Runs script.py, then the event loop until nothing referenced is left, as
`node script.js` does (exit status 0, 1 after an uncaught exception, or what
process.exit() gives).

options:
  -h, --help         print this help and exit
  -v, --version      print nodehttp's version and the Node API level it follows
  -e, --eval CODE    run CODE (Python) as the script, then the loop
  -p, --print CODE   evaluate the expression CODE, print its value, then the loop

With no script, an interactive prompt starts with the nodehttp modules imported.
"""


def _run_entry(fn: Any, *args: Any) -> int:
    """Run ``fn(*args)`` as the script's top level, then the loop."""
    loop.get_loop()
    loop.state.running = True  # the script's own nodehttp.run() becomes a no-op inside us
    try:
        try:
            loop.entry(fn, *args)
        finally:
            loop.state.running = False
        loop.run()
    except KeyboardInterrupt:
        # SIGINT with no 'SIGINT' listener: Node dies by the signal itself,
        # without a trace (the shell reports 128 + 2), and so do we.
        loop.die_by_signal(signal.SIGINT)
    return 0


def _eval(code: str, print_value: bool) -> None:
    import nodehttp

    namespace: dict[str, Any] = {"__name__": "__main__", "nodehttp": nodehttp,
                                 "require": nodehttp.require}
    for name in ("http", "net", "events", "stream", "timers", "url", "querystring", "Buffer"):
        namespace[name] = getattr(nodehttp, name)
    namespace["process"] = nodehttp.process
    if print_value:
        value = eval(compile(code, "[eval]", "eval"), namespace)
        from .util import inspect

        print(value if isinstance(value, str) else inspect(value))
    else:
        exec(compile(code, "[eval]", "exec"), namespace)


def _repl() -> int:
    import code

    import nodehttp

    namespace: dict[str, Any] = {"nodehttp": nodehttp, "require": nodehttp.require,
                                 "run": nodehttp.run}
    for name in ("http", "net", "events", "stream", "timers", "url", "querystring", "Buffer",
                 "process"):
        namespace[name] = getattr(nodehttp, name)
    banner = (f"nodehttp {__version__} (Node {nodehttp.process.version} API) on Python "
              f"{sys.version.split()[0]}\nThe nodehttp modules are imported; run() runs the "
              "loop until nothing referenced is left.")
    code.interact(banner=banner, local=namespace, exitmsg="")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0
    if argv and argv[0] in ("-v", "--version"):
        from ._process import process

        print(f"nodehttp {__version__} (Node {process.version} API)")
        return 0
    if argv and argv[0] in ("-e", "--eval", "-p", "--print"):
        if len(argv) < 2:
            sys.stderr.write(f"python -m nodehttp: {argv[0]} requires an argument\n")
            return 9  # node's exit status for an invalid argument
        sys.argv = ["-c", *argv[2:]]  # as `python -c`: process.argv has no script (node -e)
        return _run_entry(_eval, argv[1], argv[0] in ("-p", "--print"))
    if argv and argv[0].startswith("-") and argv[0] != "-":
        sys.stderr.write(f"python -m nodehttp: bad option: {argv[0]}\n{USAGE}")
        return 9
    if not argv:
        if sys.stdin.isatty():
            return _repl()
        # `node < script.js`: the program comes from standard input.
        source = sys.stdin.read()
        sys.argv = ["-"]  # as `python -`: the program came from standard input
        return _run_entry(_eval, source, False)
    script = argv[0]
    sys.argv = [script, *argv[1:]]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    return _run_entry(runpy.run_path, script, None, "__main__")


if __name__ == "__main__":
    sys.exit(main())
