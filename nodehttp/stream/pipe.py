"""``Readable.prototype.pipe`` (Node keeps it in ``lib/_stream_readable.js``;
it is its own module here to keep ``readable.py`` to one screenful of
concepts).

Invariants: a pipe registers its listeners on ``dest`` (``'unpipe'``,
``'drain'``, ``'error'`` — prepended, as Node does — ``'close'``,
``'finish'``) and on ``src`` (``'data'``, ``'end'``); ``cleanup`` removes
every one of them exactly once; back-pressure is ``dest.write()`` returning
false, which pauses ``src`` until ``dest`` emits ``'drain'``.
"""

from __future__ import annotations

from typing import Any

from .. import loop as _loop
from .._process import process
from .destroy import _error_or_destroy
from .readable import Readable, _flow

next_tick = _loop.next_tick


def _is_stdio(dest: Any) -> bool:
    """Node never ends ``process.stdout``/``stderr`` at the end of a pipe."""
    return dest is process.stdout or dest is process.stderr


def _pipe(src: Readable, dest: Any, pipeOpts: dict | None) -> Any:
    """Node's ``Readable.prototype.pipe``."""
    state = src._readableState
    state.pipes.append(dest)
    doEnd = (not pipeOpts or pipeOpts.get("end") is not False) and not _is_stdio(dest)
    cleanedUp = False

    def onunpipe(readable: Any, unpipeInfo: Any = None) -> None:
        if readable is src:
            if unpipeInfo is not None and unpipeInfo.get("hasUnpiped") is False:
                unpipeInfo["hasUnpiped"] = True
                cleanup()

    def onend() -> None:
        dest.end()

    def unpipe() -> None:
        src.unpipe(dest)

    endFn = onend if doEnd else unpipe
    endListener = not state.endEmitted
    if endListener:
        src.once("end", endFn)
    else:
        next_tick(endFn)
    dest.on("unpipe", onunpipe)

    def ondrain() -> None:
        if state.awaitDrain:
            state.awaitDrain -= 1
        if state.awaitDrain == 0 and src.listenerCount("data"):
            state.flowing = True
            _flow(src)

    dest.on("drain", ondrain)

    def cleanup() -> None:
        nonlocal cleanedUp
        dest.removeListener("close", onclose)
        dest.removeListener("finish", onfinish)
        dest.removeListener("drain", ondrain)
        dest.removeListener("error", onerror)
        dest.removeListener("unpipe", onunpipe)
        if endListener:
            # Node removes both onend and unpipe; only endFn was ever added
            # (the other closure is never a listener, so removing it is a no-op).
            src.removeListener("end", endFn)
        src.removeListener("data", ondata)
        cleanedUp = True
        ws = getattr(dest, "_writableState", None)
        if state.awaitDrain and (ws is None or ws.needDrain):
            ondrain()

    def ondata(chunk: Any) -> None:
        ret = dest.write(chunk)
        if ret is False:
            if dest in state.pipes and not cleanedUp:
                state.awaitDrain += 1
            src.pause()

    src.on("data", ondata)

    def onerror(er: BaseException) -> None:
        unpipe()
        dest.removeListener("error", onerror)
        if dest.listenerCount("error") == 0:
            _error_or_destroy(dest, er)

    dest.prependListener("error", onerror)

    def onclose() -> None:
        dest.removeListener("finish", onfinish)
        unpipe()

    dest.once("close", onclose)

    def onfinish() -> None:
        dest.removeListener("close", onclose)
        unpipe()

    dest.once("finish", onfinish)
    dest.emit("pipe", src)
    if not state.flowing:
        src.resume()
    return dest
