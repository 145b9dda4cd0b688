"""The HTTP layers' seams on a :class:`~nodehttp.net.Socket` (part of the
``net`` unit: the only code besides :mod:`.socket` that touches its
``_ondata``/``_onend``/``_hadError``).  ``readStart``/``readStop`` live
with the socket's reading in :mod:`.socket`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .socket import Socket


def consume(socket: Socket, ondata: Callable[[bytes], None] | None,
            onend: Callable[[], None] | None) -> None:
    """Node's ``parser.consume(socket._handle)`` for an HTTP consumer: from
    now on each chunk read goes to ``ondata`` and EOF to ``onend`` first,
    past the Readable side (the seams ``_ondata``/``_onend``, see
    :mod:`nodehttp.net`).  ``consume(socket, None, None)`` is Node's
    ``unconsume``: chunks are pushed into the Readable again."""
    socket._ondata = ondata
    socket._onend = onend


def hadError(socket: Any) -> bool:
    """Node's ``socket._hadError``: an error was already reported for this
    socket (the HTTP layers emit one error per socket).  False for a socket
    of another kind that never had it set."""
    return getattr(socket, "_hadError", False)


def setHadError(socket: Any) -> None:
    """``socket._hadError = true`` (Node's ``_http_client.js``): later errors
    of this socket are not reported again."""
    socket._hadError = True
