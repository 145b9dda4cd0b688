"""url, querystring and Buffer helpers: values checked against Node 10.24.1."""

from __future__ import annotations

import math

import pytest

from nodehttp import Buffer, querystring, url
from nodehttp.errors import NodeError

# -- querystring ------------------------------------------------------------------


@pytest.mark.parametrize("qs, expected", [
    ("a=1&b=2", {"a": "1", "b": "2"}),
    ("a=1&a=2&a=3", {"a": ["1", "2", "3"]}),
    ("a", {"a": ""}),
    ("a=", {"a": ""}),
    ("=b", {"": "b"}),
    ("a&&b", {"a": "", "b": ""}),
    ("a+b=c+d", {"a b": "c d"}),
    ("a=%20%zz", {"a": " %zz"}),
    ("%E4%BD%A0=%E5%A5%BD", {"你": "好"}),
    ("a=%ff", {"a": "\ufffd"}),
    ("x[]=1&x[]=2", {"x[]": ["1", "2"]}),
    ("a=1&", {"a": "1"}),
    ("", {}),
])
def test_querystring_parse_matches_node(qs, expected):
    assert querystring.parse(qs) == expected


def test_querystring_parse_custom_separators_and_max_keys():
    assert querystring.parse("a:1;b:2", ";", ":") == {"a": "1", "b": "2"}
    assert querystring.parse("a=1&b=2&c=3", None, None, {"maxKeys": 2}) == {"a": "1", "b": "2"}
    assert len(querystring.parse("&".join(f"k{i}=v" for i in range(1500)))) == 1000
    assert len(querystring.parse("&".join(f"k{i}=v" for i in range(1500)), None, None,
                                 {"maxKeys": 0})) == 1500
    assert querystring.parse("a=b", None, None, {"decodeURIComponent": str.upper}) == {"A": "B"}
    assert querystring.parse(None) == {}


def test_querystring_stringify_matches_node():
    obj = {"a": 1, "b": [1, "x y"], "c": True, "d": None, "e": "é!*()~'", "f": 1.5,
           "g": math.nan}
    assert querystring.stringify(obj) == "a=1&b=1&b=x%20y&c=true&d=&e=%C3%A9!*()~'&f=1.5&g="
    assert querystring.stringify({"a": 1, "b": 2}, ";", ":") == "a:1;b:2"
    assert querystring.stringify("nope") == ""
    assert querystring.encode is querystring.stringify
    assert querystring.decode is querystring.parse


def test_querystring_escape_unescape_match_node():
    assert querystring.escape("a b&c/é") == "a%20b%26c%2F%C3%A9"
    assert querystring.unescape("a%20b%zz") == "a b%zz"
    assert querystring.unescape("%E4%BD%A0") == "你"
    assert querystring.unescape("%ff") == "\ufffd"
    assert querystring.unescape("a+b", True) == "a+b"  # decodeURIComponent succeeded
    assert querystring.unescapeBuffer("a+%41%zz", True) == b"a A%zz"
    with pytest.raises(NodeError) as ei:
        querystring.escape("\ud800")
    assert ei.value.code == "ERR_INVALID_URI"


# -- Buffer -----------------------------------------------------------------------

def test_buffer_helpers():
    assert Buffer.byteLength("héllo") == 6
    assert Buffer.byteLength("héllo", "latin1") == 5
    assert Buffer.byteLength(b"abc") == 3
    assert Buffer.concat([b"a", b"bc"]) == b"abc"
    assert Buffer.concat([b"ab", b"c"], 2) == b"ab"
    assert getattr(Buffer, "from")("aGk=", "base64") == b"hi"
    assert Buffer.from_("6869", "hex") == b"hi"
    assert Buffer.from_([104, 105]) == b"hi"
    assert Buffer.toString(b"hi", "base64") == "aGk="
    assert Buffer.toString("é".encode(), "latin1") == "Ã©"
    assert isinstance(b"x", Buffer) and Buffer.isBuffer(bytearray())
    assert Buffer.alloc(3) == b"\0\0\0" and Buffer.alloc(3, "ab") == b"aba"
    with pytest.raises(TypeError) as ei:
        Buffer.byteLength(5)
    assert ei.value.code == "ERR_INVALID_ARG_TYPE"
    with pytest.raises(TypeError) as ei:
        Buffer.from_("x", "nope")
    assert ei.value.code == "ERR_UNKNOWN_ENCODING"


