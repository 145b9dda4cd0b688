"""Node's ``_http_client.js``: :class:`ClientRequest`, :func:`request`, :func:`get`.

Invariant kept here: a request owns its socket between ``'socket'`` and the
moment the response ends.  While it does, the response parser is attached
to the socket (``socket._ondata``/``socket._onend``, the net fast path, or
``'data'``/``'end'`` listeners for a Duplex that is not a ``net.Socket``) and
the socket's ``'error'``/``'close'`` are translated into the request's
events.  When the response has ended *and* the request has finished, the
socket is handed back to the agent with ``'free'`` (keep-alive) or closed.
Everything else — which socket, pooling, queueing — is the Agent's
(``http_agent.py``); framing and headers are OutgoingMessage's.

The structure and names are Node 10's (``tickOnSocket``,
``socketOnData``, ``socketCloseListener``, ``parserOnIncomingClient``,
``responseKeepAlive``, ``_deferToConnect``, …) so behaviour and event order
can be checked line by line against it.  Deviations, none visible in event
order, all noted where they occur (they keep the per-request hot path lean):

- the socket listeners are closures installed once per socket that dispatch
  on "busy" (Node re-adds ``'error'``/``'close'``/``'drain'`` per request);
- the constructor's ``_deferToConnect(..., _flush)`` runs just before
  ``'socket'`` is emitted instead of as its first listener;
- Node's ``requestOnPrefinish`` listener is run by ``_finish``;
- parsers come from a free list (Node's ``parsers``) and keep their llhttp
  instance when the last message ended cleanly on a keep-alive boundary;
- ``'information'`` carries ``statusMessage``, ``httpVersion``, ``headers``
  and ``rawHeaders`` too, as later Node versions do (Node 10: ``statusCode`` only).
"""

from __future__ import annotations

from .request import ClientRequest, get, request

__all__ = ["ClientRequest", "request", "get"]
