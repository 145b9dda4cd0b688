"""Node's ``https`` module: HTTP over :mod:`nodehttp.tls`.

``https.Server`` is a ``tls.Server`` that serves HTTP exactly as
``http.Server`` does: the HTTP connection handler (``http_server``) runs on
each ``'secureConnection'`` socket instead of each ``'connection'``, so
timeouts, keep-alive, pipelining, upgrade/CONNECT and ``'clientError'`` are
the same code.  As in Node, a ``'tlsClientError'`` becomes ``'clientError'``
(err, tlsSocket), and the socket is destroyed when nobody listens.

The client side is ``http``'s ``ClientRequest`` with ``https.globalAgent``
as its default agent: the agent's ``protocol`` (``'https:'``) is what a URL
must say, its ``defaultPort`` (443) fills a missing port, and its
``createConnection`` is :func:`tls.connect`, resuming the TLS session of an
earlier connection to the same origin (``maxCachedSessions``, default 100).
"""

from __future__ import annotations

from typing import Any, Callable

from . import http_agent as _http_agent
from . import http_server as _http_server
from . import tls as _tls
from . import url as _url

__all__ = ["Server", "createServer", "request", "get", "Agent", "globalAgent"]


class Server(_tls.Server, _http_server.Server):
    """Node's ``https.Server``: a ``tls.Server`` serving HTTP.

    ``Server([options][, requestListener])``: ``options`` are
    ``tls.createServer``'s and ``http.createServer``'s.  Attributes and
    events are ``http.Server``'s (``timeout``, ``keepAliveTimeout``,
    ``headersTimeout``, ``'request'``, ``'upgrade'``, ``'clientError'``, …)
    plus ``tls.Server``'s (``'secureConnection'``, ``'tlsClientError'``).
    """

    def __init__(self, options: Any = None, requestListener: Callable | None = None) -> None:
        if callable(options):
            requestListener, options = options, None
        options = dict(options or {})
        # http.Server's constructor: HTTP options and attributes, and its
        # 'connection' listener, which for https is tls's (see below).
        _http_server.Server.__init__(self, options, requestListener)
        self._setupTLS(options)
        self.on("secureConnection", self._onSecureConnection)
        self.on("tlsClientError", self._onTlsClientError)

    # http.Server registers self._connectionListener for 'connection': here
    # that is the TLS wrap; HTTP starts at 'secureConnection'.
    _connectionListener = _tls.Server._tlsConnectionListener

    def _onSecureConnection(self, socket: Any) -> None:
        # Node: this.on('secureConnection', connectionListener) -- http's.
        _http_server.Server._connectionListener(self, socket)

    def _onTlsClientError(self, err: BaseException, conn: Any) -> None:
        if not self.emit("clientError", err, conn):
            conn.destroy(err)

    def __repr__(self) -> str:
        return f"<https.Server listening={self.listening} address={self.address()!r}>"


def createServer(options: Any = None, requestListener: Callable | None = None) -> Server:
    """Node's ``https.createServer([options][, requestListener])``."""
    return Server(options, requestListener)


# -- the client ----------------------------------------------------------------------------

# Options that enter Agent.getName after http's, in Node's order.
_NAME_OPTIONS = ("ca", "cert", "clientCertEngine", "ciphers", "key", "pfx", "rejectUnauthorized",
                 "servername", "minVersion", "maxVersion", "secureProtocol", "crl",
                 "honorCipherOrder", "ecdhCurve", "dhparam", "secureOptions", "sessionIdContext")
_DEFINED = ("rejectUnauthorized", "honorCipherOrder", "secureOptions")  # "!== undefined" ones


def _js_str(value: Any) -> str:
    # JavaScript's string concatenation of the value (Buffer → its utf8 text).
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_js_str(v) for v in value)
    return str(value)


