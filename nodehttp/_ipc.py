"""The IPC channel between a parent and a child process (Node's
``internal/child_process.js`` ``setupChannel``), used by ``cluster``.

A channel is one end of an ``AF_UNIX`` stream socket pair.  Messages are
JSON values, one per line (as Node's ``'json'`` serialization); a message may
carry one file descriptor (Node's ``sendHandle``), passed with
``SCM_RIGHTS`` alongside the first byte of its line.

Invariants:

- Messages are delivered in the order they were sent, each exactly once, on
  the loop thread, as entries (ticks drained after each).
- A descriptor received with a line belongs to that line: descriptors are
  queued in arrival order and the line that says ``"handle"`` takes the next.
- Liveness follows Node's rule for ``process.channel``: the channel keeps
  the loop alive only while it is ``ref()``'d (the owner refs it while someone
  listens for ``'message'``/``'disconnect'``) and open.
- EOF or a read error closes the channel once; ``ondisconnect`` runs once.
"""

from __future__ import annotations

import array
import json
import os
import socket as _socket
from collections import deque
from collections.abc import Callable
from typing import Any

from . import loop as _loop

_MAX_FDS = 8


class Channel:
    """One end of a JSON-lines IPC channel over a unix socket."""

    def __init__(self, sock: _socket.socket,
                 onmessage: Callable[[Any, int | None], None],
                 ondisconnect: Callable[[], None]) -> None:
        sock.setblocking(False)
        self.sock = sock
        self.onmessage = onmessage
        self.ondisconnect = ondisconnect
        self.connected = True
        self.refed = False
        self._inbuf = b""
        self._fds: deque[int] = deque()
        self._out: deque[tuple[bytes, int | None]] = deque()
        self._writing = False
        _loop.get_loop().add_reader(sock.fileno(), self._onreadable)

    # -- liveness --------------------------------------------------------------
    def ref(self) -> None:
        """Keep the loop alive while the channel is open."""
        if not self.refed and self.connected:
            self.refed = True
            _loop.ref()

    def unref(self) -> None:
        """Let the loop end although the channel is open."""
        if self.refed:
            self.refed = False
            _loop.unref()

    # -- sending ---------------------------------------------------------------
    def send(self, message: Any, fd: int | None = None) -> bool:
        """Queue *message* (a JSON value) and, optionally, a descriptor to pass.

        Returns False when the channel is closed (nothing is sent)."""
        if not self.connected:
            return False
        if fd is not None:
            message = dict(message, handle=True)
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        self._out.append((data, fd))
        self._send_queued()
        return True

    def _send_queued(self) -> None:
        while self._out:
            data, fd = self._out[0]
            try:
                if fd is not None:
                    n = self.sock.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS,
                                                    array.array("i", [fd]))])
                else:
                    n = self.sock.send(data)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self._out.clear()
                self._close()
                return
            if n < len(data):
                # The descriptor went with the first byte; the rest follows plain.
                self._out[0] = (data[n:], None)
                break
            self._out.popleft()
        want = bool(self._out)
        if want != self._writing:
            self._writing = want
            lp = _loop.get_loop()
            if want:
                lp.add_writer(self.sock.fileno(), _loop.entry, self._send_queued)
            else:
                lp.remove_writer(self.sock.fileno())

    # -- receiving -------------------------------------------------------------
    def _onreadable(self) -> None:
        self._read_once()

    def _read_once(self) -> bool:
        """Read what is there; False when nothing was (or the channel closed)."""
        try:
            data, ancdata, _flags, _addr = self.sock.recvmsg(
                65536, _socket.CMSG_SPACE(_MAX_FDS * array.array("i").itemsize))
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            data = b""
            ancdata = []
        for level, kind, payload in ancdata:
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
                self._fds.extend(fds)
        if not data:
            _loop.entry(self._close)
            return False
        self._inbuf += data
        while self.connected:
            line, sep, rest = self._inbuf.partition(b"\n")
            if not sep:
                break
            self._inbuf = rest
            message = json.loads(line)
            fd = None
            if isinstance(message, dict) and message.pop("handle", False):
                fd = self._fds.popleft() if self._fds else None
            _loop.entry(self.onmessage, message, fd)
        return True

    def drain(self) -> None:
        """Deliver everything already readable (the peer has exited: what it
        sent last is delivered before its exit is reported)."""
        while self.connected and self._read_once():
            pass

    # -- closing ---------------------------------------------------------------
    def disconnect(self) -> None:
        """Close the channel (Node's ``disconnect()``); ``ondisconnect`` follows."""
        self._close()

    def _close(self) -> None:
        if not self.connected:
            return
        self.connected = False
        lp = _loop.get_loop()
        lp.remove_reader(self.sock.fileno())
        if self._writing:
            lp.remove_writer(self.sock.fileno())
            self._writing = False
        self.sock.close()
        while self._fds:
            os.close(self._fds.popleft())
        self.unref()
        self.ondisconnect()


def socketpair() -> tuple[_socket.socket, _socket.socket]:
    """A connected pair of unix stream sockets: (parent end, child end)."""
    parent, child = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)
    parent.set_inheritable(False)
    child.set_inheritable(True)
    return parent, child
