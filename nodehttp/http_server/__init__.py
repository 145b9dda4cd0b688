"""Node's ``_http_server.js``: :class:`Server`, :class:`ServerResponse` and the
per-connection request/response machinery -- a package split by concept
(Node's one file would be over 1000 lines here): :mod:`.server` (``Server``,
``createServer``), :mod:`.connection` (``connectionListenerInternal``'s
state and handlers), :mod:`.response` (``ServerResponse``).  Every name is
importable from here, as from Node's module.

The per-connection invariants (one state record per connection, responses
leaving strictly in request order, the socket fast path) are stated in
:mod:`.connection`.
"""

from __future__ import annotations

from ..http_common import STATUS_CODES
from .connection import _ConnectionState  # noqa: F401 - re-exported (Node's internals)
from .response import ServerResponse
from .server import Server, createServer

__all__ = ["Server", "ServerResponse", "createServer", "STATUS_CODES"]
