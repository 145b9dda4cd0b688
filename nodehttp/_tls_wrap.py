"""Node's ``_tls_wrap.js``: :class:`TLSSocket`, :class:`Server` and :func:`connect`.

How the TLS layer sits on the socket seam (Node's ``TLSWrap`` over a TCP
handle, played by :class:`._tls_transport.TLSTransport`):

- The TCP transport's protocol is swapped for a ``TLSTransport``, which is
  also the transport of the :class:`TLSSocket`'s handle (a
  :class:`_TLSHandle`, i.e. ``net``'s handle class).  Plaintext therefore
  reaches the socket exactly as TCP bytes reach a ``net.Socket``: through
  ``_ondata`` (the HTTP parser's fast path) or the Readable side, and writes
  leave through the one ``net.Socket._write`` into the TLS transport.  The
  swap happens synchronously inside the TCP ``connection_made`` (server) or
  ``'connect'`` (client), before any byte is read, so none can be missed.
- The handle's transport is the TLS transport from the start: writes made
  before the handshake completes wait there, as Node's TLSWrap keeps them.
- Handshake success calls the handle's ``connection_made``, which lands in
  :meth:`TLSSocket._afterConnect`: verification is judged there, in Node's
  order (``onConnectSecure`` on the client, ``onServerSocketSecure`` on the
  server), then ``'secureConnect'`` / ``'secureConnection'``.  A failed
  handshake is reported to :meth:`TLSSocket._onHandshake` and becomes
  Node's error (``destroy(err)``; on a server, ``'tlsClientError'``).
- Server side, the accepted ``net.Socket`` is emitted as ``'connection'`` (as
  in Node) and gives its transport up (``net.Socket._releaseTransport``); it
  is destroyed when the TLS socket closes, which keeps ``server`` counts and
  ``'close'`` right.  With an ``SNICallback`` the ClientHello is read raw
  first (:mod:`._tls_hello`) so the callback may answer later.
- Half-close is Node's: ``end()`` is the TLS transport's ``write_eof``
  (``close_notify``, then FIN), the peer's ``close_notify`` is ``'end'``.

Differences from Node, by necessity: sessions are :class:`ssl.SSLSession`
objects (pass them back as ``session``); renegotiation is not supported.
"""

from __future__ import annotations

import ssl
import weakref
from typing import Any, Callable

from . import loop as _loop
from . import net
from ._tls_common import (alpnList, clientContext, createSecureContext,
                          enableKeylog, roleContext, socketOf, sslError,
                          translatePeerCertificate, verifyError, wrapping)
from ._tls_hello import ClientHelloReader, feed
from ._tls_transport import TLSTransport
from ._tls_openssl import accept_all_verify, verify_result
from .errors import NodeError, invalid_arg_type, node_error
from .events import invoke
from .net.handle import SocketHandle

__all__ = ["TLSSocket", "Server", "createServer", "connect"]

_SSL_VERIFY_PEER = 1
_SSL_VERIFY_FAIL_IF_NO_PEER_CERT = 2


class _TLSHandle(SocketHandle):
    """The TLS socket's handle: ``net``'s handle, with a :class:`TLSTransport` as
    its transport (plaintext in and out, half-close included)."""

    __slots__ = ()


