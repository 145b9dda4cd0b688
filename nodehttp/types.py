"""Types of nodehttp's public API: listener signatures and option dicts.

Node has no such module (its types live in ``@types/node``); this one is
what a type checker reads to check a program written against nodehttp.  It
holds no behaviour: the listener aliases are ``Callable`` types and the
option dicts are ``TypedDict`` s (``total=False``: every key optional, as in
Node) with Node's key names and the value types Node accepts.

Invariant: importing this module at run time costs one import of
``typing``; the classes it names are imported for checkers only.  Event
overloads (``server.on('request', lambda req, res: ...)``) live in
:mod:`nodehttp.event_overloads`, which only checkers import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Literal, TypedDict, Union

if TYPE_CHECKING:
    from .http_agent import Agent
    from .http_incoming import IncomingMessage
    from .http_server import ServerResponse
    from .net import Socket

__all__ = [
    "BufferEncoding", "Chunk", "Headers", "OutgoingHeaders",
    "RequestListener", "ResponseListener", "ConnectionListener", "UpgradeListener",
    "ErrorListener", "NoArgListener",
    "RequestOptions", "ServerOptions", "AgentOptions", "ListenOptions",
    "SocketConstructorOpts", "TcpNetConnectOpts", "IpcNetConnectOpts", "NetConnectOpts",
    "NetServerOptions", "SecureContextOptions", "TlsConnectionOptions", "TlsServerOptions",
    "HttpsRequestOptions", "HttpsServerOptions", "HttpsAgentOptions",
]

#: The encodings Node 10 knows (``buf.toString(enc)``, ``setEncoding(enc)``).
BufferEncoding = Literal[
    "utf8", "utf-8", "ascii", "latin1", "binary", "base64", "hex",
    "ucs2", "ucs-2", "utf16le", "utf-16le",
    "UTF8", "UTF-8", "ASCII", "LATIN1", "BINARY", "BASE64", "HEX", "UCS2", "UCS-2", "UTF16LE",
    "UTF-16LE",
]

#: A ``'data'`` chunk: ``bytes`` (Node's Buffer), or ``str`` after ``setEncoding()``.
#: ``Any``, as in ``@types/node``, so listeners need not narrow it.
Chunk = Any

#: ``req.headers``: lower-cased names; ``set-cookie`` is a list, the rest strings.
Headers = dict[str, Any]
#: What ``setHeader``/``writeHead``/the ``headers`` option take: a value is a
#: string, a number or a list of them.
OutgoingHeaders = dict[str, Union[str, int, float, list[str]]]

# -- listeners -------------------------------------------------------------------------

#: ``http.createServer(listener)``, ``server.on('request', listener)``.
RequestListener = Callable[["IncomingMessage", "ServerResponse"], object]
#: ``http.request(url, listener)``, ``req.on('response', listener)``.
ResponseListener = Callable[["IncomingMessage"], object]
#: ``net.createServer(listener)``, ``server.on('connection', listener)``.
ConnectionListener = Callable[["Socket"], object]
#: ``'upgrade'``/``'connect'`` on a server: (req, socket, head).
UpgradeListener = Callable[["IncomingMessage", "Socket", bytes], object]
#: ``'error'``.
ErrorListener = Callable[[BaseException], object]
#: ``'close'``, ``'finish'``, ``'listening'``, ``listen()``'s callback, ...
NoArgListener = Callable[[], object]


# -- net -------------------------------------------------------------------------------

class SocketConstructorOpts(TypedDict, total=False):
    """``new net.Socket(options)``."""

    allowHalfOpen: bool
    readable: bool
    writable: bool


class _ConnectOpts(TypedDict, total=False):
    timeout: float
    onread: Any


class TcpNetConnectOpts(SocketConstructorOpts, _ConnectOpts, total=False):
    """``net.connect(options)`` for TCP."""

    port: int | str
    host: str
    localAddress: str
    localPort: int
    family: Literal[0, 4, 6]
    hints: int
    lookup: Callable[..., object]
    noDelay: bool
    keepAlive: bool
    keepAliveInitialDelay: float


class IpcNetConnectOpts(SocketConstructorOpts, _ConnectOpts, total=False):
    """``net.connect(options)`` for a unix-domain socket."""

    path: str


#: ``net.connect(options)`` / ``net.createConnection(options)``.
NetConnectOpts = Union[TcpNetConnectOpts, IpcNetConnectOpts]


class NetServerOptions(TypedDict, total=False):
    """``net.createServer(options)``."""

    allowHalfOpen: bool
    pauseOnConnect: bool


class ListenOptions(TypedDict, total=False):
    """``server.listen(options[, callback])``."""

    port: int | str
    host: str
    path: str
    backlog: int
    exclusive: bool
    readableAll: bool
    writableAll: bool
    ipv6Only: bool


# -- http ------------------------------------------------------------------------------

class ServerOptions(NetServerOptions, total=False):
    """``http.createServer(options)``: the classes to build, header limits."""

    IncomingMessage: type[IncomingMessage]
    ServerResponse: type[ServerResponse]
    insecureHTTPParser: bool
    maxHeaderSize: int
    requireHostHeader: bool


class AgentOptions(TypedDict, total=False):
    """``new http.Agent(options)`` (plus any ``net.connect`` option)."""

    keepAlive: bool
    keepAliveMsecs: float
    maxSockets: float
    maxTotalSockets: float
    maxFreeSockets: float
    scheduling: Literal["fifo", "lifo"]
    timeout: float
    # net.connect options the agent passes on when it creates a socket:
    family: Literal[0, 4, 6]
    localAddress: str
    host: str
    port: int | str
    path: str | None
    socketPath: str
    servername: str


class RequestOptions(TypedDict, total=False):
    """``http.request(options)`` / ``http.get(options)``."""

    agent: Agent | Literal[False] | None
    auth: str
    createConnection: Callable[..., Socket]
    defaultPort: int
    family: Literal[0, 4, 6]
    headers: OutgoingHeaders | list[str]
    host: str
    hostname: str
    insecureHTTPParser: bool
    localAddress: str
    lookup: Callable[..., object]
    maxHeaderSize: int
    method: str
    path: str
    port: int | str
    protocol: str
    setHost: bool
    socketPath: str
    timeout: float


# -- tls / https ----------------------------------------------------------------------
# Node's keys for nodehttp.tls and nodehttp.https (tls.createSecureContext,
# tls.connect, tls.createServer, https.request, https.createServer).

_PEM = Union[str, bytes, list[Union[str, bytes]]]


class SecureContextOptions(TypedDict, total=False):
    """``tls.createSecureContext(options)``."""

    ca: _PEM
    cert: _PEM
    key: _PEM | list[Any]
    passphrase: str
    pfx: _PEM | list[Any]
    ciphers: str
    ecdhCurve: str
    dhparam: str | bytes
    honorCipherOrder: bool
    minVersion: Literal["TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"]
    maxVersion: Literal["TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"]
    secureOptions: int
    secureProtocol: str
    sessionIdContext: str
    crl: _PEM


class TlsConnectionOptions(SecureContextOptions, TcpNetConnectOpts, total=False):
    """``tls.connect(options)``."""

    secureContext: Any
    servername: str
    rejectUnauthorized: bool
    checkServerIdentity: Callable[[str, Any], BaseException | None]
    ALPNProtocols: list[str] | list[bytes]
    session: bytes
    minDHSize: int
    socket: Socket


class TlsServerOptions(SecureContextOptions, NetServerOptions, total=False):
    """``tls.createServer(options)``."""

    handshakeTimeout: float
    requestCert: bool
    rejectUnauthorized: bool
    ALPNProtocols: list[str] | list[bytes]
    SNICallback: Callable[[str, Callable[..., object]], object]
    sessionTimeout: float
    ticketKeys: bytes


class HttpsRequestOptions(RequestOptions, SecureContextOptions, total=False):
    """``https.request(options)``: http's keys plus the TLS ones."""

    servername: str
    rejectUnauthorized: bool
    checkServerIdentity: Callable[[str, Any], BaseException | None]


class HttpsServerOptions(ServerOptions, TlsServerOptions, total=False):
    """``https.createServer(options)``."""


class HttpsAgentOptions(AgentOptions, SecureContextOptions, total=False):
    """``new https.Agent(options)``: an Agent's keys plus the TLS ones."""

    rejectUnauthorized: bool
    checkServerIdentity: Callable[[str, Any], BaseException | None]
    maxCachedSessions: int

