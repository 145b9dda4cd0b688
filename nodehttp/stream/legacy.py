"""Node's ``internal/streams/legacy.js``: the legacy ``Stream`` (an EventEmitter
with the old ``pipe``), base of Readable, Writable and OutgoingMessage.

Invariant: the old pipe writes on ``'data'``, pauses the source when
``write()`` returns False and resumes it on ``'drain'``; an ``'error'``
nobody else listens for is raised.
"""

from __future__ import annotations

from typing import Any, Callable

from ..events import EventEmitter


class Stream(EventEmitter):
    """Node's legacy ``Stream``: an EventEmitter with the old ``pipe``.

    ``OutgoingMessage`` inherits this in Node; Readable/Writable do too.
    """

    def pipe(self, dest: Any, options: dict | None = None) -> Any:
        """Legacy pipe (internal/streams/legacy.js): 'data' → write, pause on False."""
        source = self
        did_on_end = False

        def ondata(chunk: Any) -> None:
            if getattr(dest, "writable", False) and dest.write(chunk) is False and hasattr(
                    source, "pause"):
                source.pause()

        def ondrain() -> None:
            if getattr(source, "readable", False) and hasattr(source, "resume"):
                source.resume()

        def onend() -> None:
            nonlocal did_on_end
            if did_on_end:
                return
            did_on_end = True
            dest.end()

        def onclose() -> None:
            nonlocal did_on_end
            if did_on_end:
                return
            did_on_end = True
            if callable(getattr(dest, "destroy", None)):
                dest.destroy()

        def make_onerror(emitter: Any) -> Callable:
            def onerror(er: BaseException) -> None:
                cleanup()
                if emitter.listenerCount("error") == 0:
                    raise er  # Unhandled stream error in pipe.
            return onerror

        src_onerror = make_onerror(source)
        dest_onerror = make_onerror(dest)

        def cleanup() -> None:
            source.removeListener("data", ondata)
            dest.removeListener("drain", ondrain)
            source.removeListener("end", onend)
            source.removeListener("close", onclose)
            source.removeListener("error", src_onerror)
            dest.removeListener("error", dest_onerror)
            source.removeListener("end", cleanup)
            source.removeListener("close", cleanup)
            dest.removeListener("close", cleanup)

        source.on("data", ondata)
        dest.on("drain", ondrain)
        if not options or options.get("end") is not False:
            source.on("end", onend)
            source.on("close", onclose)
        source.on("error", src_onerror)
        dest.on("error", dest_onerror)
        source.on("end", cleanup)
        source.on("close", cleanup)
        dest.on("close", cleanup)
        dest.emit("pipe", source)
        return dest