class TLSSocket(net.Socket):
    """Node's ``tls.TLSSocket``: a ``net.Socket`` carrying TLS.

    Made by :func:`connect` (client) and by a :class:`Server` for each
    accepted connection.  Extra events: ``'secureConnect'`` (client),
    ``'session'`` (session).  Extra surface: ``encrypted``, ``authorized``,
    ``authorizationError``, ``alpnProtocol``, ``servername``,
    :meth:`getPeerCertificate`, :meth:`getCipher`, :meth:`getProtocol`,
    :meth:`getSession`, :meth:`isSessionReused`.
    """

    def __init__(self, socket: Any = None, options: dict | None = None) -> None:
        opts = dict(options or {})
        # Node: a wrapped socket's allowHalfOpen, else the option's.
        halfOpen = socket.allowHalfOpen if socket is not None else opts.get("allowHalfOpen")
        net.Socket.__init__(self, {"allowHalfOpen": bool(halfOpen)})
        self._tlsOptions = opts
        self._parent = socket
        self._rawTransport: Any = None
        self._sslObject: Any = None
        self._peerCert: dict | None = None
        self._secureEstablished = False
        self._controlReleased = False
        self._errorEmitted = False
        self._keylogLines: list[bytes] | None = None
        self._sniAnswer: tuple | None = None
        self.secureConnecting = True
        self.encrypted = True
        self.authorized = False
        self.authorizationError: str | None = None
        self.alpnProtocol: Any = False
        isServer = bool(opts.get("isServer"))
        self._isServer = isServer
        self.servername: Any = None if isServer else opts.get("servername")
        self._session = opts.get("session")
        self._rejectUnauthorized = opts.get("rejectUnauthorized") is not False
        self._requestCert = bool(opts.get("requestCert")) if isServer else True
        if not isServer:
            # Node: a client turns its key log on when 'keylog' gets a listener.
            self.on("newListener", self._keylogNewListener)
        if isServer:
            self.server = opts.get("server")
            # Node: until control is released, a server socket's errors are
            # the server's 'tlsClientError', never an uncaught 'error'.
            self.on("error", self._tlsError)
        sc = opts.get("secureContext")
        if sc is None:
            sc = createSecureContext(opts)
        self._secureContext = sc
        self._handle = None
        if isServer and socket is not None and opts.get("server") is None:
            # new tls.TLSSocket(socket, {isServer: true, ...}) by hand (STARTTLS):
            # TLS starts on the connected socket now; 'secure' tells when it is up.
            transport = socket._releaseTransport()
            if transport is None:
                raise node_error("ERR_SOCKET_CLOSED", "Socket is closed")
            if "handshakeTimeout" not in opts:
                opts["handshakeTimeout"] = 0
            if self._requestCert:
                _configure_verify(self._sslContext(), self._rejectUnauthorized)
            self._startServer(transport)

    # -- starting TLS on a transport ------------------------------------------------------

    def _sslContext(self) -> ssl.SSLContext:
        return roleContext(self._secureContext, self._isServer)

    def _wrap(self, transport: Any) -> TLSTransport:
        """Put TLS (a :class:`TLSTransport`) between ``transport`` and this socket's handle."""
        h = self._handle
        assert h is not None and isinstance(h, _TLSHandle)
        ctx = self._sslContext()
        servername = self.servername if not self._isServer else None
        if servername and net.isIP(servername):
            servername = None
        tp = TLSTransport(h, ctx, self._isServer, servername or None, self._onHandshake,
                          self._onTLSError)
        self._rawTransport = transport
        # The handle writes into TLS from now on: writes before the handshake
        # completes wait in the TLS transport, as Node's TLSWrap keeps them.
        h.transport = tp
        session = self._session if isinstance(self._session, ssl.SSLSession) else None
        with wrapping(ctx, session, self):
            transport.set_protocol(tp)
            tp.connection_made(transport)
        return tp

    def _startServer(self, transport: Any, SNICallback: Callable | None = None) -> None:
        h = self._handle = _TLSHandle(self)
        h.updateRef()  # active (handshaking, then reading): refs the loop, libuv's rule
        timeout = self._tlsOptions.get("handshakeTimeout", 120000)
        if timeout and timeout > 0:
            self.setTimeout(timeout, self._handleTimeout)
        if SNICallback is None:
            self._wrap(transport)
            return
        # An SNICallback may answer later: read the ClientHello raw first
        # (_tls_hello), ask the callback, then start TLS with its answer.
        self._rawTransport = transport
        reader = ClientHelloReader(
            lambda name: _loop.entry(self._onClientHello, reader, name, SNICallback),
            lambda exc: _loop.entry(self._onHelloClosed, exc))
        transport.set_protocol(reader)
        reader.connection_made(transport)

    def _onClientHello(self, reader: ClientHelloReader, servername: str | None,
                       SNICallback: Callable) -> None:
        # Node's loadSNI: no name, no callback; otherwise wait for its answer.
        if self.destroyed:
            return
        if not servername:
            self._startTLS(reader, None)
            return
        answered = []

        def done(err: Any = None, context: Any = None) -> None:
            if answered or self.destroyed:
                return
            answered.append(True)
            if err is not None:
                self.destroy(err)  # before control is released: 'tlsClientError'
                return
            self._startTLS(reader, context)

        invoke(SNICallback, servername, done)

    def _startTLS(self, reader: ClientHelloReader, context: Any) -> None:
        # The callback has answered: the handshake's own SNI step applies its
        # context (Server._sniCallback) instead of asking again.
        self._sniAnswer = (context,)
        transport = reader.transport
        proto = self._wrap(transport)
        feed(proto, bytes(reader.buffer))
        if not self.destroyed:
            transport.resume_reading()

    def _onHelloClosed(self, exc: BaseException | None) -> None:
        if not self.destroyed and not self._secureEstablished:
            self.destroy(self._handshakeError(exc or ConnectionResetError()))

    def connect(self, *args: Any) -> TLSSocket:
        """``net.Socket.connect``; TLS starts once TCP is connected (then ``'connect'``)."""
        if self._handle is None or self.destroyed:
            self._handle = _TLSHandle(self)
        return net.Socket.connect(self, *args)  # type: ignore[return-value]

    def _startOn(self, raw: net.Socket) -> None:
        """tls.connect({socket}): TLS starts on the connected ``raw`` socket,
        whose transport this socket takes over (Node wraps its handle)."""
        transport = raw._releaseTransport()
        if transport is None:
            raise node_error("ERR_SOCKET_CLOSED", "Socket is closed")
        h = self._handle = _TLSHandle(self)
        h.updateRef()  # active (handshaking, then reading): refs the loop, libuv's rule
        self.connecting = True
        self._wrap(transport)
        # The raw socket is spent: it closes with us.
        self.once("close", lambda *_: raw.destroy())
        net.Socket._afterConnect(self)

    def _afterConnect(self) -> None:
        # Called by the handle's connection_made: first for TCP (client), then
        # for the completed handshake (both sides).
        if self._rawTransport is None:
            h = self._handle
            transport = h.transport  # type: ignore[union-attr]
            h.transport = None  # type: ignore[union-attr]
            self._wrap(transport)
            net.Socket._afterConnect(self)  # Node: 'connect' before the handshake ends
            return
        if self.destroyed or self._secureEstablished:
            return
        self._flushKeylog()
        self._secureEstablished = True
        self.secureConnecting = False
        t = self._handle.transport  # type: ignore[union-attr]
        self._sslObject = t.get_extra_info("ssl_object")
        self.alpnProtocol = self._sslObject.selected_alpn_protocol() or False
        if self._isServer:
            self._onServerSecure()
        else:
            self._onClientSecure()

    def _onHandshake(self, exc: BaseException | None) -> None:
        # The TLS transport's verdict; success continues in the handle's
        # connection_made (_afterConnect).
        if exc is not None:
            _loop.entry(self._onHandshakeError, exc)

    def _onTLSError(self, exc: BaseException) -> None:
        # OpenSSL failed on a record after the handshake (a bad MAC, say).
        if not self.destroyed:
            _loop.entry(self.destroy, sslError(exc) if isinstance(exc, ssl.SSLError) else exc)

    def _onHandshakeError(self, exc: BaseException) -> None:
        if self.destroyed or self._secureEstablished:
            return
        self.destroy(self._handshakeError(exc))

    def _handshakeError(self, exc: BaseException) -> NodeError:
        if isinstance(exc, ssl.SSLCertVerificationError):
            err = verifyError(exc.verify_code)
            if err is not None:
                return err
        if isinstance(exc, ssl.SSLError) and getattr(exc, "reason", None) \
                and not isinstance(exc, (ssl.SSLEOFError, ssl.SSLZeroReturnError)):
            return sslError(exc)
        if self._isServer:
            return NodeError("socket hang up", "ECONNRESET")
        return NodeError("Client network socket disconnected before secure TLS connection "
                         "was established", "ECONNRESET")

    # -- the key log ------------------------------------------------------------------------

    def onkeylog(self, line: bytes) -> None:
        """Internal (Node's ``ssl.onkeylog``): OpenSSL logged ``line`` for this
        connection, inside the handshake.  Lines wait in a per-handshake buffer
        and are emitted from the loop (listeners must not run inside OpenSSL):
        at the latest just before ``'secureConnect'``/``'secureConnection'``."""
        buf = self._keylogLines
        if buf is None:
            buf = self._keylogLines = []
        if not buf:
            _loop.get_loop().call_soon(_loop.entry, self._flushKeylog)
        buf.append(line)

    def _keylogNewListener(self, event: str, listener: Any) -> None:
        if event == "keylog":
            enableKeylog(self._sslContext())
            self.removeListener("newListener", self._keylogNewListener)

    def _flushKeylog(self) -> None:
        lines = self._keylogLines
        if not lines:
            return
        self._keylogLines = []
        for line in lines:
            if self._isServer:
                # Node: a server's connections log through the server.
                server = self.server
                if server is not None:
                    server.emit("keylog", line, self)
            else:
                self.emit("keylog", line)

    # -- after the handshake: Node's verification, then the secure events ----------------

    def _verifyError(self) -> NodeError | None:
        """Node's ``ssl.verifyError()``: the chain verification result, as an Error."""
        obj = self._sslObject
        if obj.getpeercert(True) is None:
            return verifyError(2)  # Node: no peer certificate → UNABLE_TO_GET_ISSUER_CERT
        code = verify_result(obj)
        if code is None:  # no ctypes seam: Python verified, or nobody did
            mode = self._sslContext().verify_mode
            return None if mode == ssl.CERT_REQUIRED else verifyError(27)
        return verifyError(code)

    def _onClientSecure(self) -> None:
        # Node's onConnectSecure.
        options = self._tlsOptions
        err = self._verifyError()
        if err is None and not self.isSessionReused():
            hostname = options.get("servername") or options.get("host") or "localhost"
            check = options.get("checkServerIdentity") or checkServerIdentity
            err = invoke(check, hostname, self.getPeerCertificate(True))
        if self._session is not None or self.listenerCount("session"):
            sess = self.getSession()
            if sess is not None:
                self.emit("session", sess)
        if err is not None:
            self.authorized = False
            self.authorizationError = getattr(err, "code", None) or str(err)
            if self._rejectUnauthorized:
                self.destroy(err)
                return
        else:
            self.authorized = True
        self.emit("secureConnect")

    def _onServerSecure(self) -> None:
        # Node's 'secure', then onServerSocketSecure.
        self.setTimeout(0, self._handleTimeout)
        # The state net.Server gives an accepted socket, before any listener
        # can end() it.
        self.readable = self.writable = True
        r = self._readableState
        r.reading = r.needReadable = True
        r.sync = False
        self.emit("secure")
        if self._requestCert:
            err = self._verifyError()
            if err is not None:
                self.authorizationError = err.code
                if self._rejectUnauthorized:
                    self.destroy()
                    return
            else:
                self.authorized = True
        self._controlReleased = True
        server = self.server
        if server is not None:
            server.emit("secureConnection", self)

    # -- errors before control is released ------------------------------------------------

    def _handleTimeout(self) -> None:
        self._emitTLSError(node_error("ERR_TLS_HANDSHAKE_TIMEOUT", "TLS handshake timeout"))

    def _emitTLSError(self, err: BaseException) -> None:
        e = self._tlsError(err)
        if e is not None:
            self.emit("error", e)

    def _tlsError(self, err: BaseException) -> BaseException | None:
        # Node emits '_tlsError', which the server turns into 'tlsClientError'.
        if self._isServer and not self._controlReleased and not self._errorEmitted:
            self._errorEmitted = True
            server = self.server
            if server is not None:
                server.emit("tlsClientError", err, self)
        return err if self._controlReleased else None

    def _destroy(self, exception: BaseException | None, cb: Callable) -> None:
        if not self._secureEstablished:
            # The handshake never completed, so the handle never saw a
            # connection: close TCP here and let the handle close at once.
            h = self._handle
            if h is not None:
                h.transport = None
            raw = self._rawTransport
            if raw is not None and not raw.is_closing():
                raw.abort()
        # Else the handle closes the TLS transport: close_notify, then TCP
        # without waiting for the peer's (as Node).
        net.Socket._destroy(self, exception, cb)
        parent = self._parent
        if parent is not None and self._isServer and not parent.destroyed:
            parent.destroy()

    # -- the TLS surface --------------------------------------------------------------------

    def getPeerCertificate(self, detailed: bool = False) -> dict | None:
        """The peer's certificate in Node's shape (``{}`` if it sent none; None before TLS).

        ``detailed``: ``issuerCertificate`` is set when the certificate is
        self-issued (to itself, as Node does); Python 3.11's ``ssl`` does not
        give the rest of the peer's chain.
        """
        obj = self._sslObject
        if obj is None:
            return None
        if self._peerCert is None:
            der = obj.getpeercert(True)
            if der is None:
                return {}
            self._peerCert = translatePeerCertificate(der, obj.getpeercert() or None)
        cert = self._peerCert
        if detailed and cert.get("subject") == cert.get("issuer"):
            cert["issuerCertificate"] = cert
        else:
            cert.pop("issuerCertificate", None)
        return cert

    def getCertificate(self) -> dict | None:
        """Node's ``getCertificate()``: this side's certificate — not available
        from Python's ``ssl``; returns None (documented)."""
        return None

    def getCipher(self) -> dict | None:
        """``{'name', 'version'}`` of the negotiated cipher (Node >= 11's version field)."""
        obj = self._sslObject
        c = obj.cipher() if obj is not None else None
        if not c:
            return None
        return {"name": c[0], "version": c[1]}

    def getProtocol(self) -> str | None:
        """``'TLSv1.2'``, ``'TLSv1.3'``, … or None before the handshake."""
        obj = self._sslObject
        return obj.version() if obj is not None else None

    def getSession(self) -> Any:
        """The TLS session (an :class:`ssl.SSLSession`: pass it back as ``session``)."""
        obj = self._sslObject
        return obj.session if obj is not None else None

    def isSessionReused(self) -> bool:
        """True when the handshake resumed a session."""
        obj = self._sslObject
        return bool(obj is not None and obj.session_reused)

    def setSession(self, session: Any) -> None:
        """The session to resume (before connecting)."""
        self._session = session

    def setServername(self, name: str) -> None:
        """The SNI name to send (before connecting)."""
        if not isinstance(name, str):
            raise invalid_arg_type("name", "string", name)
        self.servername = name
        self._tlsOptions["servername"] = name

    def renegotiate(self, options: Any = None, callback: Callable | None = None) -> bool:
        """Not supported (Python's ``ssl`` cannot renegotiate): ``callback(err)``, False."""
        err = node_error("ERR_TLS_RENEGOTIATION_DISABLED",
                         "TLS session renegotiation disabled for this socket")
        if callback is not None:
            _loop.next_tick(callback, err)
        return False

    def disableRenegotiation(self) -> None:
        """Renegotiation is never done; nothing to disable."""

    def __repr__(self) -> str:
        return f"<tls.TLSSocket {self.readyState} {self._getpeername() or ''}>"


