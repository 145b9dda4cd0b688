"""Seeded generation of HTTP/1.1 byte streams for the differential fuzzer.

A :class:`Case` is what one fuzz iteration sends: the ``data`` bytes, the
``cuts`` (offsets where the data is split into separate writes), the ``end``
action after the last write, and for the client side the request ``method``.

- ``server_case(rng)``: request bytes a client sends to a server: valid
  requests, pipelining, Content-Length / Transfer-Encoding combinations, chunked
  bodies with extensions and trailers, Upgrade and CONNECT, Expect, obs-fold,
  bad tokens, tabs and spaces in odd places, oversized and unterminated header
  lines, trailing garbage; then byte-level mutations.
  ``end`` is ``keep`` (stay open until the server is quiet), ``shut``
  (half-close after the last write) or ``close`` (close at once: an early close).
- ``client_case(rng)``: response bytes a server feeds to a client: status
  lines, 1xx before the response, framing combinations (including ones that
  merely end in "chunked"), close-delimited bodies, trailers, bad tokens, a
  second response or garbage after the first; then mutations. ``end`` is
  ``close`` (FIN after the last write), ``keep`` (wait for the client to close
  first, then FIN) or ``rst`` (abortive close).

Invariants: generation depends only on the ``random.Random`` it is given, so
``case_for(side, seed, index)`` is the same case in every run and on every
machine (it seeds one generator per case, so a case does not depend on the
ones before it); every case is bounded (a few writes, at most ~25 KB).
"""

from __future__ import annotations

import random
from typing import NamedTuple

CRLF = b"\r\n"


