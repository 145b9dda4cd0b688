"""Node's ``internal/streams/async_iterator.js``: ``async for chunk in readable``.

Invariants: reads in paused mode through ``'readable'``; ends at ``'end'``
(or an early close, through ``finished``); raises the stream's error;
``aclose()`` destroys the stream.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .. import loop as _loop
from .end_of_stream import finished
from .readable import Readable

next_tick = _loop.next_tick


_DONE = object()


class _ReadableAsyncIterator:
    """``async for chunk in readable`` (Node's ReadableStreamAsyncIterator).

    Reads in paused mode through 'readable'; ends at 'end' (or an early
    close); raises the stream's error.  ``aclose()`` destroys the stream.
    """

    __slots__ = ("stream", "error", "ended", "waiter")

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.error: BaseException | None = None
        self.ended = False
        self.waiter: asyncio.Future | None = None
        stream.on("readable", self._onreadable)
        stream.on("end", self._onend)
        stream.on("error", self._onerror)
        finished(stream, self._onfinished)

    def __aiter__(self) -> _ReadableAsyncIterator:
        return self

    def _wake(self, value: Any) -> None:
        w = self.waiter
        if w is not None:
            self.waiter = None
            if not w.done():
                if isinstance(value, BaseException):
                    w.set_exception(value)
                else:
                    w.set_result(value)

    def _onreadable(self) -> None:
        if self.waiter is not None:
            chunk = self.stream.read()
            if chunk is not None:
                self._wake(chunk)

    def _onend(self) -> None:
        self.ended = True
        self._wake(_DONE)

    def _onerror(self, err: BaseException) -> None:
        self.error = err
        self._wake(err)

    def _onfinished(self, err: BaseException | None = None) -> None:
        if err is not None and getattr(err, "code", None) != "ERR_STREAM_PREMATURE_CLOSE":
            self.error = err
            self._wake(err)
            return
        self.ended = True
        self._wake(_DONE)

    async def __anext__(self) -> Any:
        if self.error is not None:
            raise self.error
        if self.ended:
            raise StopAsyncIteration
        stream = self.stream
        if stream._readableState.endEmitted:
            raise StopAsyncIteration
        if stream.destroyed:
            # Node: settle on the next tick, after a pending 'error' of destroy(err).
            fut = asyncio.get_running_loop().create_future()
            self.waiter = fut
            next_tick(self._wake, _DONE)
            value = await fut
            if value is _DONE:
                raise StopAsyncIteration
            return value
        chunk = stream.read()
        if chunk is not None:
            return chunk
        if self.error is not None:  # read() may have errored synchronously
            raise self.error
        if self.ended:
            raise StopAsyncIteration
        fut = asyncio.get_running_loop().create_future()
        self.waiter = fut
        value = await fut
        if value is _DONE:
            raise StopAsyncIteration
        return value

    async def aclose(self) -> None:
        """Stop iterating: destroy the stream (Node's ``iterator.return()``)."""
        if not self.stream.destroyed:
            self.stream.destroy()
        self.ended = True
