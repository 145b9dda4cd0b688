"""Node's ``_http_client.js``: :class:`ClientRequest`, :func:`request`, :func:`get`.

A package split by concept: :mod:`.request` (``ClientRequest``, ``request``,
``get``) and :mod:`.socket` (a request's time on its socket: the response
parser, the socket's events, handing the socket back to the Agent).  The
invariants and the deviations from Node are stated in :mod:`.socket`.
"""

from __future__ import annotations

from .request import ClientRequest, get, request

__all__ = ["ClientRequest", "request", "get"]
