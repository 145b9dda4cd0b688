"""The part of Node's ``child_process`` that ``cluster`` needs:
:class:`ChildProcess` (a forked program with an IPC channel) and the channel's
``send`` (Node's ``target.send``).

``child_process.fork``/``spawn``/``exec`` are not provided: use Python's
``subprocess`` (say so in a port), or ``cluster.fork`` for workers.

Invariants:

- A ChildProcess is a referenced handle from its start until its exit is
  reported (as a libuv process handle), and its channel is referenced while
  open; the exit is observed with a pidfd on the loop (a thread waits where
  pidfds are missing).
- ``'exit'`` is emitted once, after everything the child wrote to the channel
  before exiting has been delivered (``'disconnect'`` first when the channel
  closed with it), then ``'close'``.
"""

from __future__ import annotations

import os
import signal as _signal
import subprocess
from collections.abc import Callable
from typing import Any

from . import _ipc
from . import loop as _loop
from .events import EventEmitter

__all__ = ["ChildProcess", "send"]


def _signal_name(num: int) -> str:
    try:
        return _signal.Signals(num).name
    except ValueError:  # pragma: no cover - a real-time signal
        return f"SIG{num}"


def _signal_number(sig: Any) -> int:
    if isinstance(sig, int):
        return sig
    return int(getattr(_signal, str(sig)))


class ChildProcess(EventEmitter):
    """The part of Node's ``ChildProcess`` a cluster worker exposes as
    ``worker.process`` in the primary: ``pid``, ``connected``, ``exitCode``,
    ``signalCode``, ``killed``, ``kill([signal])``, ``send``, ``disconnect``;
    events ``'message' (message, handle)``, ``'disconnect'``,
    ``'exit' (code, signal)``.

    The child process is a referenced handle until it has exited (as in Node).
    """

    def __init__(self, argv: list[str], env: dict[str, str], silent: bool) -> None:
        super().__init__()
        parent, child = _ipc.socketpair()
        env = dict(env, NODE_CHANNEL_FD=str(child.fileno()))
        out = subprocess.PIPE if silent else None
        self._popen = subprocess.Popen(argv, env=env, pass_fds=(child.fileno(),),
                                       stdout=out, stderr=out)
        child.close()
        self.pid: int = self._popen.pid
        self.exitCode: int | None = None
        self.signalCode: str | None = None
        self.killed = False
        self.stdout = self._popen.stdout
        self.stderr = self._popen.stderr
        self.channel = _ipc.Channel(parent, self._onmessage, self._ondisconnect)
        self.channel.ref()
        _loop.ref()
        self._watch_exit()

    @property
    def connected(self) -> bool:
        """Whether the IPC channel is open."""
        return self.channel.connected

    def _watch_exit(self) -> None:
        lp = _loop.get_loop()
        try:
            self._pidfd = os.pidfd_open(self.pid)
        except (AttributeError, OSError):  # pragma: no cover - Linux < 5.3
            import threading

            def wait() -> None:
                self._popen.wait()
                lp.call_soon_threadsafe(_loop.entry, self._onexit)
            threading.Thread(target=wait, daemon=True).start()
            return
        lp.add_reader(self._pidfd, _loop.entry, self._onexit)

    def _onexit(self) -> None:
        if self.exitCode is not None or self.signalCode is not None:
            return
        status = self._popen.wait()
        if getattr(self, "_pidfd", None) is not None:
            _loop.get_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        if status < 0:
            self.signalCode = _signal_name(-status)
        else:
            self.exitCode = status
        _loop.unref()
        # Node reads the channel to its end before 'exit': what the child sent
        # last is delivered first.
        self.channel.drain()
        self.emit("exit", self.exitCode, self.signalCode)
        self.emit("close", self.exitCode, self.signalCode)

    def _onmessage(self, message: Any, fd: int | None) -> None:
        if isinstance(message, dict) and message.get("cmd") == "NODE_CLUSTER":
            self.emit("internalMessage", message, fd)
        else:
            self.emit("message", message, fd)

    def _ondisconnect(self) -> None:
        self.emit("disconnect")

    def send(self, message: Any, sendHandle: Any = None, options: Any = None,
             callback: Callable | None = None) -> bool:
        """Send *message* (a JSON value) to the child's ``process.on('message')``."""
        return send(self.channel, message, sendHandle, options, callback)

    def disconnect(self) -> None:
        """Close the IPC channel; ``'disconnect'`` follows."""
        self.channel.disconnect()

    def kill(self, sig: Any = "SIGTERM") -> bool:
        """Send *sig* (a name or number) to the child."""
        if self.exitCode is not None or self.signalCode is not None:
            return False
        try:
            os.kill(self.pid, _signal_number(sig))
        except ProcessLookupError:
            return False
        self.killed = True
        return True


def send(channel: _ipc.Channel, message: Any, sendHandle: Any, options: Any,
          callback: Callable | None) -> bool:
    if callable(sendHandle):
        callback, sendHandle = sendHandle, None
    elif callable(options):
        callback = options
    if sendHandle is not None:
        from .errors import NodeTypeError

        raise NodeTypeError("Sending handles is not supported by nodehttp's IPC channel",
                            "ERR_INVALID_HANDLE_TYPE")
    ok = channel.send(message)
    if callback is not None:
        if ok:
            _loop.next_tick(callback, None)
        else:
            from .errors import NodeError

            _loop.next_tick(callback, NodeError("channel closed", "ERR_IPC_CHANNEL_CLOSED"))
    return ok
