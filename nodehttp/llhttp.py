"""httptools (llhttp) glue shared by the parser binding (``http_parser``):
parser construction with Node's leniencies, Node's ``err.code`` for an
llhttp reason, the error position by replay, and the byte-level framing
helpers llhttp does not expose.

Invariant: nothing here keeps state; every function is pure over its
arguments (``new_parser`` returns a fresh llhttp).
"""
from __future__ import annotations

import re
from typing import Any

import httptools
from httptools import (
    HttpParserCallbackError,
    HttpParserError,
    HttpParserInvalidMethodError,
    HttpParserInvalidStatusError,
    HttpParserInvalidURLError,
    HttpParserUpgrade,
)

from .errors import node_error

__all__ = ['code_for', 'parse_error', 'first_error_offset', 'error_without_empty_te',
           'header_block_verdict', 'empty_te_end', 'START_LINES',
           'new_parser', 'start_line', 'HEADER_CODES', 'bad_value_byte', 'block_end',
           'connection_verdict',
           'cr_without_lf', 'cr_without_lf_cut', 'content_length_tab', 'is_chunked', 'next_header_end']

# llhttp reason string -> llhttp error name (Node's err.code).  Classes that
# httptools already distinguishes (method, status, url) are mapped by class.
_REASON_CODES: dict[str, str] = {
    'Invalid header token': 'HPE_INVALID_HEADER_TOKEN',
    'Invalid header field char': 'HPE_INVALID_HEADER_TOKEN',
    'Invalid header value char': 'HPE_INVALID_HEADER_TOKEN',
    'Unexpected whitespace after header value': 'HPE_INVALID_HEADER_TOKEN',
    'Invalid character in Content-Length': 'HPE_INVALID_CONTENT_LENGTH',
    'Content-Length overflow': 'HPE_INVALID_CONTENT_LENGTH',
    'Empty Content-Length': 'HPE_INVALID_CONTENT_LENGTH',
    "Content-Length can't be present with Transfer-Encoding": 'HPE_INVALID_CONTENT_LENGTH',
    'Duplicate Content-Length': 'HPE_UNEXPECTED_CONTENT_LENGTH',
    "Transfer-Encoding can't be present with Content-Length": 'HPE_INVALID_TRANSFER_ENCODING',
    'Invalid `Transfer-Encoding` header value': 'HPE_INVALID_TRANSFER_ENCODING',
    'Request has invalid `Transfer-Encoding`': 'HPE_INVALID_TRANSFER_ENCODING',
    # httptools' llhttp (9.4) only; Node 10 names an empty one so, Node 20
    # accepts it (see docs/hardening.md: nodehttp stays strict).
    'Empty Transfer-Encoding': 'HPE_INVALID_TRANSFER_ENCODING',
    'Invalid character in chunk size': 'HPE_INVALID_CHUNK_SIZE',
    'Chunk size overflow': 'HPE_INVALID_CHUNK_SIZE',
    'Invalid HTTP version': 'HPE_INVALID_VERSION',
    'Invalid major version': 'HPE_INVALID_VERSION',
    'Invalid minor version': 'HPE_INVALID_VERSION',
    'Expected dot': 'HPE_INVALID_VERSION',
    'Expected space after version': 'HPE_INVALID_VERSION',
    # llhttp uses this reason for both INVALID_VERSION (LF without CR, the
    # common case) and STRICT (CR not followed by LF).
    'Expected CRLF after version': 'HPE_INVALID_VERSION',
    'Expected HTTP/2 Connection Preface': 'HPE_INVALID_VERSION',
    'Expected HTTP/, RTSP/ or ICE/': 'HPE_INVALID_CONSTANT',
    'Invalid word encountered': 'HPE_INVALID_CONSTANT',
    'Invalid method for HTTP/x.x request': 'HPE_INVALID_CONSTANT',
    'Invalid method for RTSP/x.x request': 'HPE_INVALID_CONSTANT',
    'Expected SOURCE method for ICE/x.x request': 'HPE_INVALID_CONSTANT',
    'Pause on PRI/Upgrade': 'HPE_PAUSED_H2_UPGRADE',
    'Pause on CONNECT/Upgrade': 'HPE_PAUSED_UPGRADE',
    'Unexpected space after start line': 'HPE_UNEXPECTED_SPACE',
    'Missing expected LF after header value': 'HPE_LF_EXPECTED',
    'Data after `Connection: close`': 'HPE_CLOSED_CONNECTION',
    'Invalid EOF state': 'HPE_INVALID_EOF_STATE',
}
_CLASS_CODES = {
    HttpParserInvalidMethodError: 'HPE_INVALID_METHOD',
    HttpParserInvalidStatusError: 'HPE_INVALID_STATUS',
    HttpParserInvalidURLError: 'HPE_INVALID_URL',
}


