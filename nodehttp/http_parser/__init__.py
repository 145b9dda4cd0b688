"""Node's ``node_http_parser.cc``: the HTTP/1 parser binding, over httptools.

Invariant: every byte that reaches httptools goes through ``execute`` and every
parser event reaches the owner through the ``on*`` attributes, in llhttp's
order.  The adapter closes httptools' gaps (see docs/stack-notes.md): a bounded header
size limit, Node's ``err.code`` for parse errors, trailers split from headers,
body skipping for HEAD/CONNECT responses, and ``finish()`` at EOF.

The two kinds are two classes over one base: ``HTTPRequestParser``
(``request.py``) and ``HTTPResponseParser`` (``response.py``) over
``HTTPParser`` (``parser.py``); ``HTTPParser(kind, ...)`` returns the kind's
class, as Node's ``new HTTPParser(kind)``.  Owners allocate them from Node's
free list (``http_common.parsers``, ``freeParser``) and call
``initialize(kind, maxHeaderSize, insecure)``: a parser at rest keeps its
llhttp (see ``HTTPParser.initialize``).

Contract for owners (server and client)::

    p = HTTPParser(HTTPParser.REQUEST, maxHeaderSize=8192, insecure=False)
    p.onHeadersComplete = fn  # (versionMajor, versionMinor, rawHeaders, method,
                              #  url, statusCode, statusMessage, upgrade,
                              #  shouldKeepAlive) -> 0/None, 1/True or 2
    p.onBody = fn             # (chunk: bytes)
    p.onTrailers = fn         # (rawTrailers: list[str]), before onMessageComplete
    p.onMessageComplete = fn  # ()
    p.onMessageBegin = fn     # () optional
    p.onHeaders = fn          # () optional: where Node's binding calls kOnHeaders
                              #  (see below)
    err = p.execute(data)     # None, or a parse error (never raised)
    if p.upgradeOffset is not None: head = data[p.upgradeOffset:]
    err = p.finish()          # at EOF

Return value of ``onHeadersComplete`` (Node's kOnHeadersComplete): for a
RESPONSE parser, 1/True means "this message has no body" (response to HEAD):
the message ends right after its headers and the bytes that follow are the
next response; 2 means "skip the body and stop: the rest is another protocol"
(CONNECT 2xx, accepted upgrade): the message completes and ``upgradeOffset``
is set.  For a REQUEST parser only 2 counts, on an Upgrade request: the owner
takes the upgrade (Node's ``parserOnIncoming`` with an ``'upgrade'``
listener), so the body is not read.

Upgrade/CONNECT: a CONNECT request, or an Upgrade request the owner takes
(2) or that has no body, completes at the end of its headers, and
``execute`` returns None with ``upgradeOffset`` set to the index in ``data``
of the first byte after the HTTP message (the rest is ``head``).  An Upgrade
request the owner declines (Node 10: no ``'upgrade'`` listener) is an
ordinary request: its body (Content-Length > 0 or chunked, llhttp's rule) is
read and reported as any body, and ``upgradeOffset`` is set in the call where
the message completes (then to ``len(data)``, the body's end being unknown:
as Node, the owner drops the rest of that chunk).  httptools itself would
skip that body and parse it as the next request -- request smuggling -- so
the body is read by a second llhttp primed with the request's framing.
The parser is still usable: later ``execute`` calls parse HTTP.  As llhttp's
``upgrade`` flag does in Node (10 and 20), a declined Upgrade leaves the
parser quiet until the next message's headers complete: a parse error there
(the Upgrade's body, the next request line or headers) returns None and the
parser goes dead silently -- it ignores everything after.

``onHeaders`` marks the moments Node's binding flushes headers to JavaScript
(``kOnHeaders``, a MakeCallback: on a consumed socket the nextTick queue
runs after it): a message's trailers (before ``onMessageComplete``), a
message with more than 32 header fields, and -- once either happened on this
parser (Node's ``have_flushed_``, never reset) -- every later message's
headers, before ``onHeadersComplete``.  The header data itself still comes
with ``onHeadersComplete``/``onTrailers``.

Errors: ``execute``/``finish`` return an exception with Node's ``.code``
(``HPE_*``), Node 10's message ``'Parse Error'``, llhttp's ``.reason``,
``.bytesParsed`` and ``.rawPacket``.  After an error the parser is dead: every
later ``execute``/``finish`` returns the same error until ``reinitialize()``
(or ``initialize()``).  After a message that is not kept alive
(``Connection: close``, HTTP/1.0 without keep-alive) anything but CR/LF is
``HPE_CLOSED_CONNECTION``, as in Node's llhttp (a strict REQUEST parser's
llhttp reads on and the parser rejects the next message's first byte itself,
so the parser stays reusable; see ``request.py``).
An exception raised by an owner callback propagates out of ``execute`` (as a
JavaScript exception propagates out of Node's ``parser.execute``); the parser
is dead afterwards.

``bytesParsed`` is exact when the error lies in the first bytes this parser
ever saw (the usual case: a malformed first request); otherwise it is 0,
because httptools does not report error positions.

Header size limit (Node 20's way, bounded): ``url`` + status message + every
header (and trailer) name and value byte counts toward ``maxHeaderSize``; more
fails with ``HPE_HEADER_OVERFLOW``.  httptools buffers a header line until it
is complete, so while a message's headers are incomplete at the end of a
chunk the not-yet-reported bytes are estimated from the raw byte count (minus
the minimum framing of reported lines) -- in the chunk where the message
began, the raw bytes of its last, unfinished header line: a header block cut
off mid-line fails as soon as it is over the limit (Node answers 431 then,
not at a timeout), and a 1 MiB header sent in 64 KiB chunks fails within
about ``maxHeaderSize`` plus one chunk.  The estimate can
over-count by the request-line/whitespace framing (a few dozen bytes) for
headers that straddle a chunk boundary; complete headers are counted exactly.

pause/resume: httptools fires every pipelined message of one ``feed_data``
call, so ``pause()`` cannot stop mid-chunk; it makes later ``execute`` calls
buffer their data, and ``resume()`` parses the buffer (returning its result).
Real back-pressure belongs at the transport (``pause_reading``).

The stateless httptools glue (parser construction, Node's error codes for
llhttp's reasons, error positions, byte-level framing helpers) is
``nodehttp/llhttp.py``.

RESPONSE parsers feed httptools in steps (up to each possible end of headers,
and exactly the Content-Length of a body) so a skipped body ends at the right
byte.  Limitation: a response pipelined in the same chunk right after a
*chunked* response still has its headers located exactly, but if it arrives
in that same chunk its body skip cannot be honoured (Node's client never
pipelines, and treats such data as a double response anyway).
"""

from __future__ import annotations

from ..llhttp import parse_error
from .parser import HTTPParser, split_headers
from .request import HTTPRequestParser
from .response import HTTPResponseParser

__all__ = ['HTTPParser', 'HTTPRequestParser', 'HTTPResponseParser', 'parse_error',
           'split_headers']
