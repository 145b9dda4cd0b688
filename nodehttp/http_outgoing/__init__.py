"""Node's ``_http_outgoing.js``: :class:`OutgoingMessage`, the one base of
``ServerResponse`` and ``ClientRequest`` (:mod:`.message`: buffering, write,
end; :mod:`.headers`: the header block and the framing decisions)."""

from __future__ import annotations

from .message import (
    HIGH_WATER_MARK, HttpSocket, OutgoingMessage, emitDrain, httpMessageOf, setHttpMessage,
)

__all__ = ["OutgoingMessage", "HIGH_WATER_MARK", "HttpSocket", "httpMessageOf",
           "setHttpMessage", "emitDrain"]
