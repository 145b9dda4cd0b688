"""``python -m nodehttp script.py [args]``: run a script, then the loop, as ``node script.js``.

The script's top level runs with ``__name__ == '__main__'`` and
``sys.argv == [script, *args]``; then the loop runs until nothing referenced
is left.  The exit status is Node's: 0, 1 after an uncaught exception, or the
code given to ``process.exit``/``process.exitCode``; a signal with no
listener (SIGINT/Ctrl-C included) kills the process by that signal, with no
traceback, exactly as ``nodehttp.run()`` does.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys

from . import loop


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.stderr.write("usage: python -m nodehttp script.py [args...]\n")
        return 2
    script = argv[0]
    sys.argv = [script, *argv[1:]]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    loop.get_loop()
    loop._running = True  # the script's own nodehttp.run() becomes a no-op inside us
    try:
        try:
            loop.entry(runpy.run_path, script, None, "__main__")
        finally:
            loop._running = False
        loop.run()
    except KeyboardInterrupt:
        # SIGINT with no 'SIGINT' listener: Node dies by the signal itself,
        # without a trace (the shell reports 128 + 2), and so do we.
        loop.die_by_signal(signal.SIGINT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