# -- the server ------------------------------------------------------------------------------


def _configure_verify(ctx: ssl.SSLContext, rejectUnauthorized: bool) -> None:
    """A server asking for client certificates: Node's verify mode, never failing on a bad chain."""
    mode = _SSL_VERIFY_PEER | (_SSL_VERIFY_FAIL_IF_NO_PEER_CERT if rejectUnauthorized else 0)
    ctx.verify_mode = ssl.CERT_REQUIRED if rejectUnauthorized else ssl.CERT_OPTIONAL
    accept_all_verify(ctx, mode)


class Server(net.Server):
    """Node's ``tls.Server`` (a ``net.Server``).

    Options: everything :func:`createSecureContext` takes, plus
    ``requestCert``, ``rejectUnauthorized`` (default True, used with
    ``requestCert``), ``ALPNProtocols``, ``SNICallback``, ``handshakeTimeout``
    (120000 ms), ``allowHalfOpen``, ``pauseOnConnect``.  Events:
    ``'connection'`` (the TCP socket), ``'secureConnection'`` (the
    :class:`TLSSocket`), ``'tlsClientError'`` (err, tlsSocket).
    """

    # https.Server (a subclass, https.js) sets its TLS up on ``this``; its
    # connections go through tls's wrap first (tools/check_private_names.py).
    _protected = ("_setupTLS",)
    _internal = {"_tlsConnectionListener": "https.js Server (tls.Server.call(this, opts, "
                                           "...): each 'connection' is wrapped by tls first)"}

    def __init__(self, options: Any = None, listener: Callable | None = None) -> None:
        if callable(options):
            listener, options = options, None
        if options is None:
            options = {}
        elif not isinstance(options, dict):
            raise invalid_arg_type("options", "object", options)
        net.Server.__init__(self, {"allowHalfOpen": bool(options.get("allowHalfOpen")),
                                   "pauseOnConnect": bool(options.get("pauseOnConnect"))})
        self.on("connection", self._tlsConnectionListener)
        self._setupTLS(options)
        if listener is not None:
            self.on("secureConnection", listener)

    def _setupTLS(self, options: dict) -> None:
        self._contexts: list[tuple[str, Any]] = []
        self._configured: weakref.WeakSet = weakref.WeakSet()
        # Node enables the key log when the server gets a 'keylog' listener.
        self._keylog = False
        self.on("newListener", self._onNewListener)
        self.setSecureContext(options)
        self.handshakeTimeout = options.get("handshakeTimeout", 120000)
        self.requestCert = bool(options.get("requestCert"))
        self.rejectUnauthorized = options.get("rejectUnauthorized") is not False
        self.ALPNProtocols = options.get("ALPNProtocols")
        self._SNICallback = options.get("SNICallback")
        self._configure(self._sharedCreds.sslContext(True))

    def setSecureContext(self, options: dict) -> None:
        """Replace the server's credentials (Node's ``server.setSecureContext``)."""
        keys = ("key", "cert", "ca", "pfx", "passphrase", "ciphers", "honorCipherOrder",
                "ecdhCurve", "minVersion", "maxVersion", "secureProtocol", "dhparam")
        self._sharedCreds = createSecureContext({k: options[k] for k in keys if k in options})
        if hasattr(self, "requestCert"):
            self._configure(self._sharedCreds.sslContext(True))

    def _configure(self, ctx: ssl.SSLContext) -> None:
        # Per-server settings that live on an SSL context in Python.
        if self._keylog:
            enableKeylog(ctx)
        if ctx in self._configured:
            return
        self._configured.add(ctx)
        if self.requestCert:
            _configure_verify(ctx, self.rejectUnauthorized)
        alpn = self.ALPNProtocols
        if alpn:
            ctx.set_alpn_protocols(alpnList(alpn))
        ctx.sni_callback = self._sniCallback

    def _onNewListener(self, event: str, listener: Any) -> None:
        if event == "keylog" and not self._keylog:
            self._keylog = True
            self._configure(self._sharedCreds.sslContext(True))

    def _sniCallback(self, sslobj: Any, servername: str | None, ctx: Any) -> Any:
        sock = socketOf(sslobj)
        if sock is not None:
            sock.servername = servername if servername else False
        if not servername:
            return None
        cb = self._SNICallback
        result: list = []
        if sock is not None and sock._sniAnswer is not None:
            result = [None, sock._sniAnswer[0]]  # the asynchronous answer, already in
        elif cb is None:
            context = self._getSNIContext(servername)
            result = [None, context]
        else:
            invoke(cb, servername, lambda err=None, context=None: result.extend((err, context)))
            if not result:
                # Python's handshake cannot wait: the callback must answer at once.
                return ssl.ALERTDESCRIPTION_INTERNAL_ERROR
        err, context = result[0], result[1] if len(result) > 1 else None
        if err is not None:
            return ssl.ALERTDESCRIPTION_HANDSHAKE_FAILURE
        if context is not None:
            c = roleContext(context, True)
            self._configure(c)
            sslobj.context = c
        return None

    def _getSNIContext(self, servername: str) -> Any:
        import re

        for pattern, context in self._contexts:
            if re.match(pattern, servername):
                return context
        return None

    def addContext(self, hostname: str, context: Any) -> None:
        """Node's ``server.addContext(hostname, context)``: SNI; ``*`` wildcards."""
        import re

        if not isinstance(hostname, str):
            raise invalid_arg_type("hostname", "string", hostname)
        if isinstance(context, dict):
            context = createSecureContext(context)
        pattern = "^" + re.escape(hostname).replace(r"\*", "[^.]*") + "$"
        self._contexts.append((pattern, context))

    def _tlsConnectionListener(self, rawSocket: net.Socket) -> None:
        # Node's tlsConnectionListener: wrap the accepted socket.
        transport = rawSocket._releaseTransport()
        if transport is None:
            return
        socket = TLSSocket(rawSocket, {
            "isServer": True, "server": self, "secureContext": self._sharedCreds,
            "requestCert": self.requestCert, "rejectUnauthorized": self.rejectUnauthorized,
            "handshakeTimeout": self.handshakeTimeout,
            "allowHalfOpen": self.allowHalfOpen,
        })
        socket._startServer(transport, self._SNICallback)


