"""Node's ``process`` object: ``nextTick``, ``exit``, ``exitCode`` and its events.

``process`` is an :class:`~nodehttp.events.EventEmitter` with Node's events
``'exit'`` (code), ``'beforeExit'`` (code), ``'uncaughtException'`` (err) and
``'warning'`` (warning).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

from . import loop as _loop
from .events import EventEmitter

__all__ = ["process", "nextTick"]


class _Std:
    """``process.stdout`` / ``process.stderr``: ``write(s)`` as in Node."""

    def __init__(self, name: str) -> None:
        self._name = name

    def write(self, chunk: Any, encoding: str = "utf8", cb: Callable | None = None) -> bool:
        stream = getattr(sys, self._name)
        if isinstance(chunk, (bytes, bytearray)):
            stream.flush()
            stream.buffer.write(chunk)
        else:
            stream.write(chunk)
        stream.flush()
        if cb is not None:
            _loop.next_tick(cb)
        return True


class Warning_(Exception):
    """The object handed to ``'warning'`` listeners (Node's ``Warning``)."""

    def __init__(self, message: str, name: str = "Warning") -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class Process(EventEmitter):
    """Node's ``process``."""

    def __init__(self) -> None:
        super().__init__()
        self.exitCode: int | None = None
        self.env = os.environ
        self.pid = os.getpid()
        self.platform = sys.platform
        self.version = "v10.24.1"  # the Node API level nodehttp follows
        self.versions = {"node": "10.24.1", "python": sys.version.split()[0]}
        self.stdout = _Std("stdout")
        self.stderr = _Std("stderr")

    @property
    def argv(self) -> list[str]:
        """``[executable, script, *args]``, as Node's ``process.argv``."""
        return [sys.executable, *sys.argv]

    def nextTick(self, callback: Callable, *args: Any) -> None:
        """Run ``callback(*args)`` once the current operation completes."""
        if not callable(callback):
            from .errors import codes

            raise codes.ERR_INVALID_CALLBACK()
        _loop.next_tick(callback, *args)

    def exit(self, code: int | None = None) -> None:
        """Emit ``'exit'`` then end the process with ``code`` (default ``exitCode`` or 0)."""
        if code is None:
            code = self.exitCode or 0
        self.exitCode = code
        try:
            self.emit("exit", code)
        finally:
            raise _loop.ProcessExit(code)

    def cwd(self) -> str:
        """The current working directory."""
        return os.getcwd()

    def hrtime(self, prev: list[int] | None = None) -> list[int]:
        """``[seconds, nanoseconds]`` of a monotonic clock (relative to ``prev``)."""
        t = time.monotonic_ns()
        if prev is not None:
            t -= prev[0] * 1_000_000_000 + prev[1]
        return [t // 1_000_000_000, t % 1_000_000_000]

    def uptime(self) -> float:
        """Seconds since the module was loaded."""
        return time.monotonic() - _START

    def memoryUsage(self) -> dict[str, int]:
        """``{'rss': bytes, ...}`` (rss from /proc where available)."""
        rss = 0
        try:
            with open("/proc/self/statm") as f:
                rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:  # pragma: no cover
            pass
        return {"rss": rss, "heapTotal": 0, "heapUsed": 0, "external": 0}

    def emitWarning(self, warning: Any, type: str = "Warning", code: str | None = None) -> None:
        """Print ``(node:PID) Type: message`` to stderr and emit ``'warning'``."""
        w = warning if isinstance(warning, Warning_) else Warning_(str(warning), type)
        if code:
            w.code = code  # type: ignore[attr-defined]
        prefix = f"[{code}] " if code else ""
        sys.stderr.write(f"(node:{self.pid}) {prefix}{w.name}: {w.message}\n")
        _loop.next_tick(self.emit, "warning", w)


_START = time.monotonic()

#: The process object.
process = Process()
nextTick = process.nextTick