def code_for(exc: BaseException) -> tuple[str, str]:
    """(Node err.code, llhttp reason) for an httptools exception."""
    reason = str(exc)
    code = _CLASS_CODES.get(type(exc))
    if code is None:
        code = _REASON_CODES.get(reason)
        if code is None:
            if reason.startswith('Missing expected CR'):
                code = 'HPE_CR_EXPECTED'
            elif reason.startswith(('Expected LF after', 'Invalid character in chunk ext',
                                    'Invalid quoted-pair')):
                code = 'HPE_STRICT'
            else:
                code = 'HPE_INTERNAL'
    return code, reason


def parse_error(code: str, reason: str, bytesParsed: int = 0,
                rawPacket: bytes | None = None) -> Exception:
    """Node's parse error: message ``'Parse Error'`` (Node 10; Node 20 appends
    ``': ' + reason``), ``.code``, ``.reason``, ``.bytesParsed``, ``.rawPacket``."""
    return node_error(code, 'Parse Error', reason=reason, bytesParsed=bytesParsed,
                      rawPacket=rawPacket)


class _Dummy:
    """Callback-less protocol used to locate an error offset by replay."""


def first_error_offset(kind: int, insecure: bool, data: bytes) -> int:
    """Index of the byte llhttp rejects in ``data`` fed to a fresh parser
    (httptools reports no error position: found by replay)."""
    lo, hi = 0, len(data)  # invariant: data[:lo] parses, data[:hi] fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        p = new_parser(kind, _Dummy(), insecure)
        try:
            p.feed_data(data[:mid])
        except HttpParserUpgrade:
            return 0
        except HttpParserError:
            hi = mid
        else:
            lo = mid
    return lo


class _HeadersDone(Exception):
    """Raised by the replay protocol when a message's headers complete."""


class _UntilHeaders:
    """Callback-less protocol but for a stop at the first headers complete."""

    def on_headers_complete(self) -> None:
        raise _HeadersDone


_empty_te_line = re.compile(rb'^transfer-encoding:[ \t]*\r\n', re.I | re.M).sub


def error_without_empty_te(kind: int, insecure: bool, data: bytes) -> tuple[str, str] | None:
    """(code, reason) of the error Node 20's llhttp, which ignores an empty
    Transfer-Encoding header, meets in the first header block of ``data``
    (a message that began at ``data[0]``), or None if that block is sound."""
    verdict = header_block_verdict(kind, insecure, data)
    return verdict if isinstance(verdict, tuple) else None


def header_block_verdict(kind: int, insecure: bool, data: bytes) -> tuple[str, str] | bool:
    """The first header block of ``data`` (a message that began at
    ``data[0]``) as Node 20's llhttp reads it, ignoring empty
    Transfer-Encoding headers: (code, reason) of its first error, True when
    it is complete and sound, False when it needs more bytes."""
    p = new_parser(kind, _UntilHeaders(), insecure)
    try:
        p.feed_data(_empty_te_line(b'', data))
    except HttpParserUpgrade:
        return True
    except HttpParserCallbackError:
        return True  # (only on_headers_complete raises: _HeadersDone)
    except HttpParserError as exc:
        return code_for(exc)
    return False


_empty_te_end = re.compile(rb'(?:^|\n)transfer-encoding:[ \t]*\r\n', re.I).search
#: A start line of each kind, behind which header lines are replayed.
START_LINES = (b'GET / HTTP/1.1\r\n', b'HTTP/1.1 200 OK\r\n')


def empty_te_end(data: bytes) -> int:
    """Index just past the first empty Transfer-Encoding header line in
    ``data`` (from the start of a line), or -1."""
    m = _empty_te_end(data)
    return -1 if m is None else m.end()