# -- url.URL (WHATWG) ------------------------------------------------------------------
# Columns: href, protocol, username, password, host, hostname, port, pathname, search, hash, origin
WHATWG = [
    ("http://user:pa ss@Example.COM:8080/a/./b/../c d?x=1 2&y=é#frag ment",
     ["http://user:pa%20ss@example.com:8080/a/c%20d?x=1%202&y=%C3%A9#frag%20ment", "http:",
      "user", "pa%20ss", "example.com:8080", "example.com", "8080", "/a/c%20d",
      "?x=1%202&y=%C3%A9", "#frag%20ment", "http://example.com:8080"]),
    ("https://example.com:443/", ["https://example.com/", "https:", "", "", "example.com",
                                  "example.com", "", "/", "", "", "https://example.com"]),
    ("http://[::1]:3000/x", ["http://[::1]:3000/x", "http:", "", "", "[::1]:3000", "[::1]",
                             "3000", "/x", "", "", "http://[::1]:3000"]),
    ("http://0x7f.1/", ["http://127.0.0.1/", "http:", "", "", "127.0.0.1", "127.0.0.1", "",
                        "/", "", "", "http://127.0.0.1"]),
    ("HTTP://a.b/%7Efoo/..", ["http://a.b/", "http:", "", "", "a.b", "a.b", "", "/", "", "",
                              "http://a.b"]),
    ("http://a/b\\c?d\\e", ["http://a/b/c?d\\e", "http:", "", "", "a", "a", "", "/b/c", "?d\\e",
                            "", "http://a"]),
    ("file:///etc/passwd", ["file:///etc/passwd", "file:", "", "", "", "", "", "/etc/passwd",
                            "", "", "null"]),
    ("mailto:someone@example.com", ["mailto:someone@example.com", "mailto:", "", "", "", "", "",
                                    "someone@example.com", "", "", "null"]),
    ("http://münchen.de/", ["http://xn--mnchen-3ya.de/", "http:", "", "", "xn--mnchen-3ya.de",
                            "xn--mnchen-3ya.de", "", "/", "", "", "http://xn--mnchen-3ya.de"]),
    ("ws://h:80/x", ["ws://h/x", "ws:", "", "", "h", "h", "", "/x", "", "", "ws://h"]),
]


@pytest.mark.parametrize("s, expected", WHATWG)
def test_URL_matches_node(s, expected):
    u = url.URL(s)
    got = [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname,
           u.search, u.hash, u.origin]
    assert got == expected


def test_URL_invalid_and_relative():
    for bad in ("foo", "http://", "http://a:99999/", "http://[::1/"):
        with pytest.raises(TypeError) as ei:
            url.URL(bad)
        assert ei.value.code == "ERR_INVALID_URL"
        assert str(ei.value) == f"Invalid URL: {bad}"
    assert url.URL("/x/y?z", "http://h:81/a/b").href == "http://h:81/x/y?z"
    assert url.URL("c", "http://h/a/b").href == "http://h/a/c"
    assert url.URL("../c", "http://h/a/b/d").href == "http://h/a/c"
    assert url.URL("?q", "http://h/a").href == "http://h/a?q"
    assert url.URL("//o/p", "http://h/a").href == "http://o/p"
    assert url.resolve("http://h/a/b", "c") == "http://h/a/c"