class Case(NamedTuple):
    """One input: bytes, split points, what to do after the last write."""

    side: str  # "server" (request bytes) or "client" (response bytes)
    data: bytes
    cuts: tuple[int, ...] = ()
    end: str = "keep"
    method: str = "GET"  # client side: the request method (GET or HEAD)

    def fragments(self) -> list[bytes]:
        """The writes: ``data`` split at ``cuts``."""
        bounds = [0, *self.cuts, len(self.data)]
        return [self.data[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]

    def to_json(self) -> dict:
        """A JSON-able form (bytes as latin-1 text, one string per write)."""
        return {"side": self.side, "fragments": [f.decode("latin-1") for f in self.fragments()],
                "end": self.end, "method": self.method}

    @classmethod
    def from_json(cls, obj: dict) -> Case:
        """Inverse of :meth:`to_json`."""
        frags = [f.encode("latin-1") for f in obj["fragments"]]
        cuts, at = [], 0
        for f in frags[:-1]:
            at += len(f)
            cuts.append(at)
        return cls(obj["side"], b"".join(frags), tuple(cuts), obj["end"], obj.get("method", "GET"))


def case_for(side: str, seed: int, index: int) -> Case:
    """The ``index``-th case of ``seed`` on ``side``: a pure function of its arguments."""
    rng = random.Random(f"{side}:{seed}:{index}")
    return server_case(rng) if side == "server" else client_case(rng)


# --- vocabulary ------------------------------------------------------------------

METHODS = [b"GET"] * 4 + [b"POST"] * 4 + [b"PUT", b"HEAD", b"DELETE", b"OPTIONS", b"PATCH",
                                           b"CONNECT", b"G@T", b"get", b"SEARCH", b"PRI"]
PATHS = [b"/", b"/a?b=c", b"/chunked", b"/close", b"/chunked/close", b"*", b"http://x/abs",
         b"x:443", b"/%00", b"/caf\xc3\xa9", b"/a#f", b"/a\tb", b"//x"]
VERSIONS = [b"HTTP/1.1"] * 8 + [b"HTTP/1.0", b"HTTP/1.0", b"HTTP/1.2", b"HTTP/2.0", b"HTTP/1.",
                                b"HTTP/01.1", b"http/1.1", b"HTTP/1.1 "]
CONTENT_LENGTHS = [b"+5", b"-1", b" 5", b"5 ", b"05", b"5, 5", b"5,6", b"0x5", b"1" * 21, b"",
                   b"5\t", b"\t5"]
TRANSFER_ENCODINGS = [b"chunked"] * 4 + [b"Chunked", b"gzip, chunked", b"chunked, gzip", b"xchunked",
                                         b"chunked ", b" chunked", b"", b"identity", b"chunked\t",
                                         b"chunked;q=1", b"\xffchunked", b"chunked,", b", chunked"]
CONNECTIONS = [b"close", b"keep-alive", b"Upgrade", b"k\t", b"close\t", b"keep-alive, close",
               b"Close", b"upgrade, close", b"", b"\tclose", b"close, keep-alive", b"TE"]
UPGRADES = [b"h2c", b"websocket", b"", b"foo/1"]
EXPECTS = [b"100-continue", b"100-Continue", b"foo"]
VALUES = [b"v", b"a b", b"a\tb", b"a\x00b", b"a\x7fb", b"\xc3\xa9", b"v ", b" v", b"\tv\t", b"",
          b"a\rb", b"a\nb", b"\"q\""]
NAMES = [b"X-A", b"x-a", b"X A", b"X\tA", b"X@A", b"", b"X-\x01", b"X-\xff", b"X-A ", b" X-A",
         b"Trailer", b"Te", b"Proxy-Connection", b"Set-Cookie"]
SEPARATORS = [b": "] * 6 + [b":", b":\t", b" : ", b":  ", b"\t: "]
EXTENSIONS = [b"", b"", b";a=b", b";a", b";a=\"q\"", b" ;a", b";\t", b";a=b;c", b";a\x00"]
CHUNK_SIZES = [b"0" * 20 + b"5", b"fffffffffffffffff", b"5 ", b" 5", b"-5", b"0x5", b"g", b""]
TOKENS = [CRLF, b"\n", b"\r", CRLF + CRLF, b":", b" ", b"\t", b"\x00", b"\x7f", b"\xff", b";", b",",
          b"chunked", b"Transfer-Encoding: chunked\r\n", b"Content-Length: 5\r\n", b"0\r\n\r\n",
          b"5\r\nhello\r\n", b"HTTP/1.1", b"Connection: close\r\n", b"\r\n ", b"\r\n\t",
          b"Expect: 100-continue\r\n", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"G@T / HTTP/1.1\r\n\r\n"]
STATUSES = [b"200"] * 6 + [b"201", b"204", b"304", b"404", b"500", b"101", b"103", b"199", b"600",
                           b"999", b"20", b"0200", b"2000", b"abc"]
REASONS = [b"OK"] * 4 + [b"", b"Weird Reason", b"OK\t", b"\xc3\xa9", b"O\x00K", b"OK "]
STATUS_VERSIONS = [b"HTTP/1.1"] * 8 + [b"HTTP/1.0", b"HTTP/1.0", b"HTTP/1.2", b"HTTP/2", b"ICY",
                                       b"HTTP/1.1 ", b"http/1.1"]


def pick(rng: random.Random, items: list[bytes], clean: bool = False) -> bytes:
    """A random item; in a clean case, the first (the well-formed default)."""
    return items[0] if clean else items[rng.randrange(len(items))]


def body_bytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.choice(b"abcdefghij\r\n \x00\xff") for _ in range(n))


def header(rng: random.Random, name: bytes, value: bytes, clean: bool = False) -> bytes:
    """One header line; unless clean, sometimes with an odd separator, or folded."""
    if clean:
        return name + b": " + value + CRLF
    sep = pick(rng, SEPARATORS) if rng.random() < 0.15 else b": "
    if rng.random() < 0.05 and value:
        cut = rng.randrange(len(value) + 1)
        value = value[:cut] + CRLF + rng.choice([b" ", b"\t"]) + value[cut:]
    return name + sep + value + CRLF


def chunked_body(rng: random.Random, clean: bool = False) -> bytes:
    """A chunked body with extensions and trailers; unless clean, odd sizes, bad
    trailers, sometimes unterminated."""
    if clean:
        chunks = [body_bytes(rng, rng.choice([1, 5, 16])) for _ in range(rng.randrange(3))]
        out = b"".join(b"%x%s\r\n%s\r\n" % (len(c), pick(rng, EXTENSIONS[:4]), c) for c in chunks)
        trailer = header(rng, b"X-T", b"1", True) if rng.random() < 0.3 else b""
        return out + b"0\r\n" + trailer + CRLF
    out = b""
    for _ in range(rng.randrange(4)):
        n = rng.choice([1, 3, 5, 16])
        size = b"%x" % n if rng.random() < 0.9 else pick(rng, CHUNK_SIZES)
        if rng.random() < 0.2:
            size = size.upper() if rng.random() < 0.5 else b"0" + size
        out += size + pick(rng, EXTENSIONS) + CRLF + body_bytes(rng, n)
        out += CRLF if rng.random() < 0.93 else rng.choice([b"", b"\n", b"XX"])
    if rng.random() < 0.9:
        out += b"0" + pick(rng, EXTENSIONS) + CRLF
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            name = rng.choice([b"X-T", b"Content-Length", b"Transfer-Encoding", b"X T", b"X-T "])
            out += header(rng, name, rng.choice([b"1", b"", b"chunked", b"a\tb"]))
        if rng.random() < 0.95:
            out += CRLF
    return out


