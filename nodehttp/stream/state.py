"""Helpers every stream file shares (Node's ``internal/streams/state.js`` and
the stream error codes of ``internal/errors.js``).

Invariants: ``_get_hwm`` is Node's ``getHighWaterMark`` (an integer >= 0, or
ERR_INVALID_OPT_VALUE; 16 objects / 16 KiB by default); ``_hook`` adapts an
option hook (``{'read': fn}``) that declares fewer parameters than Node
passes; ``_nop`` is the one "no callback" marker (compared by identity in
writable.py and net.py, so it must stay this single function object).
"""

from __future__ import annotations

from typing import Any, Callable

from ..encoding import encode, normalizeEncoding
from ..errors import NodeError, js_typeof, node_error
from ..events import arity as _arity


# -- errors (Node's internal/errors.js codes used by streams) -------------------


def _err(code: str, message: str, kind: str = "Error") -> NodeError:
    return node_error(code, message, kind)


def _invalid_chunk(chunk: Any, types: str) -> NodeError:
    return _err("ERR_INVALID_ARG_TYPE",
                f'The "chunk" argument must be one of type {types}. '
                f"Received type {js_typeof(chunk)}", "TypeError")


# -- helpers ----------------------------------------------------------------------


def _nop(*_: Any) -> None:
    return None


def _hook(fn: Callable, nargs: int) -> Callable:
    """An option hook (``{'read': fn}``) that may declare fewer args than Node passes."""
    n = _arity(fn)
    if n is None or n >= nargs:
        return fn
    return lambda *a: fn(*a[:n])


def _get_hwm(options: dict | None, duplex_key: str, is_duplex: bool, object_mode: bool) -> int:
    """Node's ``getHighWaterMark`` (internal/streams/state.js)."""
    if options:
        hwm = options.get("highWaterMark")
        if hwm is None and is_duplex:
            hwm = options.get(duplex_key)
        if hwm is not None:
            if isinstance(hwm, bool) or not isinstance(hwm, (int, float)) or hwm < 0 or (
                    isinstance(hwm, float) and not hwm.is_integer()):
                name = duplex_key if is_duplex else "highWaterMark"
                raise _err("ERR_INVALID_OPT_VALUE",
                           f'The value "{hwm}" is invalid for option "{name}"', "TypeError")
            return int(hwm)
    return 16 if object_mode else 16 * 1024


def _normalize_encoding(enc: Any) -> str | None:
    """The encoding of a chunk: Node's ``normalizeEncoding`` (one encoding
    module for the package: :mod:`nodehttp.encoding`), plus streams' own
    ``'buffer'``."""
    return "buffer" if enc == "buffer" else normalizeEncoding(enc)


def _to_bytes(s: str, enc: str | None) -> bytes:
    """``Buffer.from(string, encoding)`` for a chunk (``'buffer'`` writes utf8)."""
    return encode(s, "utf8" if enc == "buffer" else enc)

