"""Node's ``cluster`` module (``lib/cluster.js``, ``internal/cluster/*.js``).

A primary process forks workers that run the same script
(``python -m nodehttp app.py`` re-executes ``app.py``; a script run as
``python app.py`` ending in ``nodehttp.run()`` is re-executed the same way).
A worker's ``server.listen()`` asks the primary for the listening socket:

- ``SCHED_RR`` (the default on Linux, as in Node): the primary binds and
  accepts, and hands each connection to the next free worker, round-robin,
  over the IPC channel (the descriptor passed with ``SCM_RIGHTS``);
- ``SCHED_NONE``: the primary binds and passes the listening socket itself to
  each worker, and the kernel spreads the connections.

``NODE_CLUSTER_SCHED_POLICY`` (``'rr'``/``'none'``) or
``cluster.schedulingPolicy`` (before the first ``fork``) chooses, as in Node.

Invariants:

- The role is decided once, at import: a process started by ``fork`` has
  ``NODE_UNIQUE_ID`` in its environment, which is removed (as Node removes
  it) after the worker has connected to the primary.
- Internal messages carry ``cmd: 'NODE_CLUSTER'`` and never reach user
  ``'message'`` listeners; requests that expect an answer carry ``seq`` and
  the answer ``ack``.
- In the primary, a handle (a bound listening socket) is shared by every
  worker that asked for the same ``address:port:addressType:fd`` key, and is
  closed when the last of them lets go, as Node's RoundRobinHandle and
  SharedHandle are.
- Round-robin: each worker has at most one connection handed over and not yet
  acknowledged; an unacknowledged connection refused by a worker goes to the
  next free one.
"""

from __future__ import annotations

import os
import socket as _socket
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

from . import _ipc
from . import loop as _loop
from ._process import process
from .child_process import ChildProcess, send
from .events import EventEmitter

SCHED_NONE = 1
SCHED_RR = 2

__all__ = ["isMaster", "isPrimary", "isWorker", "fork", "workers", "worker", "settings",
           "setupMaster", "setupPrimary", "disconnect", "schedulingPolicy", "SCHED_NONE",
           "SCHED_RR", "Worker", "on", "once", "emit"]


class Worker(EventEmitter):
    """Node's ``cluster.Worker``: ``id``, ``process``, ``state``,
    ``exitedAfterDisconnect``, ``send``, ``kill``/``destroy``, ``disconnect``,
    ``isConnected()``, ``isDead()``; events ``'online'``, ``'listening'
    (address)``, ``'message' (message, handle)``, ``'disconnect'``,
    ``'exit' (code, signal)``, ``'error'``.

    In a worker, ``cluster.worker.process`` is ``process``."""

    def __init__(self, id: int, proc: Any) -> None:
        super().__init__()
        self.id = id
        self.process = proc
        self.state = "none"
        self.exitedAfterDisconnect: bool | None = None
        proc.on("message", self._relay_message)

    def _relay_message(self, message: Any, handle: Any = None) -> None:
        self.emit("message", message, handle)

    def send(self, message: Any, sendHandle: Any = None, options: Any = None,
             callback: Callable | None = None) -> bool:
        """Send *message* to the other side's ``'message'`` listeners."""
        return self.process.send(message, sendHandle, options, callback)

    def isConnected(self) -> bool:
        """Whether the IPC channel is open."""
        return bool(self.process.connected)

    def isDead(self) -> bool:
        """Whether the worker process has exited."""
        return self.process.exitCode is not None or self.process.signalCode is not None

    def disconnect(self) -> Worker:
        """Primary: ask the worker to close its servers, then its channel.
        Worker: close this worker's servers, then the channel."""
        if isWorker:
            _child_disconnect(False)
            return self
        self.exitedAfterDisconnect = True
        _send_internal(self.process.channel, {"act": "disconnect"})
        # Node: the primary forgets the worker at once (cluster.workers,
        # its handles); 'disconnect' and 'exit' still follow.
        _remove_handles(self)
        _remove_worker(self)
        return self

    def kill(self, signal: str = "SIGTERM") -> None:
        """Primary: disconnect, then kill the worker with *signal*.
        Worker: exit."""
        if isWorker:
            _child_disconnect(False)
            process.exit(0)
            return
        self.exitedAfterDisconnect = True
        proc = self.process
        if self.isConnected():
            self.once("disconnect", lambda: proc.kill(signal))
            self.disconnect()
            return
        proc.kill(signal)

    destroy = kill


