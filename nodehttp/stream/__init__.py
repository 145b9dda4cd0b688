"""Node's ``stream`` module: Readable, Writable, Duplex, Transform, PassThrough.

Invariant kept here: the state machines are Node v10's
``lib/_stream_readable.js`` / ``_stream_writable.js`` / ``_stream_duplex.js`` /
``_stream_transform.js`` / ``internal/streams/*`` ported function for
function, with Node's field names on ``_readableState`` / ``_writableState``
and Node's hooks (``_read``, ``_write``, ``_writev``, ``_final``,
``_destroy``, ``_transform``, ``_flush``), so that ``net.Socket`` and
``IncomingMessage`` port Node's code directly.  Every deferred step
(``'end'``, ``'readable'``, resume, write callbacks of synchronous writes,
``'close'`` after destroy) goes through ``process.nextTick`` exactly where Node
defers it, so event order matches Node's.

The package mirrors Node's files, one module each: ``legacy`` (Stream and
the old pipe), ``destroy``, ``state`` (getHighWaterMark and shared helpers),
``string_decoder`` (encodings), ``readable``, ``writable``, ``duplex``,
``transform``, ``passthrough``, ``end_of_stream`` (finished), ``pipeline``
and ``async_iterator``.  The modules may use each other's private names:
the package is one owner for the private-name rule (docs/architecture.md).
Other nodehttp modules import from here, never from a submodule.

Differences (Python): chunks are ``bytes`` (Node's Buffer; ``bytearray`` and
``memoryview`` are copied to ``bytes``), ``str`` after ``setEncoding``.
Hook functions given as options (``{'read': fn}``) are called without
``this``: close over the stream instead (``r = Readable({'read': lambda n:
r.push(None)})``), and may declare fewer parameters than Node passes.  User
callbacks (write/end/destroy/pipeline/finished) may too.  A Readable is an
async iterator (``async for chunk in readable``).
"""

from __future__ import annotations

from .duplex import Duplex
from .end_of_stream import finished
from .legacy import Stream
from .passthrough import PassThrough
from .pipeline import pipeline
from .readable import Readable, ReadableState
from .state import _nop as nop  # noqa: F401 - internal API: the callback no one waits for (net)
from ..string_decoder import StringDecoder as StringDecoder
from .transform import Transform
from .writable import Writable, WritableState
from .writable import _write_in_flight as write_in_flight  # noqa: F401 - internal API (net.Socket.write)

__all__ = [
    "Stream", "Readable", "Writable", "Duplex", "Transform", "PassThrough",
    "pipeline", "finished", "ReadableState", "WritableState",
]

# Node's ``require('stream')`` is Stream itself with the classes on it.
Stream.Stream = Stream  # type: ignore[attr-defined]
Stream.Readable = Readable  # type: ignore[attr-defined]
Stream.Writable = Writable  # type: ignore[attr-defined]
Stream.Duplex = Duplex  # type: ignore[attr-defined]
Stream.Transform = Transform  # type: ignore[attr-defined]
Stream.PassThrough = PassThrough  # type: ignore[attr-defined]
Stream.pipeline = staticmethod(pipeline)  # type: ignore[attr-defined]
Stream.finished = staticmethod(finished)  # type: ignore[attr-defined]
setattr(Readable, "from", Readable.from_)  # Node's ``Readable.from`` (``from`` is a keyword)
