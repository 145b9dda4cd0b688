"""The hostile-request corpus: raw bytes a client on the open internet may send.

Every case is sent on its own fresh connection, once to a Node server and once
to a nodehttp server running the same handler (``node_server.js`` and its twin
``nodehttp_server.py``), and the outcomes on the wire must match: the status
code(s) of every response, and whether the server closed the connection.

Cases are ``Case(name, family, data)``; ``data`` is exactly the bytes written
to the socket, in one write. Names are unique and stable: they are pytest ids,
rows of DIFFERENCES.md and file names of regression inputs.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    """One hostile request: a unique name, its family, the raw bytes sent.

    ``then`` holds further writes on the same connection, each sent once the
    server has completed one more response (e.g. a bad request sent after the
    valid one was answered, or a body sent after ``100 Continue``)."""

    name: str
    family: str
    data: bytes
    then: tuple[bytes, ...] = ()


CASES: list[Case] = []

GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"


def case(family: str, name: str, data: bytes, *then: bytes) -> None:
    """Add one case to the corpus (names must be unique)."""
    if any(c.name == name for c in CASES):
        raise ValueError(f"duplicate corpus case {name!r}")
    CASES.append(Case(name, family, data, then))


def post(headers: bytes, body: bytes = b"", target: bytes = b"/") -> bytes:
    """A POST request line + Host, then ``headers`` (CRLF-terminated lines), then body."""
    return b"POST " + target + b" HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n" + body


def chunked(body: bytes) -> bytes:
    """A POST with ``Transfer-Encoding: chunked`` and the given (raw) chunked body."""
    return post(b"Transfer-Encoding: chunked\r\n", body)


# --- controls: well-formed requests, so a broken harness shows up at once ------
F = "control"
case(F, "ok_get", GET)
case(F, "ok_post_content_length", post(b"Content-Length: 5\r\n", b"hello"))
case(F, "ok_post_chunked", chunked(b"5\r\nhello\r\n0\r\n\r\n"))
case(F, "ok_http10", b"GET / HTTP/1.0\r\n\r\n")
case(F, "ok_http10_keep_alive", b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
case(F, "ok_connection_close", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
case(F, "ok_leading_crlf", b"\r\n" + GET)
case(F, "ok_get_with_body", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")

# --- request smuggling: Content-Length ----------------------------------------
F = "smuggling-cl"
case(F, "cl_and_te", post(b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", b"0\r\n\r\n"))
case(F, "te_and_cl", post(b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", b"0\r\n\r\n"))
case(F, "cl_and_te_identity", post(b"Content-Length: 5\r\nTransfer-Encoding: identity\r\n", b"hello"))
case(F, "cl_duplicate_same", post(b"Content-Length: 5\r\nContent-Length: 5\r\n", b"hello"))
case(F, "cl_duplicate_conflict", post(b"Content-Length: 5\r\nContent-Length: 6\r\n", b"hello!"))
case(F, "cl_list_same", post(b"Content-Length: 5, 5\r\n", b"hello"))
case(F, "cl_negative", post(b"Content-Length: -1\r\n", b"hello"))
case(F, "cl_plus_sign", post(b"Content-Length: +5\r\n", b"hello"))
case(F, "cl_hex", post(b"Content-Length: 0x5\r\n", b"hello"))
case(F, "cl_inner_space", post(b"Content-Length: 5 5\r\n", b"hello"))
case(F, "cl_trailing_letters", post(b"Content-Length: 5abc\r\n", b"hello"))
case(F, "cl_empty_value", post(b"Content-Length:\r\n", b"hello"))
case(F, "cl_overflow", post(b"Content-Length: 99999999999999999999999\r\n", b"hello"))
case(F, "cl_body_short", post(b"Content-Length: 10\r\n", b"hello"))
case(F, "cl_body_long_smuggles", post(b"Content-Length: 3\r\n", b"abcGET /x HTTP/1.1\r\nHost: x\r\n\r\n"))
case(F, "cl_ows_tab", post(b"Content-Length:\t5\t\r\n", b"hello"))
case(F, "cl_trailing_space_tab", post(b"Content-Length: 5 \t\r\n", b"hello"))
case(F, "cl_leading_tab_only", post(b"Content-Length:\t5\r\n", b"hello"))

# --- request smuggling: Transfer-Encoding obfuscations ------------------------
F = "smuggling-te"
BODY0 = b"0\r\n\r\n"
case(F, "te_chunked_identity", post(b"Transfer-Encoding: chunked, identity\r\n", BODY0))
case(F, "te_identity_chunked", post(b"Transfer-Encoding: identity, chunked\r\n", BODY0))
case(F, "te_gzip_chunked", post(b"Transfer-Encoding: gzip, chunked\r\n", BODY0))
case(F, "te_chunked_chunked", post(b"Transfer-Encoding: chunked, chunked\r\n", BODY0))
case(F, "te_duplicate_header", post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", BODY0))
case(F, "te_split_identity_then_chunked", post(b"Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n", BODY0))
case(F, "te_split_chunked_then_identity", post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", BODY0))
case(F, "te_value_leading_space", post(b"Transfer-Encoding:  chunked\r\n", BODY0))
case(F, "te_xchunked", post(b"Transfer-Encoding: xchunked\r\n", BODY0))
case(F, "te_chunkedx", post(b"Transfer-Encoding: chunkedx\r\n", BODY0))
case(F, "te_uppercase", post(b"Transfer-Encoding: CHUNKED\r\n", BODY0))
case(F, "te_quoted", post(b'Transfer-Encoding: "chunked"\r\n', BODY0))
case(F, "te_trailing_comma", post(b"Transfer-Encoding: chunked,\r\n", BODY0))
case(F, "te_vertical_tab", post(b"Transfer-Encoding: \x0bchunked\r\n", BODY0))
case(F, "te_trailing_tab", post(b"Transfer-Encoding: chunked\t\r\n", BODY0))
case(F, "te_space_before_colon", post(b"Transfer-Encoding : chunked\r\n", BODY0))
case(F, "te_obs_fold", post(b"Transfer-Encoding:\r\n chunked\r\n", BODY0))
case(F, "te_obs_fold_continued", post(b"Transfer-Encoding: identity\r\n ,chunked\r\n", BODY0))
case(F, "te_name_leading_space", b"POST / HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: x\r\n\r\n" + BODY0)
case(F, "te_name_underscore", post(b"Transfer_Encoding: chunked\r\n", BODY0))
case(F, "te_identity_only", post(b"Transfer-Encoding: identity\r\n", b"hello"))
case(F, "te_chunked_http10", b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + BODY0)

# An empty Transfer-Encoding (issue 13): Node 20 ignores it, Node 10 rejects
# it except before a chunked one; nodehttp rejects it (see test_corpus.py).
case(F, "te_empty_only", post(b"Transfer-Encoding:\r\n"))
case(F, "te_empty_then_chunked", post(b"Transfer-Encoding:\r\nTransfer-Encoding: chunked\r\n", BODY0))
case(F, "te_chunked_then_empty", post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding:\r\n", BODY0))
case(F, "te_empty_with_content_length", post(b"Transfer-Encoding:\r\nContent-Length: 5\r\n", b"hello"))

# --- chunked framing -----------------------------------------------------------
F = "chunk-framing"
case(F, "chunk_size_overflow", chunked(b"FFFFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_17_hex_digits", chunked(b"10000000000000005\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_negative", chunked(b"-5\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_not_hex", chunked(b"g\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_0x_prefix", chunked(b"0x5\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_trailing_space", chunked(b"5 \r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_leading_space", chunked(b" 5\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_empty", chunked(b"\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_size_huge_body_missing", chunked(b"7fffffff\r\nhello"))
case(F, "chunk_ext_ok", chunked(b"5;name=value\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_ext_quoted", chunked(b'5;name="v a l"\r\nhello\r\n0\r\n\r\n'))
case(F, "chunk_ext_nul", chunked(b"5;na\x00me=v\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_ext_bare_lf", chunked(b"5;name\nX\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_ext_bare_cr", chunked(b"5;name\rX\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_ext_del", chunked(b"5;na\x7fme\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_missing_crlf_after_data", chunked(b"5\r\nhelloX0\r\n\r\n"))
case(F, "chunk_data_longer_than_size", chunked(b"3\r\nhello\r\n0\r\n\r\n"))
case(F, "chunk_bare_lf_after_size", chunked(b"5\nhello\r\n0\r\n\r\n"))
case(F, "chunk_bare_lf_after_data", chunked(b"5\r\nhello\n0\r\n\r\n"))
case(F, "chunk_last_no_final_crlf", chunked(b"5\r\nhello\r\n0\r\n"))
case(F, "chunk_trailing_garbage", chunked(b"5\r\nhello\r\n0\r\n\r\nGARBAGE\r\n\r\n"))
case(F, "chunk_smuggled_request", chunked(b"0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n"))
case(F, "chunk_trailer_ok", chunked(b"5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n"))
case(F, "chunk_trailer_bad_name", chunked(b"5\r\nhello\r\n0\r\nX Trailer: 1\r\n\r\n"))
case(F, "chunk_trailer_te_empty", chunked(b"5\r\nhello\r\n0\r\nTransfer-Encoding:\r\n\r\n"))
case(F, "chunk_trailer_content_length", chunked(b"5\r\nhello\r\n0\r\nContent-Length: 50\r\n\r\n"))

# --- header syntax ---------------------------------------------------------------
F = "header-syntax"
case(F, "bare_lf_everywhere", b"GET / HTTP/1.1\nHost: x\n\n")
case(F, "bare_lf_header_line", b"GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n")
case(F, "bare_lf_request_line", b"GET / HTTP/1.1\nHost: x\r\n\r\n")
case(F, "bare_lf_end_of_headers", b"GET / HTTP/1.1\r\nHost: x\r\n\n")
case(F, "bare_cr_header_line", b"GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n")
case(F, "bare_cr_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n")
case(F, "nul_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n")
case(F, "nul_in_name", b"GET / HTTP/1.1\r\nHost: x\r\nX-\x00A: b\r\n\r\n")
case(F, "ctl_01_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n")
case(F, "ctl_esc_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x1bb\r\n\r\n")
case(F, "del_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x7fb\r\n\r\n")
case(F, "tab_in_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\tb\r\n\r\n")
case(F, "ctl_in_name", b"GET / HTTP/1.1\r\nHost: x\r\nX-\x01A: b\r\n\r\n")
case(F, "space_before_colon", b"GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n")
case(F, "tab_before_colon", b"GET / HTTP/1.1\r\nHost: x\r\nX-A\t: b\r\n\r\n")
case(F, "space_in_name", b"GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n")
case(F, "obs_fold_space", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n")
case(F, "obs_fold_tab", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n")
case(F, "obs_fold_first_header", b"GET / HTTP/1.1\r\n X-A: a\r\nHost: x\r\n\r\n")
case(F, "non_ascii_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: caf\xc3\xa9\r\n\r\n")
case(F, "latin1_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: caf\xe9\r\n\r\n")
case(F, "non_ascii_name", b"GET / HTTP/1.1\r\nHost: x\r\nX-\xc3\xa9: b\r\n\r\n")
case(F, "empty_name", b"GET / HTTP/1.1\r\nHost: x\r\n: b\r\n\r\n")
case(F, "no_colon", b"GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n")
case(F, "slash_in_name", b"GET / HTTP/1.1\r\nHost: x\r\nX/A: b\r\n\r\n")
case(F, "empty_value", b"GET / HTTP/1.1\r\nHost: x\r\nX-A:\r\n\r\n")
case(F, "value_trailing_ws", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: b \t\r\n\r\n")
case(F, "connection_close_trailing_tab", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\t\r\n\r\n")
case(F, "connection_close_trailing_space", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close \r\n\r\n")
# Found by differential fuzzing (issue 13): no close token in "close<TAB>"
# (Node's llhttp), but every other Connection header still counts.
case(F, "connection_close_tab_pipelined", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\t\r\n\r\n" + GET)
case(F, "connection_close_tab_then_next", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\t\r\n\r\n", GET)
case(F, "connection_close_tab_comma", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\t, x\r\n\r\n", GET)
case(F, "connection_tab_then_close", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: k\t\r\nConnection: close\r\n\r\n", GET)
case(F, "connection_close_then_tab", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nConnection: k\t\r\n\r\n", GET)

# --- header sizes (Node 20's default maxHeaderSize is 16 KiB, Node 10's 8 KiB) -------
F = "header-size"


def with_headers(lines: bytes) -> bytes:
    """A GET / with Host and the given header lines."""
    return b"GET / HTTP/1.1\r\nHost: x\r\n" + lines + b"\r\n"


case(F, "header_section_7k", with_headers(b"".join(b"X-%04d: %s\r\n" % (i, b"v" * 60) for i in range(100))))
case(F, "header_section_12k", with_headers(b"".join(b"X-%04d: %s\r\n" % (i, b"v" * 60) for i in range(170))))
case(F, "header_section_20k", with_headers(b"".join(b"X-%04d: %s\r\n" % (i, b"v" * 60) for i in range(290))))
case(F, "single_header_12k", with_headers(b"X-Big: " + b"a" * 12 * 1024 + b"\r\n"))
case(F, "single_header_20k", with_headers(b"X-Big: " + b"a" * 20 * 1024 + b"\r\n"))
case(F, "single_header_100k", with_headers(b"X-Big: " + b"a" * 100 * 1024 + b"\r\n"))
case(F, "header_name_20k", with_headers(b"X" * 20 * 1024 + b": a\r\n"))
case(F, "many_headers_1000_small", with_headers(b"".join(b"h%d:v\r\n" % i for i in range(1000))))
case(F, "many_headers_4000_small", with_headers(b"".join(b"h%d:v\r\n" % i for i in range(4000))))
# Found by differential fuzzing (issue 13): a header line cut off mid-line,
# over the limit, is measured as it arrives (431 at once, not a timeout).
case(F, "header_line_cut_off_20k", b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20 * 1024)
# An oversized header, then a malformed name: overflow (Node counts first).
case(F, "header_12k_then_bad_name", with_headers(b"X-Big: " + b"a" * 12 * 1024 + b"\r\nX A: b\r\n"))
case(F, "header_20k_then_bad_name", with_headers(b"X-Big: " + b"a" * 20 * 1024 + b"\r\nX A: b\r\n"))
case(F, "header_name_cut_off_20k", b"GET / HTTP/1.1\r\nHost: x\r\nX" + b"a" * 20 * 1024)

# --- request line --------------------------------------------------------------------
F = "request-line"
case(F, "method_lowercase", b"get / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_unknown", b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_valid_rare", b"PROPFIND / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_ctl", b"G\x01T / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_empty", b" / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_prefix_of_valid", b"GE / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "method_valid_plus_suffix", b"GETX / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "http2_preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
case(F, "tls_client_hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(32)))
case(F, "version_1_2", b"GET / HTTP/1.2\r\nHost: x\r\n\r\n")
case(F, "version_2_0", b"GET / HTTP/2.0\r\nHost: x\r\n\r\n")
case(F, "version_0_9", b"GET / HTTP/0.9\r\nHost: x\r\n\r\n")
case(F, "version_missing", b"GET /\r\nHost: x\r\n\r\n")
case(F, "version_lowercase", b"GET / http/1.1\r\nHost: x\r\n\r\n")
case(F, "version_two_digit_minor", b"GET / HTTP/1.10\r\nHost: x\r\n\r\n")
case(F, "version_trailing_space", b"GET / HTTP/1.1 \r\nHost: x\r\n\r\n")
case(F, "double_space_after_method", b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_space", b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_tab", b"GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_ctl", b"GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_nul", b"GET /a\x00b HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_del", b"GET /a\x7fb HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_non_ascii", b"GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_fragment", b"GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_12k", b"GET /" + b"a" * 12 * 1024 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "url_20k", b"GET /" + b"a" * 20 * 1024 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "absolute_form", b"GET http://x/a HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "asterisk_form_options", b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "asterisk_form_get", b"GET * HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "authority_form_get", b"GET x:80 HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "connect_no_listener", b"CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n")
UPGRADE = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
case(F, "upgrade_no_listener", UPGRADE)
# Node 10 and 20 both drop what follows a declined upgrade in the same chunk.
case(F, "upgrade_no_listener_then_garbage", UPGRADE + b"\x00\xff garbage")
case(F, "upgrade_no_listener_then_pipelined", UPGRADE + GET)
case(F, "upgrade_no_listener_then_next_write", UPGRADE, GET)
# Found by differential fuzzing (issue 13): with no 'upgrade' listener the
# Upgrade request is ordinary and its body is its body (read, not parsed as
# the next request); and a malformed request after it gets no 400: llhttp's
# upgrade flag, still up, hides the error and the parser ignores the rest.
UP_POST = b"POST /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
case(F, "upgrade_no_listener_body", UP_POST + b"Content-Length: 35\r\n\r\n" + SMUGGLED, GET)
case(F, "upgrade_no_listener_chunked_body", UP_POST + b"Transfer-Encoding: chunked\r\n\r\n"
     + b"23\r\n" + SMUGGLED + b"\r\n0\r\n\r\n", GET)
case(F, "upgrade_no_listener_then_bad_request", UPGRADE, b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n")
case(F, "upgrade_no_listener_then_bad_header", UPGRADE, b"GET / HTTP/1.1\r\nHost: x\r\nX\x01: b\r\n\r\n")
case(F, "request_line_bare_cr", b"GET / HTTP/1.1\rHost: x\r\n\r\n")
case(F, "request_line_only_crlf", b"\r\n\r\n\r\n")

# --- pipelining ------------------------------------------------------------------------
F = "pipelining"
BAD = b"G\x01T / HTTP/1.1\r\nHost: x\r\n\r\n"
case(F, "pipeline_two_valid", GET + GET)
case(F, "pipeline_valid_then_bad", GET + BAD)
case(F, "pipeline_bad_then_valid", BAD + GET)
case(F, "pipeline_valid_then_bad_header", GET + b"GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n")
case(F, "pipeline_close_then_valid", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + GET)
case(F, "pipeline_http10_then_valid", b"GET / HTTP/1.0\r\n\r\n" + GET)
case(F, "pipeline_post_then_valid", post(b"Content-Length: 5\r\n", b"hello") + GET)
case(F, "pipeline_chunked_then_valid", chunked(b"5\r\nhello\r\n0\r\n\r\n") + GET)
case(F, "pipeline_20_valid", GET * 20)
case(F, "pipeline_valid_then_partial", GET + b"GET / HTT")
# In one write, Node 20 parses the bad request before the first response is
# written and destroys the socket: the 200 is lost. Sent after the 200 arrived:
case(F, "sequential_valid_then_bad", GET, BAD)
case(F, "sequential_valid_then_bad_header", GET, b"GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n")
case(F, "sequential_valid_then_oversize", GET, with_headers(b"X-Big: " + b"a" * 20 * 1024 + b"\r\n"))
case(F, "sequential_valid_then_smuggle", GET, post(b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", BODY0))
case(F, "sequential_three_valid", GET, GET, GET)
# Found by soak.py: a body of at least the readable highWaterMark (16 KiB), then
# the next request in a later write.
case(F, "sequential_body_16k_then_valid", post(b"Content-Length: 16384\r\n", b"b" * 16384), GET)
case(F, "sequential_chunked_70k_then_valid", chunked(b"11170\r\n" + b"b" * 70000 + b"\r\n0\r\n\r\n"), GET)
case(F, "pipeline_body_70k_then_valid", post(b"Content-Length: 70000\r\n", b"b" * 70000) + GET)
# Found by differential fuzzing (issue 13): once Node's parser has flushed
# headers to JavaScript (trailers, or more than 32 header fields), every later
# header flush runs the nextTick queue, so a response an earlier pipelined
# request finished is written before a later parse error's 400.
H40 = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"h%d: v\r\n" % i for i in range(40)) + b"\r\n"
TRAILER = chunked(b"3\r\nabc\r\n0\r\nT: 1\r\n\r\n")
case(F, "pipeline_trailer_then_bad", TRAILER + BAD)
case(F, "pipeline_trailer_valid_then_bad", TRAILER + GET + BAD)
case(F, "pipeline_trailer_two_valid_then_bad", TRAILER + GET + GET + BAD)
case(F, "pipeline_40_headers_then_bad", H40 + BAD)
case(F, "pipeline_40_headers_valid_then_bad", H40 + GET + BAD)
case(F, "pipeline_valid_then_40_headers_bad", GET + H40[:-2] + b"X A: b\r\n\r\n")

# --- Expect ----------------------------------------------------------------------------
F = "expect"
case(F, "expect_100_continue", post(b"Content-Length: 5\r\nExpect: 100-continue\r\n", b"hello"))
case(F, "expect_100_continue_no_body_yet", post(b"Content-Length: 5\r\nExpect: 100-continue\r\n"))
case(F, "expect_100_continue_body_after", post(b"Content-Length: 5\r\nExpect: 100-continue\r\n"), b"hello")
case(F, "expect_100_continue_mixed_case", post(b"Content-Length: 5\r\nExpect: 100-Continue\r\n", b"hello"))
case(F, "expect_unknown", post(b"Content-Length: 5\r\nExpect: foo\r\n", b"hello"))
case(F, "expect_empty", post(b"Content-Length: 5\r\nExpect:\r\n", b"hello"))
case(F, "expect_list", post(b"Content-Length: 5\r\nExpect: 100-continue, foo\r\n", b"hello"))
case(F, "expect_http10", b"POST / HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello")
case(F, "expect_unknown_then_valid", post(b"Content-Length: 5\r\nExpect: foo\r\n", b"hello") + GET)
# Found by fuzz_server.py --differential: the 417 is written while parsing, and
# a bad request in the same chunk still gets its 400 after it.
case(F, "expect_unknown_then_bad", post(b"Content-Length: 5\r\nExpect: foo\r\n", b"hello") + BAD)
case(F, "expect_unknown_then_valid_then_bad", post(b"Content-Length: 5\r\nExpect: foo\r\n", b"hello") + GET + BAD)

# --- Host --------------------------------------------------------------------------------
F = "host"
case(F, "host_missing_http11", b"GET / HTTP/1.1\r\n\r\n")
case(F, "host_missing_http10_keep_alive", b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + GET)
case(F, "host_duplicate", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
case(F, "host_empty", b"GET / HTTP/1.1\r\nHost:\r\n\r\n")
case(F, "host_with_space", b"GET / HTTP/1.1\r\nHost: a b\r\n\r\n")

CASES_BY_NAME: dict[str, Case] = {c.name: c for c in CASES}
