"""Node's ``lib/_stream_duplex.js``: ``Duplex``, a Readable and a Writable in
one object.

Invariants: both states exist from the constructor; ``allowHalfOpen``
False ends the writable side when the readable side ends (on the next
tick); ``destroyed`` reads and sets both sides.
"""

from __future__ import annotations

from .. import loop as _loop
from ..events import EventEmitter
from .destroy import _destroy_impl
from .readable import Readable, ReadableState
from .state import _hook
from .writable import Writable, WritableState, _writable_options

next_tick = _loop.next_tick


class Duplex(Readable, Writable):
    """Node's ``stream.Duplex``: a Readable and a Writable in one object.

    ``allowHalfOpen`` (default True): when False the writable side is ended
    once the readable side ends.  Options ``readable``/``writable`` False start
    that side closed.
    """

    _isDuplex = True
    allowHalfOpen = True

    def __init__(self, options: dict | None = None) -> None:
        self._readableState = ReadableState(options, self, True)
        self._writableState = WritableState(options, self, True)
        self.readable = True
        self.writable = True
        EventEmitter.__init__(self)
        if options:
            fn = options.get("read")
            if callable(fn):
                self._read = _hook(fn, 1)
            _writable_options(self, options)
            if options.get("readable") is False:
                self.readable = False
            if options.get("writable") is False:
                self.writable = False
            if options.get("allowHalfOpen") is False:
                self.allowHalfOpen = False
                self.once("end", self._onHalfOpenEnd)

    def _onHalfOpenEnd(self) -> None:
        if self._writableState.ended:
            return
        next_tick(self.end)

    destroy = _destroy_impl
    write = Writable.write
    end = Writable.end

    @property
    def destroyed(self) -> bool:  # type: ignore[override]
        """True when both sides are destroyed."""
        return self._readableState.destroyed and self._writableState.destroyed

    @destroyed.setter
    def destroyed(self, value: bool) -> None:
        self._readableState.destroyed = value
        self._writableState.destroyed = value
