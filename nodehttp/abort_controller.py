"""Node's ``AbortController`` and ``AbortSignal`` (globals since Node 15;
``internal/abort_controller.js``), for the ``signal`` option of
``http.request`` (Node 15.3+).

Invariants: a signal aborts at most once; ``aborted`` and ``reason`` are set
before any ``'abort'`` listener runs; listeners run synchronously in the
order they were added (``onabort`` first among them only if set first, as
an EventTarget attribute handler).  The default ``reason`` is a
:class:`DOMException` named ``'AbortError'`` ("This operation was aborted"),
as in Node 20.

Node's ``AbortSignal`` is an ``EventTarget``; this port gives the part of
that interface signals use (``addEventListener``/``removeEventListener``
with ``{'once': True}``, ``dispatchEvent`` of the ``'abort'`` event), not a
general EventTarget.
"""

from __future__ import annotations

from typing import Any, Callable

from .errors import NodeTypeError, codes

__all__ = ["AbortController", "AbortSignal", "DOMException", "validateAbortSignal"]


class DOMException(Exception):
    """The web platform's ``DOMException`` (only what abort reasons need):
    ``name``, ``message`` and the legacy numeric ``code`` (20 for
    ``'AbortError'``, 23 for ``'TimeoutError'``)."""

    _CODES = {"AbortError": 20, "TimeoutError": 23}

    def __init__(self, message: str = "", name: str = "Error") -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.code = self._CODES.get(name, 0)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"DOMException [{self.name}]: {self.message}"


class Event:
    """The ``Event`` handed to abort listeners: ``type`` and ``target``."""

    def __init__(self, type: str, target: Any = None) -> None:  # noqa: A002 - the DOM's name
        self.type = type
        self.target = target
        self.currentTarget = target


class AbortSignal:
    """Node's ``AbortSignal``: ``aborted``, ``reason``, ``onabort``,
    ``throwIfAborted()``, ``addEventListener('abort', fn[, {'once': True}])``,
    and the static ``AbortSignal.abort([reason])`` / ``AbortSignal.timeout(ms)``.

    Made by :class:`AbortController` (``new AbortSignal()`` is a TypeError
    in Node: ``ERR_ILLEGAL_CONSTRUCTOR``)."""

    def __init__(self, _key: object = None) -> None:
        if _key is not _CONSTRUCT:
            raise NodeTypeError("Illegal constructor", "ERR_ILLEGAL_CONSTRUCTOR")
        self.aborted = False
        self.reason: Any = None
        self.onabort: Callable | None = None
        self._listeners: list[tuple[Callable, bool]] = []

    def addEventListener(self, type: str, listener: Callable,  # noqa: A002
                         options: Any = None) -> None:
        """Add an ``'abort'`` listener (called with an :class:`Event`); a
        listener already added is not added twice, as an EventTarget."""
        if type != "abort" or listener is None:
            return
        once = bool(options.get("once")) if isinstance(options, dict) else False
        if any(fn is listener for fn, _ in self._listeners):
            return
        self._listeners.append((listener, once))

    def removeEventListener(self, type: str, listener: Callable,  # noqa: A002
                            options: Any = None) -> None:
        """Remove an ``'abort'`` listener."""
        if type == "abort":
            self._listeners = [(fn, o) for fn, o in self._listeners if fn is not listener]

    def dispatchEvent(self, event: Event) -> bool:
        """Call ``onabort`` and the listeners of ``event.type`` in order."""
        event.target = event.currentTarget = self
        if event.type != "abort":
            return True
        if self.onabort is not None:
            self.onabort(event)
        for fn, once in list(self._listeners):
            if once:
                self.removeEventListener("abort", fn)
            fn(event)
        return True

    def throwIfAborted(self) -> None:
        """Raise ``reason`` if the signal is aborted (Node 17.3+)."""
        if self.aborted:
            raise self.reason if isinstance(self.reason, BaseException) else _Thrown(self.reason)

    def _abort(self, reason: Any) -> None:
        if self.aborted:
            return
        self.aborted = True
        self.reason = DOMException("This operation was aborted", "AbortError") \
            if reason is None else reason
        self.dispatchEvent(Event("abort", self))

    @staticmethod
    def abort(reason: Any = None) -> AbortSignal:
        """A signal that is already aborted (Node 15.12+)."""
        signal = AbortSignal(_CONSTRUCT)
        signal._abort(reason)
        return signal

    @staticmethod
    def timeout(delay: float) -> AbortSignal:
        """A signal that aborts with a ``TimeoutError`` DOMException after
        ``delay`` ms; its timer does not keep the process alive (Node 17.3+)."""
        from .timers import setTimeout

        signal = AbortSignal(_CONSTRUCT)
        setTimeout(lambda: signal._abort(
            DOMException("The operation was aborted due to timeout", "TimeoutError")),
            delay).unref()
        return signal

    def __repr__(self) -> str:
        return f"AbortSignal {{ aborted: {'true' if self.aborted else 'false'} }}"


class _Thrown(Exception):
    """A non-exception abort reason, thrown (JavaScript throws any value)."""

    def __init__(self, value: Any) -> None:
        super().__init__(value)
        self.value = value


_CONSTRUCT = object()


class AbortController:
    """Node's ``AbortController``: ``signal`` and ``abort([reason])``."""

    def __init__(self) -> None:
        self.signal = AbortSignal(_CONSTRUCT)

    def abort(self, reason: Any = None) -> None:
        """Abort ``signal`` (once; later calls do nothing)."""
        self.signal._abort(reason)

    def __repr__(self) -> str:
        return f"AbortController {{ signal: {self.signal!r} }}"


def validateAbortSignal(signal: Any, name: str) -> None:
    """Node's ``validateAbortSignal``: ``None`` passes; anything else must be
    signal-like (have ``aborted``), else ``ERR_INVALID_ARG_TYPE``."""
    if signal is not None and not hasattr(signal, "aborted"):
        raise codes.ERR_INVALID_ARG_TYPE(name, "AbortSignal", signal)
