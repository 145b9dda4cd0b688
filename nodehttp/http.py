"""Node's ``http`` module: the public facade.

``from nodehttp import http`` (or ``nodehttp.require('http')``) gives Node's
names: ``createServer``, ``Server``, ``ServerResponse``, ``IncomingMessage``,
``OutgoingMessage``, ``METHODS``, ``STATUS_CODES``, ``maxHeaderSize`` and the
client side ``request``, ``get``, ``ClientRequest``, ``Agent``,
``globalAgent``; from later Node, ``validateHeaderName``/``validateHeaderValue``
(Node 14.3: the one header-validation path of ``http_common``) and our
``setDefaults('node20'|'node10')`` (``http_defaults``).  The client names are looked up in their modules on first
use, so the server side works on its own.

Invariant: ``http.globalAgent`` *is* ``http_agent.globalAgent`` -- reading it
looks it up there, and assigning it (``http.globalAgent = http.Agent({...})``,
the idiom proxies use) replaces the agent every later request without an
``agent`` option uses, as in Node.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from .http_common import METHODS, STATUS_CODES, maxHeaderSize, validateHeaderName
from .http_common import validateHeaderValue as _validateHeaderValue
from .http_defaults import getDefaults, setDefaults
from .http_incoming import IncomingMessage
from .http_outgoing import OutgoingMessage
from .http_server import Server, ServerResponse, createServer

if TYPE_CHECKING:  # checkers see the lazy client names' real types, not __getattr__'s Any
    from .http_agent import Agent, globalAgent
    from .http_client import ClientRequest, get, request

__all__ = [
    "createServer", "Server", "ServerResponse", "IncomingMessage", "OutgoingMessage",
    "METHODS", "STATUS_CODES", "maxHeaderSize", "validateHeaderName", "validateHeaderValue",
    "setDefaults", "getDefaults",
    "request", "get", "ClientRequest", "Agent", "globalAgent",  # noqa: F822 - lazy
]

def validateHeaderValue(name: str, value: Any) -> None:
    """Node 14.3's ``http.validateHeaderValue(name, value)``: the check
    ``setHeader`` makes (``ERR_HTTP_INVALID_HEADER_VALUE`` for ``None``,
    ``ERR_INVALID_CHAR`` for a bad character)."""
    _validateHeaderValue(name, value)


_CLIENT_NAMES = {
    "request": "nodehttp.http_client",
    "get": "nodehttp.http_client",
    "ClientRequest": "nodehttp.http_client",
    "Agent": "nodehttp.http_agent",
    "globalAgent": "nodehttp.http_agent",
}


def __getattr__(name: str) -> Any:
    """Resolve the client-side names lazily (``http.request``, ``http.Agent``, …)."""
    module = _CLIENT_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'nodehttp.http' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    if name != "globalAgent":  # http.globalAgent may be reassigned in http_agent
        globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _HttpModule(types.ModuleType):
    """The ``http`` module object: assigning ``globalAgent`` reaches the client."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "globalAgent":
            from . import http_agent

            http_agent.globalAgent = value
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _HttpModule