class Agent(_http_agent.Agent):
    """Node's ``https.Agent``: an ``http.Agent`` whose sockets are TLS.

    Options: ``http.Agent``'s plus ``maxCachedSessions`` (100; 0 disables
    session reuse) and any ``tls.connect`` option (``ca``, ``cert``, ``key``,
    ``rejectUnauthorized``, ``servername``, …) applied to every connection.
    """

    def __init__(self, options: dict | None = None) -> None:
        super().__init__(options)
        self.defaultPort = 443
        self.protocol = "https:"
        mcs = self.options.get("maxCachedSessions")
        self.maxCachedSessions = 100 if mcs is None else mcs
        self._sessionCache: dict[str, Any] = {"map": {}, "list": []}

    def createConnection(self, options: dict, callback: Callable | None = None) -> Any:
        """``tls.connect(options)``, resuming the cached session of the origin."""
        key = options.get("_agentKey")
        if key:
            session = self._getSession(key)
            if session is not None:
                options = {"session": session, **options}
        socket = _tls.connect(options)
        if key:
            # The live socket is cached: its session is read when the next
            # connection starts (a TLS 1.3 ticket arrives after 'session').
            socket.on("session", lambda session: self._cacheSession(key, socket))

            def onclose(hadError: bool) -> None:
                if hadError:  # evict the session on error
                    self._evictSession(key)
                else:  # TLS 1.3 tickets arrive after the handshake: take it now too
                    self._cacheSession(key, socket.getSession())

            socket.once("close", onclose)
        return socket

    def getName(self, options: dict) -> str:
        """http's ``host:port:localAddress[:family]`` then ``:``-separated TLS options."""
        name = _http_agent.Agent.getName(self, options)
        for opt in _NAME_OPTIONS:
            name += ":"
            value = options.get(opt)
            if opt in _DEFINED:
                if value is not None:
                    name += _js_str(value)
            elif opt == "servername":
                if value and value != options.get("host"):
                    name += _js_str(value)
            elif value:
                name += _js_str(value)
        return name

    def _getSession(self, key: str) -> Any:
        session = self._sessionCache["map"].get(key)
        if isinstance(session, _tls.TLSSocket):
            session = session.getSession()
        return session

    def _cacheSession(self, key: str, session: Any) -> None:
        # Cache is disabled, or there is nothing to resume.
        if not self.maxCachedSessions or session is None:
            return
        cache = self._sessionCache
        if key not in cache["map"]:
            # Shift out the oldest session.
            if len(cache["list"]) >= self.maxCachedSessions:
                old = cache["list"].pop(0)
                cache["map"].pop(old, None)
            cache["list"].append(key)
        cache["map"][key] = session

    def _evictSession(self, key: str) -> None:
        cache = self._sessionCache
        if key in cache["map"]:
            cache["list"].remove(key)
            del cache["map"][key]


#: Node's ``https.globalAgent`` (may be reassigned: requests look it up each time).
globalAgent = Agent()


def request(*args: Any) -> Any:
    """Node's ``https.request(url[, options][, callback])`` / ``(options[, callback])``.

    A URL string is parsed with WHATWG ``URL`` (Node's ``ERR_INVALID_URL`` on a
    bad one); the default agent is :data:`globalAgent`, so an ``http:`` URL
    gives ``ERR_INVALID_PROTOCOL`` (``Protocol "http:" not supported.
    Expected "https:"``) and the default port is 443.
    """
    from .http_client import ClientRequest

    rest = list(args)
    options: dict = {}
    if rest and isinstance(rest[0], str):
        options = _url.urlToOptions(_url.URL(rest.pop(0)))
    elif rest and isinstance(rest[0], _url.URL):
        options = _url.urlToOptions(rest.pop(0))
    if rest and rest[0] is not None and not callable(rest[0]):
        extra = rest.pop(0)
        if isinstance(extra, _url.Url):
            extra = extra.toDict()
        options.update(extra)
    elif rest and rest[0] is None:
        rest.pop(0)
    options["_defaultAgent"] = globalAgent
    cb = rest[0] if rest else None
    return ClientRequest(options, cb)


def get(*args: Any) -> Any:
    """Node's ``https.get``: :func:`request` with ``GET``, ended at once."""
    req = request(*args)
    req.end()
    return req