# -- shared state -----------------------------------------------------------------

class _Cluster(EventEmitter):
    """The ``cluster`` emitter (the module's ``on``/``once``/``emit``)."""


_emitter = _Cluster()
_intercom = EventEmitter()  # Node's intercom: 'disconnect' once cluster.workers is empty
on = _emitter.on
once = _emitter.once
emit = _emitter.emit
removeListener = _emitter.removeListener
off = _emitter.off
listeners = _emitter.listeners
listenerCount = _emitter.listenerCount
removeAllListeners = _emitter.removeAllListeners

_unique_id = os.environ.pop("NODE_UNIQUE_ID", None)
isWorker = _unique_id is not None
isMaster = not isWorker
isPrimary = isMaster
workers: dict[int, Worker] = {}
worker: Worker | None = None
settings: dict[str, Any] = {}
_policy_env = os.environ.get("NODE_CLUSTER_SCHED_POLICY")
schedulingPolicy = {"rr": SCHED_RR, "none": SCHED_NONE}.get(_policy_env or "", SCHED_RR)
_ids = 0
_seq = 0
_callbacks: dict[int, Callable[[dict, int | None], None]] = {}


def _send_internal(channel: _ipc.Channel, message: dict,
                   cb: Callable[[dict, int | None], None] | None = None,
                   fd: int | None = None) -> None:
    global _seq
    message = dict(message, cmd="NODE_CLUSTER")
    if cb is not None:
        _seq += 1
        message["seq"] = _seq
        _callbacks[_seq] = cb
    channel.send(message, fd)


def _ack(message: dict, fd: int | None) -> bool:
    cb = _callbacks.pop(message.get("ack", -1), None)
    if cb is None:
        return False
    cb(message, fd)
    return True


def _launcher() -> list[str]:
    """How to re-execute this program: ``python -m nodehttp script`` when it was
    started that way, else ``python script``."""
    orig = list(getattr(sys, "orig_argv", []))
    if "-m" in orig:
        i = orig.index("-m")
        if i + 1 < len(orig) and orig[i + 1] == "nodehttp":
            return [sys.executable, *orig[1:i], "-m", "nodehttp"]
    return [sys.executable]


# -- primary ----------------------------------------------------------------------

def setupMaster(options: dict | None = None) -> None:
    """Node's ``cluster.setupMaster([settings])``: ``exec``, ``args``,
    ``execArgv``, ``silent``, ``env`` for later forks; emits ``'setup'``."""
    global schedulingPolicy
    base = {"args": list(sys.argv[1:]), "exec": os.path.abspath(sys.argv[0]) if sys.argv else "",
            "execArgv": [], "silent": False}
    base.update(settings)
    base.update(options or {})
    settings.clear()
    settings.update(base)
    _loop.next_tick(emit, "setup", dict(settings))


setupPrimary = setupMaster


