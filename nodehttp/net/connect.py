"""Node's ``net.connect`` / ``net.createConnection``: a new
:class:`~nodehttp.net.Socket`, connected (``normalizeArgs`` is in
:mod:`.address`).

Invariant: the socket is returned at once; ``'connect'`` (and the optional
listener) follow from the handle, never synchronously.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from .address import _normalize_args
from .socket import Socket

if TYPE_CHECKING:
    from ..types import NetConnectOpts, NoArgListener


@overload
def connect(options: NetConnectOpts, connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(port: int, host: str | None = None,
            connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(port: int, connectListener: NoArgListener | None = None) -> Socket: ...
@overload
def connect(path: str, connectListener: NoArgListener | None = None) -> Socket: ...
def connect(*args: Any) -> Socket:
    """Node's ``net.connect(options[, cb])`` / ``(port[, host][, cb])`` / ``(path[, cb])``."""
    options, cb = _normalize_args(args)
    s = Socket(options)
    return s.connect(options, cb) if cb is not None else s.connect(options)


createConnection = connect
