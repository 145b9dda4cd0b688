"""nodehttp: Node.js's ``http`` module, ported to Python event for event.

``from nodehttp import http, net, events, stream, timers, process, url,
querystring, Buffer`` — or ``nodehttp.require('http')`` — then run the loop
with ``python -m nodehttp script.py`` or ``nodehttp.run()`` at the end of a
script (see docs/porting.md).
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from ._allocator import tune as _tune_allocator
from ._process import process
from .loop import run

_tune_allocator()  # body-sized bytes from the heap, not mmap (see _allocator.py)

if TYPE_CHECKING:  # checkers see the lazily imported modules' real types, not __getattr__'s Any
    from . import (cluster, crypto, events, http, net, path, querystring, stream, timers,
                   url, util, zlib)
    from . import fs as fs
    from . import string_decoder as string_decoder
    from .buffer import Buffer

if "NODE_UNIQUE_ID" in os.environ:  # a cluster worker connects to its primary at startup
    from . import cluster as _cluster  # noqa: F401

__all__ = ["run", "require", "http", "net", "events", "stream", "timers", "process", "url",
           "querystring", "Buffer", "cluster", "path", "crypto", "zlib", "util", "fs",
           "https", "tls", "string_decoder", "child_process"]
__version__ = "0.1.0"

_MODULES = {
    "http": "nodehttp.http",
    "net": "nodehttp.net",
    "events": "nodehttp.events",
    "stream": "nodehttp.stream",
    "timers": "nodehttp.timers",
    "url": "nodehttp.url",
    "querystring": "nodehttp.querystring",
    "child_process": "nodehttp.child_process",
    "cluster": "nodehttp.cluster",
    "path": "nodehttp.path",
    "crypto": "nodehttp.crypto",
    "zlib": "nodehttp.zlib",
    "util": "nodehttp.util",
    "string_decoder": "nodehttp.string_decoder",
    "fs": "nodehttp.fs",
    "https": "nodehttp.https",
    "tls": "nodehttp.tls",
}


def require(name: str) -> Any:
    """Node's ``require`` for the built-in modules nodehttp provides."""
    if name == "process":
        return process
    if name == "buffer":
        from . import buffer

        return buffer
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    from .errors import NodeError

    raise NodeError(f"Cannot find module '{name}'", "MODULE_NOT_FOUND")


def __getattr__(name: str) -> Any:
    if name == "Buffer":
        from .buffer import Buffer

        return Buffer
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'nodehttp' has no attribute {name!r}")