def headers_and_body(rng: random.Random, request: bool, clean: bool = False) -> tuple[bytes, bytes]:
    """Framing headers with a body to match (or not), plus assorted other headers.
    A clean message is well-formed: plain framing, valid headers only."""
    if clean:
        framing = rng.choice(["none", "cl", "chunked"])
        lines = [header(rng, b"X-A", b"v", True)] if rng.random() < 0.3 else []
        if rng.random() < 0.3:
            lines.append(header(rng, b"Connection", rng.choice([b"close", b"keep-alive"]), True))
        if framing == "cl":
            body = body_bytes(rng, rng.choice([0, 1, 5, 35]))
            return b"".join(lines) + header(rng, b"Content-Length", b"%d" % len(body), True), body
        if framing == "chunked":
            return b"".join(lines) + header(rng, b"Transfer-Encoding", b"chunked", True), \
                chunked_body(rng, True)
        return b"".join(lines), b""
    lines = []
    body = b""
    framing = rng.choice(["none", "none", "cl", "cl", "chunked", "chunked", "both", "weird-cl",
                          "weird-te", "dup-cl"])
    if framing in ("cl", "dup-cl"):
        n = rng.choice([0, 1, 5, 10, 35])
        body = body_bytes(rng, n)
        declared = n if rng.random() < 0.8 else max(0, n + rng.choice([-3, -1, 1, 4]))
        lines.append(header(rng, b"Content-Length", b"%d" % declared))
        if framing == "dup-cl":
            other = declared if rng.random() < 0.5 else declared + 1
            lines.append(header(rng, b"Content-Length", b"%d" % other))
    elif framing == "chunked":
        lines.append(header(rng, b"Transfer-Encoding", b"chunked"))
        body = chunked_body(rng)
    elif framing == "both":
        lines.append(header(rng, b"Content-Length", b"5"))
        lines.append(header(rng, b"Transfer-Encoding", pick(rng, TRANSFER_ENCODINGS)))
        body = chunked_body(rng)
    elif framing == "weird-cl":
        lines.append(header(rng, b"Content-Length", pick(rng, CONTENT_LENGTHS)))
        body = b"hello"
    elif framing == "weird-te":
        for _ in range(rng.choice([1, 1, 2])):
            lines.append(header(rng, rng.choice([b"Transfer-Encoding", b"transfer-encoding",
                                                 b"Transfer-Encoding "]), pick(rng, TRANSFER_ENCODINGS)))
        body = chunked_body(rng) if rng.random() < 0.6 else b"hello"
    if rng.random() < 0.3:
        lines.append(header(rng, b"Connection", pick(rng, CONNECTIONS)))
    if rng.random() < 0.15:
        lines.append(header(rng, b"Connection", pick(rng, CONNECTIONS)))
    if rng.random() < (0.15 if request else 0.05):
        lines.append(header(rng, b"Upgrade", pick(rng, UPGRADES)))
    if request and rng.random() < 0.1:
        lines.append(header(rng, b"Expect", pick(rng, EXPECTS)))
    for _ in range(rng.choice([0, 0, 1, 2])):
        lines.append(header(rng, pick(rng, NAMES), pick(rng, VALUES)))
    if rng.random() < 0.04:
        lines += [b"h%d:v\r\n" % i for i in range(rng.choice([40, 120]))]
    if rng.random() < 0.06:
        lines.append(b"X-Big: " + b"a" * rng.choice([4000, 9000, 20000]) + CRLF)
    rng.shuffle(lines)
    return b"".join(lines), body


