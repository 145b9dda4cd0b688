"""Node's ``_http_server.js``: :class:`Server`, :class:`ServerResponse` and the
per-connection request/response machinery -- a package split by concept
(Node's one file would be over 1000 lines here): :mod:`.server` (``Server``,
``createServer``), :mod:`.connection` (``connectionListenerInternal``'s
state and handlers), :mod:`.response` (``ServerResponse``).  Every name is
importable from here, as from Node's module.

Invariant kept here: one :class:`_ConnectionState` per connection (Node's
``state`` record in ``connectionListenerInternal``) owns the parser, the
queue of requests not yet answered (``incoming``) and of responses waiting
for the socket (``outgoing``), so responses leave strictly in request order.
Only the response at the head of the queue owns the socket
(``socket._httpMessage``); the others buffer their output until
``resOnFinish`` hands the socket on.

Bytes reach the parser through the socket fast path (``socket._ondata``), not
through the socket's Readable; on upgrade/CONNECT the hook is removed and the
socket is handed to the user in stream mode with the unparsed bytes as
``head``.  Node's per-request closures (``resOnFinish.bind``,
``onServerResponseClose``, ``resetHeadersTimeoutOnReqEnd``) are replaced by
methods of the connection state, called from the same places, so a request
costs no listener registrations.  As in Node, the nextTick queue is drained
after each body callback of the parser (and only then), so requests
pipelined in one chunk see Node's event order.

Semantics are Node 10's (``server.timeout`` 120000, ``headersTimeout`` 40000
checked when data arrives, no ``'upgrade'`` listener → an ordinary request,
res ``'close'`` only when the connection dies first); the default
``clientError`` reply is Node 20's (400, or 431 for header overflow, only if
no response bytes were sent yet, then destroy).
"""

from __future__ import annotations

from ..http_common import STATUS_CODES
from .connection import _ConnectionState  # noqa: F401 - re-exported (Node's internals)
from .response import ServerResponse
from .server import Server, createServer

__all__ = ["Server", "ServerResponse", "createServer", "STATUS_CODES"]
