"""The http server's listeners on a connection's socket (Node's
``socketOnTimeout``, ``socketOnError``, ``socketOnClose``, ``socketOnDrain``
and, on a socket that is not a ``net.Socket``, ``socketOnData`` and
``socketOnEnd``): each calls the same-named method of its connection state.

Invariant kept here: a listener refers to its connection state weakly, so a
connection is not in a reference cycle through its socket's listeners (the
state holds the socket, the socket its listeners).  A finished connection --
socket closed, state dropped from the server's set -- is then freed by
reference counting at once, not by the garbage collector.  While the
connection is open the server's set of connections holds its state; once a
state is gone a listener does nothing (as a Node listener whose closure
state has nothing more to do).  Each ``__call__`` takes the arguments Node's
listener uses, so ``on()`` records the same arity as for the bound methods.
"""

from __future__ import annotations

import weakref
from typing import Any

_deref = weakref.ref.__call__


class SocketListener(weakref.ref):
    """A socket listener of one connection state, held weakly."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__[0].lower()}{self.__class__.__name__[1:]}>"


class SocketOnTimeout(SocketListener):
    """The socket's ``'timeout'``: the state's ``socketOnTimeout``."""

    __slots__ = ()

    def __call__(self) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnTimeout()


class SocketOnError(SocketListener):
    """The socket's ``'error'``: the state's ``socketOnError``."""

    __slots__ = ()

    def __call__(self, e: BaseException) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnError(e)


class SocketOnClose(SocketListener):
    """The socket's ``'close'``: the state's ``socketOnClose``."""

    __slots__ = ()

    def __call__(self) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnClose()


class SocketOnDrain(SocketListener):
    """The socket's ``'drain'``: the state's ``socketOnDrain``."""

    __slots__ = ()

    def __call__(self) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnDrain()


class SocketOnData(SocketListener):
    """The ``'data'`` of a socket the parser does not consume (not a
    ``net.Socket``): the state's ``socketOnData``."""

    __slots__ = ()

    def __call__(self, d: Any) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnData(d)


class SocketOnEnd(SocketListener):
    """The ``'end'`` of such a socket: the state's ``socketOnEnd``."""

    __slots__ = ()

    def __call__(self) -> None:  # type: ignore[override]
        state = _deref(self)
        if state is not None:
            state.socketOnEnd()