def server_case(rng: random.Random) -> Case:
    """Request bytes for a server: 1-3 requests, maybe garbage, mutations, split points."""
    data = b""
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        clean = rng.random() < 0.4
        method = pick(rng, METHODS[:10] if clean else METHODS)
        path = pick(rng, PATHS[:5]) if rng.random() < 0.5 else b"/"
        if not clean and rng.random() < 0.3:
            path = pick(rng, PATHS)
        if method == b"CONNECT" and rng.random() < 0.7:
            path = b"x:443"
        sp = b" " if clean or rng.random() < 0.95 else rng.choice([b"  ", b"\t"])
        line = method + sp + path + b" " + pick(rng, VERSIONS[:10] if clean else VERSIONS) + CRLF
        host = header(rng, b"Host", b"x") if clean or rng.random() < 0.9 else b""
        headers, body = headers_and_body(rng, True, clean)
        if rng.random() < 0.5:
            headers = host + headers
        else:
            headers += host
        data += (CRLF if rng.random() < 0.05 else b"") + line + headers + CRLF + body
    if rng.random() < 0.08:
        data += rng.choice([b"G@T / HTTP/1.1\r\n\r\n", b"\x00\xff garbage", b"GET / HTTP/1.1\r\nX-Big: "
                            + b"a" * 9000])
    data = mutate(rng, data)
    end = rng.choice(["keep"] * 10 + ["shut"] * 7 + ["close"] * 3)
    return Case("server", data, cuts(rng, data), end)


def client_case(rng: random.Random) -> Case:
    """Response bytes for a client: maybe 1xx first, one response, maybe more bytes after."""
    method = "HEAD" if rng.random() < 0.12 else "GET"
    data = b""
    if rng.random() < 0.1:
        data += b"HTTP/1.1 " + rng.choice([b"100 Continue", b"103 Early Hints\r\nLink: </a>"]) + CRLF + CRLF
    for _ in range(rng.choice([1, 1, 1, 1, 2])):
        clean = rng.random() < 0.4
        line = pick(rng, STATUS_VERSIONS[:10] if clean else STATUS_VERSIONS) + b" "
        line += pick(rng, STATUSES[:11] if clean else STATUSES)
        reason = pick(rng, REASONS[:5] if clean else REASONS)
        if reason or rng.random() < 0.5:
            line += b" " + reason
        headers, body = headers_and_body(rng, False, clean)
        if rng.random() < 0.3:  # a body delimited by the close
            body += body_bytes(rng, rng.choice([0, 3, 10]))
        data += line + CRLF + headers + CRLF + body
    if rng.random() < 0.08:
        data += rng.choice([b"G@T garbage\r\n\r\n", b"\x00\xff", b"HTTP/1.1 200 OK\r\n\r\n"])
    data = mutate(rng, data)
    end = rng.choice(["close"] * 6 + ["keep"] * 3 + ["rst"])
    return Case("client", data, cuts(rng, data), end, method)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A third of the cases get 1-3 byte-level mutations (insert a token, replace,
    delete, duplicate, bare LF, truncate)."""
    if rng.random() < 0.67:
        return data
    buf = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3])):
        at = rng.randrange(len(buf) + 1)
        kind = rng.randrange(7)
        if kind == 0:
            buf[at:at] = pick(rng, TOKENS)
        elif kind == 1 and buf:
            buf[at % len(buf)] = rng.choice(b"\x00\t \r\n:;,\x7f\xff\x80aZ0")
        elif kind == 2:
            del buf[at:at + rng.randrange(1, 8)]
        elif kind == 3:
            buf[at:at] = buf[at:at + rng.randrange(1, 40)]
        elif kind == 4:
            crlf = bytes(buf).find(CRLF, at)
            if crlf >= 0:
                buf[crlf:crlf + 2] = b"\n"
        elif kind == 5:
            crlf = bytes(buf).find(CRLF, at)
            if crlf >= 0:
                buf[crlf:crlf + 2] = rng.choice([b"\r\n ", b"\r\n\t", b" \r\n", b"\t\r\n"])
        elif kind == 6 and rng.random() < 0.3:
            del buf[at:]
    return bytes(buf)


def cuts(rng: random.Random, data: bytes) -> tuple[int, ...]:
    """0-4 split points (often none): where the stream is cut into separate writes."""
    if len(data) < 2 or rng.random() < 0.4:
        return ()
    n = rng.choice([1, 1, 2, 3, 4])
    return tuple(sorted({rng.randrange(1, len(data)) for _ in range(n)}))
