"""Node's ``_http_agent.js``: :class:`Agent` and :data:`globalAgent`.

Invariant kept here: the Agent is *strictly* a connection pool, three dicts
keyed by :meth:`Agent.getName` (``host:port:localAddress[:family][:socketPath]``):

- ``requests[name]``: requests waiting for a socket (FIFO), when
  ``maxSockets`` sockets are already busy for that origin;
- ``sockets[name]``: sockets assigned to a request;
- ``freeSockets[name]``: idle keep-alive sockets (unref'd, so they never keep
  the process alive), at most ``maxFreeSockets`` per origin.

A socket tells the agent it is done with a request by emitting ``'free'``
(the client emits it after the response ended and the request finished); the
agent's ``'free'`` handler gives it to the next queued request, pools it, or
destroys it.  ``'close'`` (and ``'agentRemove'``) is the only way a socket
leaves the maps, so a pooled socket the server closes drops out by itself.
All HTTP parsing lives in ``http_client``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from . import loop as _loop
from . import http_defaults
from .errors import codes
from .events import EventEmitter, invoke, only
from .http_outgoing import httpMessageOf, setHttpMessage

__all__ = ["Agent", "globalAgent"]

# Options that enter getName(): an agent whose own options set none of them
# names an origin from the request's options alone.
_NAME_KEYS = frozenset(("host", "port", "localAddress", "family", "socketPath"))


if TYPE_CHECKING:  # typed event overloads for checkers; no change at run time
    from .event_overloads import AgentBase as _AgentBase
    from .types import AgentOptions
else:
    _AgentBase = EventEmitter


class Agent(_AgentBase):
    """Node's ``http.Agent(options)``: connection persistence and reuse.

    Options: ``keepAlive`` (False), ``keepAliveMsecs`` (1000), ``maxSockets``
    (``math.inf``), ``maxFreeSockets`` (256), ``timeout`` (socket timeout set
    at creation), plus any ``net.createConnection`` option; agent options
    override the request's when the socket is created, as in Node.

    From Node 14.5/15: ``maxTotalSockets`` (``math.inf``: sockets over all
    origins; a request over it waits, as over ``maxSockets``) and
    ``scheduling``: which free socket a request takes, ``'fifo'`` (the
    least recently used: Node 10's behaviour, our default) or ``'lifo'``
    (the most recently used: Node 20's default, which lets idle sockets
    time out under light load).
    """

    #: Node's ``Agent.defaultMaxSockets``.
    defaultMaxSockets: float = math.inf

    def __init__(self, options: AgentOptions | None = None) -> None:
        super().__init__()
        self.defaultPort = 80
        self.protocol = "http:"
        self.options: dict[str, Any] = dict(options or {})
        # Don't confuse net and make it think we are connecting to a pipe.
        self.options["path"] = None
        self.requests: dict[str, list] = {}
        self.sockets: dict[str, list] = {}
        self.freeSockets: dict[str, list] = {}
        self.keepAliveMsecs = self.options.get("keepAliveMsecs") or 1000
        self.keepAlive = self.options.get("keepAlive") or False
        self.maxSockets = self.options.get("maxSockets") or Agent.defaultMaxSockets
        self.maxFreeSockets = self.options.get("maxFreeSockets") or 256
        scheduling = self.options.get("scheduling") or "fifo"
        if scheduling not in ("fifo", "lifo"):
            raise codes.ERR_INVALID_ARG_VALUE(
                "scheduling", scheduling, "must be one of: 'fifo', 'lifo'")
        self.scheduling = scheduling
        maxTotalSockets = self.options.get("maxTotalSockets")
        if maxTotalSockets is None:
            maxTotalSockets = math.inf
        elif not isinstance(maxTotalSockets, (int, float)) or isinstance(maxTotalSockets, bool):
            raise codes.ERR_INVALID_ARG_TYPE("maxTotalSockets", "number", maxTotalSockets)
        elif not maxTotalSockets >= 1:
            raise codes.ERR_OUT_OF_RANGE("maxTotalSockets", ">= 1", maxTotalSockets)
        self.maxTotalSockets = maxTotalSockets
        # The request options of each origin with queued requests (Node keeps
        # them on each request, req[kRequestOptions]), for maxTotalSockets.
        self._originOptions: dict[str, dict] = {}
        self._freeListener = self._onFree
        self.on("free", self._freeListener)

    def _onFree(self, socket: Any, options: dict) -> None:
        # The name computed when the socket was created (Node recomputes it).
        name = options.get("_agentKey") or self.getName(options)
        queue = self.requests.get(name)
        if socket.writable and queue:
            req = queue.pop(0)
            req.onSocket(socket)  # _setRequestSocket(self, req, socket), its first line
            if req.timeout is not None:
                _setRequestTimeout(self, req, socket)
            if not queue:
                del self.requests[name]  # don't leak
                if self._originOptions:  # (kept only under maxTotalSockets)
                    self._originOptions.pop(name, None)
            return
        # No pending request: pool it if we are allowed to, else destroy it.
        req = httpMessageOf(socket)
        if req is not None and req.shouldKeepAlive and socket.writable and self.keepAlive:
            free = self.freeSockets.get(name)
            free_len = len(free) if free else 0
            count = free_len + len(self.sockets.get(name, ()))
            if (count > self.maxSockets or free_len >= self.maxFreeSockets
                    or (self.maxTotalSockets != math.inf and self._othersWaiting(name))):
                # (Node 20 keeps it and lets other origins wait for a close;
                # with maxTotalSockets reached, closing it lets them go.)
                socket.destroy()
            elif self.keepSocketAlive(socket):
                if free is None:
                    free = self.freeSockets[name] = []
                setHttpMessage(socket, None)
                self.removeSocket(socket, options)
                free.append(socket)
            else:
                socket.destroy()  # the implementation doesn't want to keep it
        else:
            socket.destroy()

    def createConnection(self, options: dict, callback: Callable | None = None) -> Any:
        """Produce the socket for a request: ``net.createConnection(options)``.

        Override it to supply another Duplex; return the socket, or call
        ``callback(err, socket)`` (then return ``None``).
        """
        from . import net

        return net.createConnection(options)

    def getName(self, options: dict) -> str:
        """``host:port:localAddress``, ``:family`` when it is 4 or 6, ``:socketPath`` if any."""
        get = options.get
        port = get("port")
        name = f"{get('host') or 'localhost'}:{port if port else ''}:{get('localAddress') or ''}"
        family = get("family")
        if family == 4 or family == 6:
            name += f":{family}"
        socket_path = get("socketPath")
        if socket_path:
            name += f":{socket_path}"
        return name

    def addRequest(self, req: Any, options: Any, port: Any = None,
                   localAddress: Any = None) -> None:
        """Give ``req`` a socket: a free one, a new one (under ``maxSockets``), or queue it.

        The legacy form ``addRequest(req, host, port, localAddress)`` works too.
        """
        if isinstance(options, str):
            options = {"host": options, "port": port, "localAddress": localAddress}
        opts = self.options
        cached = getattr(self, "_plainNameKey", None)
        if cached is not None and cached[0] is opts and cached[1] == len(opts):
            plain = cached[2]
        else:
            plain = self._plainName
        if plain:
            # Nothing in the agent's options changes the name and getName is
            # Node's: name the origin without building the merged options
            # (only a new socket needs them).
            name = self.getName(options)
            merged = None
        else:
            merged = self._mergeOptions(options, req)
            name = self.getName(merged)
        sockets = self.sockets.get(name)
        if sockets is None:
            sockets = self.sockets[name] = []
        free = self.freeSockets.get(name)
        free_len = len(free) if free else 0
        if free_len:
            # We have a free socket, so use that: the oldest (Node 10) or newest.
            socket = free.pop() if self.scheduling == "lifo" else free.pop(0)
            if not free:
                del self.freeSockets[name]  # don't leak
            self.reuseSocket(socket, req)
            req.onSocket(socket)  # _setRequestSocket(self, req, socket), its first line
            if req.timeout is not None:
                _setRequestTimeout(self, req, socket)
            sockets.append(socket)
        elif free_len + len(sockets) < self.maxSockets and (
                self.maxTotalSockets == math.inf
                or self.totalSocketCount < self.maxTotalSockets):
            if merged is None:
                merged = self._mergeOptions(options, req)
            self.createSocket(req, merged, _handleSocketCreation(self, req, True))
        else:
            if self.maxTotalSockets != math.inf:
                # For removeSocket, when a socket of another origin goes away.
                self._originOptions[name] = options
            queue = self.requests.get(name)  # over the limit: wait
            if queue is None:
                self.requests[name] = [req]
            else:
                queue.append(req)

    @property
    def totalSocketCount(self) -> int:
        """Sockets the agent holds over all origins, busy or free (Node 14.5+)."""
        return (sum(len(lst) for lst in self.sockets.values())
                + sum(len(lst) for lst in self.freeSockets.values()))

    def _othersWaiting(self, name: str) -> bool:
        return any(queue for key, queue in self.requests.items() if key != name)

    @property
    def _plainName(self) -> bool:
        # Cached per options dict (identity) and size: re-checked if replaced
        # or grown (addRequest reads the cache itself).
        opts = self.options
        plain = type(self).getName is Agent.getName and not (opts.keys() & _NAME_KEYS)
        self._plainNameKey = (opts, len(opts), plain)
        return plain

    def _mergeOptions(self, options: dict, req: Any) -> dict:
        options = {**options, **self.options}
        if options.get("socketPath"):
            options["path"] = options["socketPath"]
        if not options.get("servername"):
            options["servername"] = _calculateServerName(options, req)
        return options

    def createSocket(self, req: Any, options: dict, cb: Callable) -> None:
        """Create a socket through :meth:`createConnection` and register it under its name."""
        options = {**options, **self.options}
        if options.get("socketPath"):
            options["path"] = options["socketPath"]
        if not options.get("servername"):
            options["servername"] = _calculateServerName(options, req)
        name = self.getName(options)
        options["_agentKey"] = name
        options["encoding"] = None
        called = False

        def oncreate(err: Any = None, s: Any = None) -> None:
            nonlocal called
            if called:
                return
            called = True
            if err:
                cb(err)
                return
            self.sockets.setdefault(name, []).append(s)
            _installListeners(self, s, options)
            cb(None, s)

        new_socket = invoke(self.createConnection, options, oncreate)
        if new_socket:
            oncreate(None, new_socket)

    def removeSocket(self, s: Any, options: dict) -> None:
        """Drop ``s`` from ``sockets`` (and from ``freeSockets`` once it is destroyed);
        if requests are queued for the origin, create a socket for them."""
        name = options.get("_agentKey") or self.getName(options)
        busy = self.sockets.get(name)  # _removeFrom(self.sockets, name, s), inline
        if busy and s in busy:
            busy.remove(s)
            if not busy:
                del self.sockets[name]  # don't leak
        if not s.writable:  # destroyed: out of the free pool too
            _removeFrom(self.freeSockets, name, s)
        queue = self.requests.get(name)
        if not queue and self.maxTotalSockets != math.inf:
            # Node 14.5+: a socket under maxTotalSockets went away; a request
            # of another origin may take its place.
            for key, other in self.requests.items():
                if other and not self.sockets.get(key):
                    queue = other
                    options = self._originOptions.get(key, options)
                    break
        if queue:
            # Pending requests and a socket went away: make a new one.
            self.createSocket(queue[0], options, _handleSocketCreation(self, queue[0], False))

    def keepSocketAlive(self, socket: Any) -> bool:
        """Called when ``socket`` could be pooled; Node's default enables TCP
        keep-alive, unrefs the socket and returns True (False: destroy it)."""
        # (net.Socket skips the syscalls when the option is already so.)
        socket.setKeepAlive(True, self.keepAliveMsecs)
        socket.unref()
        return True

    def reuseSocket(self, socket: Any, req: Any) -> None:
        """Called when a pooled ``socket`` is given to ``req``; Node's default
        marks ``req.reusedSocket`` (Node 13+) and refs the socket."""
        req.reusedSocket = True
        socket.ref()

    def destroy(self) -> None:
        """Destroy every socket the agent holds, free or busy."""
        for group in (self.freeSockets, self.sockets):
            for lst in list(group.values()):
                for s in list(lst):
                    s.destroy()


def _removeFrom(group: dict[str, list], name: str, s: Any) -> None:
    """Take ``s`` out of ``group[name]``, dropping the list once empty (don't leak)."""
    lst = group.get(name)
    if lst:
        try:
            lst.remove(s)
        except ValueError:
            return
        if not lst:
            del group[name]


def _calculateServerName(options: dict, req: Any) -> str | None:
    servername = options.get("host")
    host_header = req.getHeader("host") if hasattr(req, "getHeader") else None
    if host_header:
        host_header = str(host_header)
        if host_header.startswith("["):
            index = host_header.find("]")
            servername = host_header if index == -1 else host_header[1:index]
        else:
            servername = host_header.split(":", 1)[0]
    return servername


def _installListeners(agent: Agent, s: Any, options: dict) -> None:
    own = getattr(agent, "_freeListener", None)  # set once, by Agent.__init__

    def onFree() -> None:
        if own is not None and only(agent, "free") is own:
            # agent.emit('free', s, options) with only the agent's own listener.
            own(s, options)
            return
        agent.emit("free", s, options)

    def onClose(*_: Any) -> None:
        # The only place sockets leave the agent: to drop a socket, close it.
        agent.removeSocket(s, options)

    def onRemove() -> None:
        # For 'upgrade'/CONNECT: the socket is taken out of the pool for good.
        agent.removeSocket(s, options)
        s.removeListener("close", onClose)
        s.removeListener("free", onFree)
        s.removeListener("agentRemove", onRemove)

    s.on("free", onFree)
    s.on("close", onClose)
    s.on("agentRemove", onRemove)


def _handleSocketCreation(agent: Agent, request: Any, informRequest: bool) -> Callable:
    def inner(err: Any = None, socket: Any = None) -> None:
        if err:
            _loop.next_tick(request.emit, "error", err)
            return
        if informRequest:
            _setRequestSocket(agent, request, socket)
        else:
            socket.emit("free")

    return inner


def _setRequestSocket(agent: Agent, req: Any, socket: Any) -> None:
    """Node's ``setRequestSocket``: give ``req`` its socket, then its timeout."""
    req.onSocket(socket)
    if req.timeout is not None:
        _setRequestTimeout(agent, req, socket)


def _setRequestTimeout(agent: Agent, req: Any, socket: Any) -> None:
    # The tail of Node's setRequestSocket: the request's own timeout.
    timeout = req.timeout
    agent_timeout = agent.options.get("timeout") or 0
    if timeout == agent_timeout:
        return
    socket.setTimeout(timeout)

    def onResponse(res: Any) -> None:
        def onEnd() -> None:
            if getattr(socket, "timeout", None) != agent_timeout:
                socket.setTimeout(agent_timeout)

        res.once("end", onEnd)

    req.once("response", onResponse)  # reset the timeout after the response


#: Node's ``http.globalAgent``: the default agent of every request.
globalAgent = Agent(http_defaults.globalAgentOptions())