def createServer(options: Any = None, listener: Callable | None = None) -> Server:
    """Node's ``tls.createServer([options][, secureConnectionListener])``."""
    return Server(options, listener)


# -- the client ------------------------------------------------------------------------------

def _normalizeConnectArgs(args: tuple) -> tuple[dict, Callable | None]:
    args_l = list(args)
    cb = args_l.pop() if args_l and callable(args_l[-1]) else None
    options: dict = {}
    if args_l and isinstance(args_l[0], dict):
        options = dict(args_l[0])
    elif args_l:
        first = args_l.pop(0)
        if isinstance(first, str) and not first.isdigit():
            options["path"] = first
        else:
            options["port"] = first
            if args_l and isinstance(args_l[0], str):
                options["host"] = args_l.pop(0)
        if args_l and isinstance(args_l[0], dict):
            options = {**args_l[0], **options}
    return options, cb


def connect(*args: Any) -> TLSSocket:
    """Node's ``tls.connect(options[, callback])`` / ``(port[, host][, options][, callback])``.

    Options: ``host``, ``port``, ``path``, ``socket`` (a connected
    ``net.Socket`` to wrap), ``servername`` (SNI), ``ca``, ``cert``, ``key``,
    ``passphrase``, ``ciphers``, ``minVersion``/``maxVersion``,
    ``rejectUnauthorized`` (default True), ``checkServerIdentity``,
    ``ALPNProtocols``, ``session``, ``secureContext``, ``timeout``.
    ``callback`` listens for ``'secureConnect'``.
    """
    options, cb = _normalizeConnectArgs(args)
    options.setdefault("checkServerIdentity", checkServerIdentity)
    if options.get("rejectUnauthorized") is None:
        options["rejectUnauthorized"] = True
    if options.get("secureContext") is None:
        options["secureContext"] = clientContext(options)
    raw = options.get("socket")
    socket = TLSSocket(raw, options)
    if cb is not None:
        socket.once("secureConnect", cb)
    if raw is not None:
        socket._startOn(raw)
    else:
        connectOpt = {k: options[k] for k in ("path", "port", "host", "family",
                                              "localAddress", "localPort", "timeout")
                      if options.get(k) is not None}
        socket.connect(connectOpt)
    return socket


def checkServerIdentity(hostname: str, cert: dict) -> NodeError | None:
    """Node's ``tls.checkServerIdentity(hostname, cert)``: None, or an Error
    ``ERR_TLS_CERT_ALTNAME_INVALID`` with ``reason``, ``host`` and ``cert``."""
    from .tls import checkServerIdentity as check

    return check(hostname, cert)
