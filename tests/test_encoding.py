"""nodehttp.encoding: Node 10's encodings (the one module Buffer, streams and http use)."""

from __future__ import annotations

import pytest

from nodehttp import encoding
from nodehttp.buffer import Buffer
from nodehttp.errors import NodeTypeError


@pytest.mark.parametrize(("text", "expected"), [
    ("YWJj=ZGVm", b"abc"),          # stops at the first '='
    ("YQ==YQ", b"a"),
    ("=YQ", b""),
    ("YW Jj\nZA", b"abcd"),         # whitespace skipped
    ("YW*Jj", b"abc"),              # characters outside the alphabet skipped
    ("-_-_", b"\xfb\xff\xbf"),      # url-safe alphabet
    ("YWJjZA", b"abcd"),            # no padding needed
    ("Y", b""),
    ("YWJjZGVm+/8=", b"abcdef\xfb\xff"),
])
def test_base64_decodes_as_node(text, expected):
    assert encoding.encode(text, "base64") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("abc", b"\xab"), ("abzz12", b"\xab"), ("zz12", b""), ("1z", b""), ("AbCd", b"\xab\xcd"),
    ("ab cd", b"\xab"), ("ab\tcd", b"\xab"),
])
def test_hex_stops_at_the_first_bad_pair(text, expected):
    assert encoding.encode(text, "hex") == expected


def test_non_bmp_characters_count_as_two_utf16_units():
    s = "a\U0001F600\u00e9"
    assert encoding.encode(s, "latin1") == b"a=\x00\xe9"
    assert encoding.encode(s, "ascii") == b"a=\x00\xe9"
    assert encoding.encode("a\U0001F600", "ucs2") == b"a\x00=\xd8\x00\xde"
    assert encoding.byteLength(s, "latin1") == 4


def test_utf8_writes_a_lone_surrogate_as_replacement_and_joins_a_split_pair():
    assert encoding.encode("\ud800x") == b"\xef\xbf\xbdx"
    assert encoding.encode("\ud83d\ude00") == "\U0001F600".encode()


def test_decoding():
    assert encoding.decode(b"\x80\xffA", "ascii") == "\x00\x7fA"
    assert encoding.decode(b"abc", "ucs2") == "\u6261"
    assert encoding.decode(b"\xe2\x82", "utf8") == "\ufffd"
    assert encoding.decode(b"\xff\xfe\x00", "base64") == "//4A"


def test_names_are_node_10s():
    for name in ("utf8", "UTF-8", "Ucs2", "ucs-2", "utf16le", "UTF-16LE", "latin1", "BINARY",
                 "base64", "hex", "ascii"):
        assert encoding.isEncoding(name) and Buffer.isEncoding(name)
    for name in ("base64url", "utf16", "", "raw", "buffer", None, 1):
        assert not encoding.isEncoding(name)
    assert encoding.normalizeEncoding(None) == "utf8"
    assert encoding.normalizeEncoding("UCS-2") == "utf16le"
    with pytest.raises(NodeTypeError) as info:
        encoding.encode("x", "base64url")  # Node 15.7+, not Node 10
    assert (info.value.code, info.value.message) == ("ERR_UNKNOWN_ENCODING",
                                                     "Unknown encoding: base64url")


def test_buffer_from_and_to_string_follow_node_on_empty_encodings():
    assert Buffer.from_("ab", "") == b"ab"        # Buffer.from: empty means utf8
    with pytest.raises(NodeTypeError):
        Buffer.toString(b"ab", "")                  # toString(''): unknown encoding
    assert Buffer.byteLength("YWJj=ZGVm", "base64") == 6  # Node's estimate


def test_buffer_alloc_errors():
    with pytest.raises(ValueError) as info:
        Buffer.alloc(-1)
    assert (info.value.code, str(info.value)) == (
        "ERR_INVALID_OPT_VALUE", 'The value "-1" is invalid for option "size"')
    assert Buffer.alloc(float("nan")) == b""
    assert Buffer.alloc(1.5) == b"\x00"
