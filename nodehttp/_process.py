"""Node's ``process`` object: lifetime events, signals, stdio and facts about the process.

``process`` is an :class:`~nodehttp.events.EventEmitter` with Node's events
``'exit'`` (code), ``'beforeExit'`` (code), ``'uncaughtException'`` (err),
``'warning'`` (warning) and the signal events.

Invariants kept here:

* Signals are Node's ``startListeningIfSignal``/``stopListeningIfNoListener``:
  the first listener of a signal name (``'SIGTERM'``, ``'SIGINT'``, …, any
  name of :class:`signal.Signals`) installs a handler on the loop
  (``loop.add_signal_handler``), which replaces the default action (the
  process no longer dies); removing the last listener removes the handler
  and the default action is back.  A listener gets ``(name, number)``, as in
  Node 10.24.  A signal handler does not keep the process alive (Node's
  signal wraps are unref'd).  Names that are not signals here (``SIGBREAK``
  on Linux) are ordinary events that never fire, as in Node.
* ``'exit'`` is emitted once (loop.py's ``emit_exit``); nothing queued in an
  ``'exit'`` listener (nextTick, timers) runs afterwards.
* A signal with no listener kills the process by the signal itself, with no
  traceback: SIGINT included (``loop.die_by_signal``), under
  ``python -m nodehttp`` and ``nodehttp.run()`` alike.

What we report where Node reports V8/libuv facts: ``version`` is
``'v10.24.1'`` and ``versions['node']`` ``'10.24.1'`` — the Node API level
nodehttp follows, so version checks in ported code take the Node 10 branch —
and ``versions`` adds what really runs: ``nodehttp``, ``python``,
``uvloop``, ``httptools``.  ``memoryUsage()``: ``rss`` is the resident set;
``heapTotal``/``heapUsed`` are the C heap (glibc ``mallinfo2``: bytes
obtained from the OS by malloc, bytes in use — Python's objects live there
and in pymalloc's arenas), falling back to ``rss``; ``external`` is 0
(there is no V8 heap outside which to count).  ``title`` reads the command
name; assigning it changes only the attribute.
"""

from __future__ import annotations

import os
import platform as _platform
import signal as _signal
import sys
import time
from typing import Any, Callable

from . import loop as _loop
from .errors import NodeError, NodeTypeError, RangeError, invalid_arg_type
from .events import EventEmitter

__all__ = ["process", "nextTick", "Process"]

#: Signal names of this platform and their numbers (Node's os.constants.signals).
SIGNALS: dict[str, int] = {s.name: int(s) for s in _signal.Signals}

_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64",
         "i386": "ia32", "i686": "ia32", "x86": "ia32", "armv7l": "arm", "armv6l": "arm",
         "ppc64le": "ppc64", "ppc64": "ppc64", "s390x": "s390x", "mips": "mips"}


