"""Node's ``lib/_stream_passthrough.js``: a Transform that passes chunks
through unchanged.
"""

from __future__ import annotations

from typing import Any, Callable

from .transform import Transform


class PassThrough(Transform):
    """Node's ``stream.PassThrough``: a Transform that passes chunks through."""

    def _transform(self, chunk: Any, encoding: str, cb: Callable) -> None:
        cb(None, chunk)