def test_URL_setters_and_searchParams():
    u = url.URL("http://h/p?a=1&b=2&a=3")
    sp = u.searchParams
    assert sp.get("a") == "1" and sp.getAll("a") == ["1", "3"] and sp.get("zz") is None
    assert sp.has("b") and not sp.has("c")
    sp.append("c", "x y")
    assert u.search == "?a=1&b=2&a=3&c=x+y"
    sp.set("a", "9")
    sp.delete("b")
    assert u.href == "http://h/p?a=9&c=x+y"
    assert list(sp) == [["a", "9"], ["c", "x y"]]
    u.port = "80"
    assert u.port == ""
    u.port = 8080
    u.hostname = "EXAMPLE.org"
    u.pathname = "/a b"
    u.hash = "top"
    u.username = "me"
    assert u.href == "http://me@example.org:8080/a%20b?a=9&c=x+y#top"
    u.search = "q=1"
    assert sp.get("q") == "1"
    assert url.URLSearchParams({"a": "b c"}).toString() == "a=b+c"
    assert str(url.URL("http://h")) == "http://h/"


def test_urlToOptions_matches_node():
    opts = url.urlToOptions(url.URL("http://abc:xyz@[::1]:8080/p?q=1#h"))
    assert opts == {"protocol": "http:", "hostname": "::1", "hash": "#h", "search": "?q=1",
                    "pathname": "/p", "path": "/p?q=1", "href": "http://abc:xyz@[::1]:8080/p?q=1#h",
                    "port": 8080, "auth": "abc:xyz"}
    assert "port" not in url.urlToOptions(url.URL("http://h/"))


# -- legacy url.parse ---------------------------------------------------------------
# Columns: protocol, slashes, auth, host, port, hostname, hash, search, query, pathname, path, href
LEGACY = [
    ("http://user:pa ss@Example.COM:8080/a/./b/../c d?x=1 2&y=é#frag ment",
     ["http:", True, "user:pa ss", "example.com:8080", "8080", "example.com", "#frag%20ment",
      "?x=1%202&y=é", "x=1%202&y=é", "/a/./b/../c%20d", "/a/./b/../c%20d?x=1%202&y=é",
      "http://user:pa%20ss@example.com:8080/a/./b/../c%20d?x=1%202&y=é#frag%20ment"]),
    ("http://[::1]:3000/x", ["http:", True, None, "[::1]:3000", "3000", "::1", None, None, None,
                             "/x", "/x", "http://[::1]:3000/x"]),
    ("http://a/b\\c?d\\e", ["http:", True, None, "a", None, "a", None, "?d%5Ce", "d%5Ce", "/b/c",
                            "/b/c?d%5Ce", "http://a/b/c?d%5Ce"]),
    ("/status?name=ryan", [None, None, None, None, None, None, None, "?name=ryan", "name=ryan",
                           "/status", "/status?name=ryan", "/status?name=ryan"]),
    ("mailto:someone@example.com", ["mailto:", None, "someone", "example.com", None, "example.com",
                                    None, None, None, None, None, "mailto:someone@example.com"]),
    ("http://münchen.de", ["http:", True, None, "xn--mnchen-3ya.de", None, "xn--mnchen-3ya.de",
                           None, None, None, "/", "/", "http://xn--mnchen-3ya.de/"]),
]


@pytest.mark.parametrize("s, expected", LEGACY)
def test_legacy_parse_matches_node(s, expected):
    p = url.parse(s)
    got = [p.protocol, p.slashes, p.auth, p.host, p.port, p.hostname, p.hash, p.search, p.query,
           p.pathname, p.path, p.href]
    assert got == expected


def test_legacy_parse_query_and_format():
    p = url.parse("/status?name=ryan", True)
    assert p.query == {"name": "ryan"}
    assert url.parse("http://h/x", True).query == {}
    assert url.format({"protocol": "http", "hostname": "h", "port": 8, "pathname": "/a",
                       "query": {"x": "1 2"}}) == "http://h:8/a?x=1%202"
    assert url.format(url.URL("http://u:p@h/x?y#z"), {"auth": False, "fragment": False}) == \
        "http://h/x?y"
    assert url.format("HTTP://H/x") == "http://h/x"
    with pytest.raises(TypeError) as ei:
        url.parse(5)
    assert ei.value.code == "ERR_INVALID_ARG_TYPE"