class Warning_(Exception):
    """The object handed to ``'warning'`` listeners (Node's ``Warning``)."""

    def __init__(self, message: str, name: str = "Warning") -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class _HRTime:
    """``process.hrtime([prev])`` and ``process.hrtime.bigint()``."""

    def __call__(self, time_: list[int] | None = None) -> list[int]:
        """``[seconds, nanoseconds]`` of a monotonic clock, or the time since ``time_``."""
        t = time.monotonic_ns()
        if time_ is not None:
            if not isinstance(time_, (list, tuple)):
                raise invalid_arg_type("time", "Array", time_)
            if len(time_) != 2:
                raise NodeTypeError(
                    f'The array "time" (length {len(time_)}) must be of length 2.',
                    "ERR_INVALID_ARRAY_LENGTH")
            t -= int(time_[0]) * 1_000_000_000 + int(time_[1])
        return [t // 1_000_000_000, t % 1_000_000_000]

    def bigint(self) -> int:
        """Nanoseconds of a monotonic clock (Node's BigInt is Python's int)."""
        return time.monotonic_ns()


class Process(EventEmitter):
    """Node's ``process``."""

    def __init__(self) -> None:
        super().__init__()
        self.exitCode: int | None = None
        self.env = os.environ
        self.pid = os.getpid()
        self.platform = sys.platform
        self.arch = _ARCH.get(_platform.machine().lower(), _platform.machine().lower())
        self.execPath = sys.executable
        self.version = "v10.24.1"  # the Node API level nodehttp follows
        self.versions = _versions()
        self.hrtime = _HRTime()
        orig = getattr(sys, "orig_argv", None)
        self.title = os.path.basename(orig[0]) if orig else "python"
        self.release = {"name": "node"}
        self._signalWraps: set[str] = set()
        self._stdout: Any = None
        self._stderr: Any = None
        self._stdin: Any = None
        # Node's setupSignalHandlers: signal listeners come and go through these.
        self.on("newListener", self._startListeningIfSignal)
        self.on("removeListener", self._stopListeningIfNoListener)
        _loop.loop_hooks.append(self._installSignals)

    # -- argv, stdio ---------------------------------------------------------------

    @property
    def _exiting(self) -> bool:
        """Node's ``process._exiting``: ``'exit'`` was emitted (kept by the loop)."""
        return _loop.state.exit_emitted

    @_exiting.setter
    def _exiting(self, value: bool) -> None:
        _loop.state.exit_emitted = bool(value)

    @property
    def argv(self) -> list[str]:
        """``[execPath, absolute script path, *args]``, as Node's ``process.argv``."""
        args = list(sys.argv)
        if args and args[0] in ("-c", "-"):
            del args[0]  # python -c CODE a b / python - a b: like node -e CODE a b, no script
        elif args and args[0] and args[0] != "-":
            args[0] = os.path.abspath(args[0])
        return [self.execPath, *args]

    @property
    def argv0(self) -> str:
        """The command as typed (Node's ``argv0``)."""
        orig = getattr(sys, "orig_argv", None)
        return orig[0] if orig else self.execPath

    @property
    def ppid(self) -> int:
        """The parent's process id."""
        return os.getppid()

    @property
    def stdout(self) -> Any:
        """A Writable over fd 1 (see :mod:`nodehttp._stdio`)."""
        if self._stdout is None:
            from ._stdio import WriteStream

            self._stdout = WriteStream(1, "stdout")
        return self._stdout

    @property
    def stderr(self) -> Any:
        """A Writable over fd 2 (see :mod:`nodehttp._stdio`)."""
        if self._stderr is None:
            from ._stdio import WriteStream

            self._stderr = WriteStream(2, "stderr")
        return self._stderr

    @property
    def stdin(self) -> Any:
        """A Readable over fd 0, paused until read (see :mod:`nodehttp._stdio`)."""
        if self._stdin is None:
            from ._stdio import ReadStream

            self._stdin = ReadStream(0)
        return self._stdin

    # -- lifetime ------------------------------------------------------------------

    def nextTick(self, callback: Callable, *args: Any) -> None:
        """Run ``callback(*args)`` once the current operation completes."""
        if not callable(callback):
            from .errors import codes

            raise codes.ERR_INVALID_CALLBACK()
        _loop.next_tick(callback, *args)

    def exit(self, code: int | None = None) -> None:
        """Emit ``'exit'`` (once) then end the process with ``code`` (default ``exitCode`` or 0)."""
        if code is not None:
            self.exitCode = code
        raise _loop.ProcessExit(_loop.emit_exit(self.exitCode or 0))

    # -- signals -------------------------------------------------------------------

    def kill(self, pid: int, signal: Any = "SIGTERM") -> bool:
        """Send ``signal`` (a name or a number; 0 tests existence) to ``pid``.

        Errors as Node's: ``ERR_INVALID_ARG_TYPE`` for a pid that is not an
        integer, ``ERR_UNKNOWN_SIGNAL`` for an unknown name, ``kill ESRCH`` /
        ``kill EINVAL`` / ``kill EPERM`` from the system.
        """
        if isinstance(pid, bool) or not isinstance(pid, (int, float)) or pid != int(pid):
            raise invalid_arg_type("pid", "number", pid)
        if isinstance(signal, int) and not isinstance(signal, bool):
            num = signal
        else:
            if not signal:
                signal = "SIGTERM"
            if signal not in SIGNALS:
                raise NodeTypeError(f"Unknown signal: {signal}", "ERR_UNKNOWN_SIGNAL")
            num = SIGNALS[signal]
        try:
            os.kill(int(pid), num)
        except (OSError, ValueError, OverflowError) as exc:
            code = _errno_name(exc)
            raise NodeError(f"kill {code}", code, errno=code, syscall="kill") from None
        return True

    def _startListeningIfSignal(self, type: Any, listener: Any = None) -> None:
        if type not in SIGNALS or type in self._signalWraps:
            return
        if SIGNALS[type] in (_signal.SIGKILL, _signal.SIGSTOP):
            raise NodeError("uv_signal_start EINVAL", "EINVAL", errno="EINVAL",
                            syscall="uv_signal_start")
        self._signalWraps.add(type)
        loop = _loop.current()
        if loop is not None and not loop.is_closed():
            self._installSignal(loop, type)
        else:
            _loop.get_loop()  # a new loop: _installSignals runs for it

    def _stopListeningIfNoListener(self, type: Any, listener: Any = None) -> None:
        if type in self._signalWraps and not self.listenerCount(type):
            self._signalWraps.discard(type)
            loop = _loop.current()
            if loop is not None and not loop.is_closed():
                try:
                    loop.remove_signal_handler(SIGNALS[type])
                except (RuntimeError, ValueError):  # pragma: no cover - not the main thread
                    return
                if type == "SIGPIPE":
                    # The loop restores SIG_DFL; Python (and Node) ignore SIGPIPE.
                    _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)

    def _installSignals(self, loop: Any) -> None:
        # loop.py calls this for every loop nodehttp starts using.
        for name in self._signalWraps:
            self._installSignal(loop, name)

    def _installSignal(self, loop: Any, name: str) -> None:
        try:
            loop.add_signal_handler(SIGNALS[name], self._onSignal, name)
        except (RuntimeError, ValueError):  # pragma: no cover - not the main thread
            pass  # only the main thread receives signals

    def _onSignal(self, name: str) -> None:
        _loop.entry(self.emit, name, name, SIGNALS[name])

    # -- the process's facts -----------------------------------------------------------

    def cwd(self) -> str:
        """The current working directory."""
        return os.getcwd()

    def chdir(self, directory: str) -> None:
        """Change the working directory (Node's errors: ``ENOENT: ..., chdir 'dir'``)."""
        if not isinstance(directory, str):
            raise NodeTypeError("Bad argument.")
        try:
            os.chdir(directory)
        except OSError as exc:
            code = _errno_name(exc)
            desc = _uv_desc(exc)
            raise NodeError(f"{code}: {desc}, chdir '{directory}'", code,
                            errno=-(exc.errno or 0), syscall="chdir", path=directory) from None

    def umask(self, mask: Any = None) -> int:
        """Return the file mode creation mask; with ``mask`` set it and return the old one."""
        if mask is None:
            old = os.umask(0)
            os.umask(old)
            return old
        if isinstance(mask, str):
            try:
                mask = int(mask, 8)
            except ValueError:
                raise NodeTypeError(
                    'The value of "mask" is invalid. Received '
                    f"'{mask}'. It must be an integer or an octal string.",
                    "ERR_INVALID_ARG_VALUE") from None
        elif isinstance(mask, bool) or not isinstance(mask, int):
            raise invalid_arg_type("mask", ["number", "string"], mask)
        if not 0 <= mask <= 0xFFFFFFFF:
            raise RangeError(f'The value of "mask" is out of range. Received {mask}',
                             "ERR_OUT_OF_RANGE")
        return os.umask(mask & 0o777)

    def uptime(self) -> float:
        """Seconds since the process started."""
        return max(0.0, time.time() - _START_TIME)

    def memoryUsage(self) -> dict[str, int]:
        """``{'rss', 'heapTotal', 'heapUsed', 'external'}`` in bytes (see the module docstring)."""
        rss = 0
        try:
            with open("/proc/self/statm") as f:
                rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
            import resource

            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        total, used = _mallinfo() or (rss, rss)
        return {"rss": rss, "heapTotal": total, "heapUsed": used, "external": 0}

    def emitWarning(self, warning: Any, type: str = "Warning", code: str | None = None) -> None:
        """Print ``(node:PID) Type: message`` to stderr and emit ``'warning'``."""
        w = warning if isinstance(warning, Warning_) else Warning_(str(warning), type)
        if code:
            w.code = code  # type: ignore[attr-defined]
        prefix = f"[{code}] " if code else ""
        sys.stderr.write(f"(node:{self.pid}) {prefix}{w.name}: {w.message}\n")
        _loop.next_tick(self.emit, "warning", w)