def fork(env: dict | None = None) -> Worker:
    """Node's ``cluster.fork([env])``: start a worker running this program;
    ``'fork'`` is emitted on the next tick."""
    global _ids
    if isWorker:
        raise RuntimeError("cluster.fork() is for the primary")
    setupMaster()
    _ids += 1
    wid = _ids
    child_env = {**os.environ, **{k: str(v) for k, v in (env or {}).items()},
                 "NODE_UNIQUE_ID": str(wid)}
    if schedulingPolicy == SCHED_NONE:
        child_env["NODE_CLUSTER_SCHED_POLICY"] = "none"
    argv = [*_launcher(), *settings["execArgv"], settings["exec"], *settings["args"]]
    w = Worker(wid, ChildProcess(argv, child_env, bool(settings["silent"])))
    workers[wid] = w
    proc = w.process
    proc.on("internalMessage", lambda message, fd: _primary_onmessage(w, message, fd))
    proc.once("disconnect", lambda: _primary_ondisconnect(w))
    proc.once("exit", lambda code, sig: _primary_onexit(w, code, sig))
    # Node: the cluster's 'message' is the worker's first 'message' listener.
    w.on("message", lambda message, handle=None: emit("message", w, message, handle))
    proc.on("error", lambda err: w.emit("error", err))
    _loop.next_tick(emit, "fork", w)
    return w


def disconnect(callback: Callable | None = None) -> None:
    """Node's ``cluster.disconnect([callback])``: disconnect every worker;
    *callback* runs once every worker has left ``cluster.workers``."""
    if not workers:
        _loop.next_tick(_intercom.emit, "disconnect")
    else:
        for w in list(workers.values()):
            if w.isConnected():
                w.disconnect()
    if callable(callback):
        _intercom.once("disconnect", callback)


def _remove_handles(w: Worker) -> None:
    for handle in list(_handles.values()):
        handle.remove(w)


def _remove_worker(w: Worker) -> None:
    workers.pop(w.id, None)
    if not workers:
        assert not _handles, "Resource leak detected."
        _intercom.emit("disconnect")


def _primary_ondisconnect(w: Worker) -> None:
    # Node: drop the worker's handles now; drop the worker once it is dead too.
    _remove_handles(w)
    if w.isDead():
        _remove_worker(w)
    w.exitedAfterDisconnect = bool(w.exitedAfterDisconnect)
    w.state = "disconnected"
    w.emit("disconnect")
    emit("disconnect", w)


def _primary_onexit(w: Worker, code: int | None, sig: str | None) -> None:
    # Node: drop the worker only if it has disconnected; else it is still reachable.
    if not w.isConnected():
        _remove_handles(w)
        _remove_worker(w)
    w.exitedAfterDisconnect = bool(w.exitedAfterDisconnect)
    w.state = "dead"
    w.emit("exit", code, sig)
    emit("exit", w, code, sig)


def _primary_onmessage(w: Worker, message: dict, fd: int | None) -> None:
    if _ack(message, fd):
        return
    act = message.get("act")
    if act == "online":
        w.state = "online"
        w.emit("online")
        emit("online", w)
    elif act == "queryServer":
        _query_server(w, message)
    elif act == "listening":
        w.state = "listening"
        info = {"addressType": message.get("addressType"), "address": message.get("address"),
                "port": message.get("port")}
        if message.get("fd") is not None:
            info["fd"] = message["fd"]
        w.emit("listening", info)
        emit("listening", w, info)
    elif act == "close":
        handle = _handles.get(message.get("key"))
        if handle is not None:
            handle.remove(w)
    elif act == "exitedAfterDisconnect":
        w.exitedAfterDisconnect = True
        _send_internal(w.process.channel, {"ack": message.get("seq")})


_handles: dict[str, Any] = {}


def _query_server(w: Worker, message: dict) -> None:
    from . import net

    if w.exitedAfterDisconnect:  # Node: a disconnecting worker gets no handle
        return
    key = f"{message.get('address')}:{message.get('port')}:{message.get('addressType')}:" \
          f"{message.get('fd')}"
    handle = _handles.get(key)
    if handle is None:
        cls = RoundRobinHandle if schedulingPolicy == SCHED_RR else SharedHandle
        try:
            sock = net.createServerHandle(message.get("address"), int(message.get("port") or 0),
                                           message.get("addressType"),
                                           int(message.get("backlog") or 511))
        except OSError as exc:
            _send_internal(w.process.channel, {"ack": message["seq"], "key": key,
                                               "errno": exc.errno or 0})
            return
        handle = _handles[key] = cls(key, sock)
    handle.add(w, message["seq"])