def new_parser(kind: int, proto: Any, insecure: bool) -> Any:
    """An httptools (llhttp) parser of ``kind`` (0 request, 1 response)
    calling ``proto``'s ``on_*`` methods; ``insecure``: every leniency, as
    Node 20's ``--insecure-http-parser``."""
    p = (httptools.HttpRequestParser if kind == 0 else httptools.HttpResponseParser)(proto)
    if insecure:
        p.set_dangerous_leniencies(
            lenient_headers=True, lenient_chunked_length=True, lenient_keep_alive=True,
            lenient_transfer_encoding=True, lenient_version=True,
            lenient_data_after_close=True, lenient_optional_lf_after_cr=True,
            lenient_optional_cr_before_lf=True, lenient_optional_crlf_after_chunk=True,
            lenient_spaces_after_chunk_size=True)
    return p



# The start of a request line (a method and a space) or of a status line:
# never the start of a header line, whose name admits neither.
start_line = re.compile(rb'[A-Z][A-Z-]* |HTTP/').match


cr_without_lf = re.compile(rb'HTTP/[0-9]\.[0-9]\r[^\n]').search
# ... in a chunk that continues a request line cut inside its version
cr_without_lf_cut = re.compile(rb'[HTP/]*[0-9.]*\r[^\n]').match

_cl_tab = re.compile(rb'\ncontent-length:[ \t]*[0-9]+ *\t', re.I).search


def content_length_tab(data: bytes, end: int) -> bool:
    """Whether the header block still open at ``data[end]`` holds a
    Content-Length whose digits are followed by a tab before ``end``: Node's
    llhttp (10's http_parser and 20's llhttp 9.3) fails right there with
    ``HPE_INVALID_CONTENT_LENGTH``, httptools' newer llhttp reads on (and may
    fail later, on another byte, with another code)."""
    m = _cl_tab(data, 0, end)
    while m is not None:
        start = m.end()
        if data.find(b'\n\r\n', start, end) < 0 and data.find(b'\n\n', start, end) < 0:
            return True
        m = _cl_tab(data, start, end)
    return False


def is_chunked(value: str) -> bool:
    """Whether a Transfer-Encoding value's last coding is ``chunked`` (a
    token, compared case-insensitively; ``xchunked`` is not, nor, in an
    untrimmed value, ``chunked<TAB>``: llhttp ends the token at a space or
    comma only)."""
    return value.rpartition(',')[2].lstrip(' \t').rstrip(' ').lower() == 'chunked'


def next_header_end(data: bytes, pos: int, n: int) -> int:
    """Index just past the first possible end of a header block at/after
    ``pos`` (an LF ending an empty line), or ``n``.  A terminator split across
    chunks ends within the first two bytes, which are checked first."""
    c = data[pos]
    if c == 10:
        return pos + 1
    if c == 13 and pos + 1 < n and data[pos + 1] == 10:
        return pos + 2
    i = data.find(b'\n\r\n', pos)
    j = data.find(b'\n\n', pos)
    if i < 0:
        return n if j < 0 else j + 2
    if 0 <= j < i:
        return j + 2
    return i + 3


# Codes llhttp gives only past the start line: where the error position is
# unknown, a Content-Length tab in the chunk may precede these errors.
HEADER_CODES = frozenset({'HPE_INVALID_HEADER_TOKEN', 'HPE_CR_EXPECTED', 'HPE_LF_EXPECTED',
                          'HPE_INVALID_TRANSFER_ENCODING', 'HPE_UNEXPECTED_CONTENT_LENGTH'})

# A byte llhttp admits in no header value (the CR of a line end included).
bad_value_byte = re.compile(rb'[\x00-\x08\x0a-\x1f\x7f]').search


def block_end(data: bytes) -> int:
    """Where the first header block ending in ``data`` (a chunk that
    continues one) ends, else ``len(data)``."""
    ends = [i for i in (data.find(b'\n\r\n'), data.find(b'\n\n')) if i >= 0]
    return min(ends) + 1 if ends else len(data)


def connection_verdict(raw: list[str], major: int, minor: int) -> bool:
    """llhttp's keep-alive flags for ``raw`` headers, as Node's llhttp reads
    Connection tokens (ended by a comma or spaces only, so ``close<TAB>`` is
    no close token): HTTP/1.1 unless ``close``, HTTP/1.0 only with
    ``keep-alive``."""
    close = alive = False
    for i in range(0, len(raw) - 1, 2):
        if raw[i].lower() == 'connection':
            for token in raw[i + 1].split(','):
                token = token.lstrip(' \t').rstrip(' ').lower()
                if token == 'close':
                    close = True
                elif token == 'keep-alive':
                    alive = True
    return not close if major > 0 and minor > 0 else alive
