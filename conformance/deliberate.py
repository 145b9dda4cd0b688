"""Cases where nodehttp follows today's Node (v20) instead of Node 10, by design.

The reference for API semantics and event order is Node 10 (the seed's doc);
the reference for strictness on hostile input is today's Node (the project
brief: "reject what v20 rejects ... 431 for oversize headers"), and nodehttp
parses with llhttp, the parser of v20 (Node 10 used http_parser).  For each
case listed here the port must print exactly what Node 20 prints, and Node 20
must really differ from Node 10 there (else the entry is stale and fails).
"""

from __future__ import annotations

#: case id -> why nodehttp follows Node 20 there
FOLLOWS_NODE20: dict[str, str] = {
    "node/server_header_overflow_default":
        "oversize header section answered with 431 Request Header Fields Too Large "
        "(v10: 400); the brief and issue 4 ask for 431",
    "node/server_lf_line_endings":
        "a request line ended by a bare LF is rejected (HPE_INVALID_VERSION), as "
        "llhttp in strict mode and Node 20 do; Node 10's http_parser accepted it",
    "node/server_te_and_content_length":
        "Transfer-Encoding with Content-Length is reported as "
        "HPE_INVALID_TRANSFER_ENCODING (llhttp's code, as Node 20); Node 10's "
        "http_parser called it HPE_UNEXPECTED_CONTENT_LENGTH — both reject it",
    "node/server_clientError_bytesParsed":
        "err.bytesParsed is where llhttp stops (at the bad byte, 28), as in Node 20; "
        "Node 10's http_parser read to the end of the line (40)",
    "node/wire_client_data_after_closed_head":
        "bytes after a HEAD response that is not kept alive are HPE_CLOSED_CONNECTION "
        "(llhttp's closed state, as Node 20); Node 10 said HPE_INVALID_CONSTANT, or "
        "nothing when the bytes began 'HTTP/'",
    "node/client_information":
        "the 'information' object carries statusCode, statusMessage, httpVersion, "
        "headers and rawHeaders (issue 5, and Node 20); Node 10's had statusCode only",
    "node/parser_data_after_close":
        "bytes after a request that is not kept alive (Connection: close, HTTP/1.0) are "
        "HPE_CLOSED_CONNECTION (llhttp's closed state, as Node 20, bytesParsed one past "
        "the rejected byte); Node 10's http_parser parsed them as the next request",
    "node/agent_keepalive_reuse":
        "ClientRequest has reusedSocket (false, true on a pooled socket), as Node 13+ "
        "(issue 19 asks for it); Node 10 has no such property",
    "node/tls_keylog":
        "the 'keylog' event (Node 12.3+, issue 15 asks for it): Node 10 has none",
    "node/tls_half_close_server":
        "tls.createServer passes allowHalfOpen to its sockets (Node 14+); Node 10's "
        "tls.Server dropped the option, so its TLS sockets ended on the client's end",
}