class SharedHandle:
    """``SCHED_NONE``: the primary's listening socket, passed to every worker."""

    def __init__(self, key: str, sock: _socket.socket) -> None:
        self.key = key
        self.sock = sock
        self.workers: set[int] = set()

    def add(self, w: Worker, seq: int) -> None:
        self.workers.add(w.id)
        _send_internal(w.process.channel, {"ack": seq, "key": self.key},
                       fd=self.sock.fileno())

    def remove(self, w: Worker) -> None:
        self.workers.discard(w.id)
        if not self.workers and _handles.get(self.key) is self:
            del _handles[self.key]
            self.sock.close()


class RoundRobinHandle:
    """``SCHED_RR``: the primary accepts; each connection goes to the next
    free worker, which acknowledges it before it gets another."""

    def __init__(self, key: str, sock: _socket.socket) -> None:
        self.key = key
        self.sock = sock
        self.all: dict[int, Worker] = {}
        self.free: deque[Worker] = deque()
        self.handles: deque[_socket.socket] = deque()
        _loop.get_loop().add_reader(sock.fileno(), self._onreadable)

    def add(self, w: Worker, seq: int) -> None:
        assert w.id not in self.all
        self.all[w.id] = w
        name = self.sock.getsockname()
        _send_internal(w.process.channel, {"ack": seq, "key": self.key,
                                           "sockname": list(name[:2])})
        self.handoff(w)

    def remove(self, w: Worker) -> None:
        if self.all.pop(w.id, None) is None:
            return
        try:
            self.free.remove(w)
        except ValueError:
            pass
        if self.all:
            return
        for conn in self.handles:
            conn.close()
        self.handles.clear()
        _loop.get_loop().remove_reader(self.sock.fileno())
        self.sock.close()
        if _handles.get(self.key) is self:
            del _handles[self.key]

    def _onreadable(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # pragma: no cover - EMFILE and the like
                return
            self.distribute(conn)

    def distribute(self, conn: _socket.socket) -> None:
        self.handles.append(conn)
        if self.free:
            self.handoff(self.free.popleft())

    def handoff(self, w: Worker) -> None:
        if w.id not in self.all:
            return
        if not self.handles:
            self.free.append(w)
            return
        conn = self.handles.popleft()

        def onreply(reply: dict, _fd: int | None) -> None:
            if reply.get("accepted"):
                conn.close()
            else:
                self.distribute(conn)
            self.handoff(w)

        _send_internal(w.process.channel, {"act": "newconn", "key": self.key}, onreply,
                       fd=conn.fileno())


# -- worker -----------------------------------------------------------------------

class RoundRobinWorkerHandle:
    """What a worker's ``net.Server`` holds under ``SCHED_RR``: it listens on
    nothing; the primary hands over accepted connections, which ``net`` adopts
    through ``onconnection`` (set by ``net``, as Node sets
    ``handle.onconnection``)."""

    path = None

    def __init__(self, key: str, sockname: list) -> None:
        self.key = key
        self.sock = _Sockname(tuple(sockname))
        self.onconnection: Callable[[_socket.socket], None] | None = None
        self.refed = False
        self.closed = False

    def ref(self) -> None:
        if not self.refed and not self.closed:
            self.refed = True
            _loop.ref()

    def unref(self) -> None:
        if self.refed:
            self.refed = False
            _loop.unref()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.unref()
        _rr_handles.pop(self.key, None)
        if _channel is not None and _channel.connected:
            _send_internal(_channel, {"act": "close", "key": self.key})


class _Sockname:
    """``getsockname()`` of the primary's listening socket, as the primary said it."""

    def __init__(self, name: tuple) -> None:
        self.name = name
        self.family = _socket.AF_INET6 if ":" in str(name[0]) else _socket.AF_INET

    def getsockname(self) -> tuple:
        return self.name if self.family == _socket.AF_INET else (*self.name, 0, 0)


_channel: _ipc.Channel | None = None
_rr_handles: dict[str, RoundRobinWorkerHandle] = {}
_servers: list[Any] = []


def getServer(server: Any, query: dict, cb: Callable[[int, Any], None]) -> None:
    """Internal (Node's ``cluster._getServer``, the seam ``net`` calls): a
    worker's ``server.listen()`` asks the primary for the handle of
    ``query`` (address, port, addressType, backlog); ``cb(errno, handle)``
    gets a listening socket (``SCHED_NONE``) or a round-robin handle."""
    assert _channel is not None

    def onreply(reply: dict, fd: int | None) -> None:
        if reply.get("errno"):
            cb(reply["errno"], None)
            return
        key = reply["key"]
        if fd is not None:
            handle: Any = _socket.socket(fileno=fd)
        else:
            handle = _rr_handles[key] = RoundRobinWorkerHandle(key, reply["sockname"])
        _servers.append(server)

        def onlistening() -> None:
            addr = server.address() or {}
            _send_internal(_channel, {  # type: ignore[arg-type]
                "act": "listening", "addressType": query.get("addressType"),
                "address": query.get("address"), "port": addr.get("port", query.get("port")),
                "fd": None})
        server.once("listening", onlistening)
        cb(0, handle)

    _send_internal(_channel, dict(query, act="queryServer"), onreply)


def _worker_onmessage(message: Any, fd: int | None) -> None:
    if not (isinstance(message, dict) and message.get("cmd") == "NODE_CLUSTER"):
        process.emit("message", message, fd)
        return
    if _ack(message, fd):
        return
    act = message.get("act")
    if act == "newconn":
        handle = _rr_handles.get(message.get("key"))
        accepted = handle is not None and handle.onconnection is not None and fd is not None
        if accepted:
            handle.onconnection(_socket.socket(fileno=fd))  # type: ignore[union-attr]
        elif fd is not None:
            os.close(fd)
        _send_internal(_channel, {"ack": message.get("seq"), "accepted": accepted})  # type: ignore[arg-type]
    elif act == "disconnect":
        _child_disconnect(True)


def _child_disconnect(primary_initiated: bool) -> None:
    assert worker is not None and _channel is not None
    worker.exitedAfterDisconnect = True
    servers = [s for s in _servers if s.listening]
    _servers.clear()
    left = len(servers)

    def done() -> None:
        if primary_initiated:
            _channel.disconnect()  # type: ignore[union-attr]
        else:
            _send_internal(_channel, {"act": "exitedAfterDisconnect"},  # type: ignore[arg-type]
                           lambda _m, _f: _channel.disconnect())  # type: ignore[union-attr]

    if not left:
        done()
        return

    def closed(*_: Any) -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done()
    for s in servers:
        s.close(closed)


def _worker_ondisconnect() -> None:
    process.connected = False
    if worker is not None:
        worker.emit("disconnect")
    process.emit("disconnect")
    if worker is not None and not worker.exitedAfterDisconnect:
        # The primary went away: a worker does not outlive it (Node: exit 0).
        process.exit(0)


def _setupWorker() -> None:
    """Connect this worker to the primary (Node's ``_setupWorker``): the
    channel, ``process.send``/``connected``/``disconnect``, ``cluster.worker``,
    and the ``'online'`` message."""
    global _channel, worker
    fd = int(os.environ.pop("NODE_CHANNEL_FD"))
    _channel = _ipc.Channel(_socket.socket(fileno=fd), _worker_onmessage, _worker_ondisconnect)
    _channel.ref()  # Node: the worker's own 'message'/'disconnect' listeners ref the channel
    channel = _channel
    process.send = lambda message, sendHandle=None, options=None, callback=None: send(
        channel, message, sendHandle, options, callback)
    process.connected = True
    process.disconnect = channel.disconnect
    process.channel = channel
    worker = Worker(int(_unique_id or 0), process)
    worker.state = "online"
    _send_internal(channel, {"act": "online"})


if isWorker:
    _setupWorker()