def _errno_name(exc: BaseException) -> str:
    import errno

    num = getattr(exc, "errno", None)
    if isinstance(num, int) and num in errno.errorcode:
        return errno.errorcode[num]
    return "EINVAL"  # ValueError/OverflowError: a signal number out of range


def _uv_desc(exc: OSError) -> str:
    from .errors import strerror

    return strerror(_errno_name(exc)).lower() if exc.errno else str(exc)


def _versions() -> dict[str, str]:
    from importlib import metadata

    v = {"node": "10.24.1", "python": _platform.python_version()}
    for dist in ("nodehttp", "uvloop", "httptools"):
        try:
            v[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:  # pragma: no cover
            pass
    return v


def _mallinfo() -> tuple[int, int] | None:
    try:
        import ctypes

        class _Info(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost")]

        libc = ctypes.CDLL(None)
        fn = libc.mallinfo2
        fn.restype = _Info
        info = fn()
        return info.arena + info.hblkhd, info.uordblks + info.hblkhd
    except (OSError, AttributeError):  # pragma: no cover - not glibc >= 2.33
        return None


def _process_start_time() -> float:
    # Wall-clock time the process started (/proc), else the time we were imported.
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            boot_uptime = float(f.read().split()[0])
        return time.time() - boot_uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return time.time()


_START_TIME = _process_start_time()

#: The process object.
process = Process()
nextTick = process.nextTick
