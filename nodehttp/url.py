"""Node's ``url`` module, the subset HTTP programs use.

- :func:`parse` / :func:`format` / :func:`resolve`: the legacy API of Node 10's
  ``lib/url.js`` (``Url`` objects with ``protocol``, ``slashes``, ``auth``,
  ``host``, ``port``, ``hostname``, ``hash``, ``search``, ``query``,
  ``pathname``, ``path``, ``href``; ``port`` is a string, missing parts ``None``).
- :class:`URL` and :class:`URLSearchParams`: the WHATWG API for the schemes an
  HTTP client meets (``http``, ``https``, ``ws``, ``wss``, ``ftp``, ``file``;
  other schemes keep an opaque path).  Parsing covers what Node's does for
  well-formed input (default ports dropped, hostnames lower-cased and
  IDNA-encoded, dot segments removed, percent-encoding sets); it is not a
  full WHATWG state machine, so exotic malformed input may differ.
- :func:`urlToOptions`: what ``http.request(url)`` turns a :class:`URL` into.
"""

from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import quote as _quote

from . import querystring
from .errors import NodeError, NodeTypeError, codes

__all__ = ["URL", "URLSearchParams", "Url", "parse", "format", "resolve", "urlToOptions",
           "domainToASCII"]

# -- legacy url.parse --------------------------------------------------------------

_protocol_pattern = re.compile(r"^[a-z0-9.+-]+:", re.I)
_port_pattern = re.compile(r":[0-9]*$")
_host_pattern = re.compile(r"^//[^@/]+@[^@/]+")
_simple_path = re.compile(r"^(//?(?!/)[^?\s]*)(\?[^\s]*)?$")
_HOSTLESS = {"javascript", "javascript:"}
_SLASHED = {"http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:",
            "file", "file:"}
_WS = " \t\r\n\f\u00a0\ufeff"
_NON_HOST = set("\t\n\r \"%';<>\\^`{|}")
_HOST_END = set("#/?")
_AUTO_ESCAPE = {"\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27",
                "<": "%3C", ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B",
                "|": "%7C", "}": "%7D"}
_auto_escape_re = re.compile("[\t\n\r \"'<>\\\\^`{|}]")
_valid_host_char = re.compile(r"[a-zA-Z0-9.\-+_\u0080-\U0010ffff]*")


def _to_ascii(host: str) -> str:
    if host.isascii():
        return host
    try:
        return ".".join(
            label.encode("idna").decode("ascii") if not label.isascii() else label
            for label in host.split(".")
        )
    except UnicodeError:
        return host


class Url:
    """The legacy URL object returned by :func:`parse` (Node's ``Url``)."""

    __slots__ = ("protocol", "slashes", "auth", "host", "port", "hostname", "hash", "search",
                 "query", "pathname", "path", "href")

    def __init__(self) -> None:
        for k in Url.__slots__:
            setattr(self, k, None)

    def __repr__(self) -> str:
        return "Url(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in Url.__slots__) + ")"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Url) and all(
            getattr(self, k) == getattr(other, k) for k in Url.__slots__)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def toDict(self) -> dict[str, Any]:
        """The object's own properties, as ``util._extend`` would copy them."""
        return {k: getattr(self, k) for k in Url.__slots__}

    def parse(self, url: Any, parseQueryString: bool = False,
              slashesDenoteHost: bool = False) -> Url:
        """Fill this object from ``url`` (Node's ``Url.prototype.parse``)."""
        if not isinstance(url, str):
            raise codes.ERR_INVALID_ARG_TYPE("url", "string", url)
        # Trim whitespace; backslashes before the first ?/# become slashes.
        rest = url.strip(_WS)
        split = min((i for i in (rest.find("?"), rest.find("#")) if i != -1), default=-1)
        head, tail = (rest, "") if split == -1 else (rest[:split], rest[split:])
        rest = head.replace("\\", "/") + tail
        has_hash = "#" in rest

        if not slashesDenoteHost and not has_hash:
            m = _simple_path.match(rest)
            if m:
                self.path = rest
                self.href = rest
                self.pathname = m.group(1)
                if m.group(2):
                    self.search = m.group(2)
                    self.query = (querystring.parse(self.search[1:]) if parseQueryString
                                  else self.search[1:])
                elif parseQueryString:
                    self.search = None
                    self.query = {}
                return self

        lower_proto = None
        proto_m = _protocol_pattern.match(rest)
        proto = None
        if proto_m:
            proto = proto_m.group(0)
            lower_proto = proto.lower()
            self.protocol = lower_proto
            rest = rest[len(proto):]

        slashes = False
        if slashesDenoteHost or proto or _host_pattern.match(rest):
            slashes = rest.startswith("//")
            if slashes and not (proto and lower_proto in _HOSTLESS):
                rest = rest[2:]
                self.slashes = True

        if lower_proto not in _HOSTLESS and (slashes or (proto and proto not in _SLASHED)):
            at_sign = non_host = -1
            for i, ch in enumerate(rest):
                if ch in _NON_HOST:
                    if non_host == -1:
                        non_host = i
                elif ch in _HOST_END:
                    if non_host == -1:
                        non_host = i
                    break
                elif ch == "@":
                    at_sign = i
                    non_host = -1
            start = 0
            if at_sign != -1:
                self.auth = querystring.unescape(rest[:at_sign])
                start = at_sign + 1
            if non_host == -1:
                self.host = rest[start:]
                rest = ""
            else:
                self.host = rest[start:non_host]
                rest = rest[non_host:]
            self._parseHost()
            if not isinstance(self.hostname, str):
                self.hostname = ""
            hostname = self.hostname
            ipv6 = hostname.startswith("[") and hostname.endswith("]")
            if not ipv6:
                m = _valid_host_char.match(hostname)
                if m.end() != len(hostname):
                    i = m.end()
                    self.hostname = hostname[:i]
                    rest = "/" + hostname[i:] + rest
            if len(self.hostname) > 255:
                self.hostname = ""
            else:
                self.hostname = self.hostname.lower()
            if not ipv6:
                self.hostname = _to_ascii(self.hostname)
            p = ":" + self.port if self.port else ""
            self.host = (self.hostname or "") + p
            if ipv6:
                self.hostname = self.hostname[1:-1]
                if not rest.startswith("/"):
                    rest = "/" + rest

        if lower_proto not in _HOSTLESS:
            rest = _auto_escape_re.sub(lambda m: _AUTO_ESCAPE[m.group(0)], rest)

        hash_idx = rest.find("#")
        if hash_idx != -1:
            self.hash = rest[hash_idx:]
        q_idx = rest.find("?", 0, hash_idx if hash_idx != -1 else len(rest))
        if q_idx != -1:
            end = hash_idx if hash_idx != -1 else len(rest)
            self.search = rest[q_idx:end]
            self.query = rest[q_idx + 1:end]
            if parseQueryString:
                self.query = querystring.parse(self.query)
        elif parseQueryString:
            self.search = None
            self.query = {}
        first = q_idx if q_idx != -1 else hash_idx
        if first == -1:
            if rest:
                self.pathname = rest
        elif first > 0:
            self.pathname = rest[:first]
        if lower_proto in _SLASHED and self.hostname and not self.pathname:
            self.pathname = "/"
        if self.pathname or self.search:
            self.path = (self.pathname or "") + (self.search or "")
        self.href = self.format()
        return self

    def _parseHost(self) -> None:
        host = self.host
        m = _port_pattern.search(host)
        if m:
            port = m.group(0)
            if port != ":":
                self.port = port[1:]
            host = host[: -len(port)]
        if host:
            self.hostname = host

    def format(self) -> str:
        """Serialize back to a string (Node's ``Url.prototype.format``)."""
        auth = self.auth or ""
        if auth:
            auth = _quote(auth, safe="!'()*-._~:") + "@"
        protocol = self.protocol or ""
        pathname = self.pathname or ""
        hash_ = self.hash or ""
        host = ""
        query = ""
        if self.host:
            host = auth + self.host
        elif self.hostname:
            host = auth + (self.hostname if ":" not in self.hostname else f"[{self.hostname}]")
            if self.port:
                host += ":" + str(self.port)
        if isinstance(self.query, dict):
            query = querystring.stringify(self.query)
        search = self.search or (query and "?" + query) or ""
        if protocol and not protocol.endswith(":"):
            protocol += ":"
        pathname = pathname.replace("#", "%23").replace("?", "%3F")
        if self.slashes or protocol in _SLASHED:
            if self.slashes or host:
                if pathname and not pathname.startswith("/"):
                    pathname = "/" + pathname
                host = "//" + host
            elif protocol.startswith("file"):
                host = "//"
        search = search.replace("#", "%23")
        if hash_ and not hash_.startswith("#"):
            hash_ = "#" + hash_
        if search and not search.startswith("?"):
            search = "?" + search
        return protocol + host + pathname + search + hash_


def parse(url: Any, parseQueryString: bool = False, slashesDenoteHost: bool = False) -> Url:
    """Node's legacy ``url.parse(urlString[, parseQueryString[, slashesDenoteHost]])``."""
    if isinstance(url, Url):
        return url
    return Url().parse(url, parseQueryString, slashesDenoteHost)


def format(urlObject: Any, options: Any = None) -> str:  # noqa: A001 - Node's name
    """Node's ``url.format``: a ``Url``, a ``URL``, a dict of Url fields, or a string."""
    if isinstance(urlObject, str):
        return parse(urlObject).format()
    if isinstance(urlObject, URL):
        return urlObject._format(options)
    if isinstance(urlObject, Url):
        return urlObject.format()
    if isinstance(urlObject, dict):
        u = Url()
        for k, v in urlObject.items():
            if k in Url.__slots__:
                setattr(u, k, v)
        return u.format()
    raise codes.ERR_INVALID_ARG_TYPE("urlObject", ["Object", "string"], urlObject)


def resolve(source: str, relative: str) -> str:
    """Node's ``url.resolve(from, to)`` for the common cases (WHATWG resolution)."""
    try:
        return URL(relative, source).href
    except NodeError:
        return relative


# -- WHATWG URL --------------------------------------------------------------------

_SPECIAL = {"http:": 80, "https:": 443, "ws:": 80, "wss:": 443, "ftp:": 21, "file:": None}
_scheme_re = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Percent-encode sets (WHATWG): characters left alone besides alphanumerics.
_C0 = "".join(chr(c) for c in range(0x21, 0x7F))
_FRAGMENT_SAFE = "".join(c for c in _C0 if c not in ' "<>`')
_QUERY_SAFE = "".join(c for c in _C0 if c not in ' "#<>')
_SPECIAL_QUERY_SAFE = _QUERY_SAFE.replace("'", "")
_PATH_SAFE = "".join(c for c in _QUERY_SAFE if c not in "?`{}")
_USERINFO_SAFE = "".join(c for c in _PATH_SAFE if c not in "/:;=@[\\]^|")
_FORBIDDEN_HOST = set("\0\t\n\r #%/:<>?@[\\]^|")


def _pct(s: str, safe: str) -> str:
    return _quote(s, safe=safe, errors="surrogatepass") if s else s


def _invalid(input_: Any) -> NodeTypeError:
    return codes.ERR_INVALID_URL(input_)


def domainToASCII(domain: str) -> str:
    """Node's ``url.domainToASCII``: lower-cased, IDNA-encoded ('' if invalid)."""
    try:
        return _host_to_ascii(domain, True)
    except NodeError:
        return ""


def _host_to_ascii(host: str, special: bool) -> str:
    if host.startswith("["):
        if not host.endswith("]"):
            raise _invalid(host)
        import ipaddress

        try:
            return "[" + ipaddress.IPv6Address(host[1:-1]).compressed + "]"
        except ValueError:
            raise _invalid(host) from None
    if not special:
        return _pct(host, _C0)
    from urllib.parse import unquote

    host = unquote(host).lower()
    if not host.isascii():
        try:
            host = ".".join(lbl.encode("idna").decode("ascii") if lbl else lbl
                            for lbl in host.split("."))
        except UnicodeError:
            raise _invalid(host) from None
    if any(c in _FORBIDDEN_HOST for c in host) or not host:
        raise _invalid(host)
    return _ipv4(host)


def _ipv4(host: str) -> str:
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts = parts[:-1]
    if not parts or len(parts) > 4:
        return host
    nums = []
    for p in parts:
        try:
            if p.lower().startswith("0x"):
                nums.append(int(p[2:] or "0", 16))
            elif len(p) > 1 and p.startswith("0"):
                nums.append(int(p, 8))
            else:
                nums.append(int(p, 10))
        except ValueError:
            return host
    if any(n > 255 for n in nums[:-1]) or nums[-1] >= 256 ** (5 - len(nums)):
        raise _invalid(host)
    value = 0
    for n in nums[:-1]:
        value = value * 256 + n
    value = value * 256 ** (5 - len(nums)) + nums[-1]
    return ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))


def _remove_dots(segments: list[str]) -> list[str]:
    out: list[str] = []
    for seg in segments:
        low = seg.lower()
        if low in ("..", ".%2e", "%2e.", "%2e%2e"):
            if out:
                out.pop()
        elif low in (".", "%2e"):
            continue
        else:
            out.append(seg)
    last = segments[-1].lower() if segments else ""
    if last in (".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"):
        out.append("")
    return out


class URL:
    """Node's WHATWG ``URL`` (``new URL(input[, base])``): ``URL('http://a/b?c#d')``.

    Attributes ``href``, ``origin``, ``protocol``, ``username``, ``password``,
    ``host``, ``hostname``, ``port`` (a string, '' for the default),
    ``pathname``, ``search``, ``searchParams``, ``hash``; setting one
    re-serializes ``href``.  Invalid input raises ``ERR_INVALID_URL``.
    """

    __slots__ = ("_protocol", "_username", "_password", "_hostname", "_port", "_pathname",
                 "_search", "_hash", "_opaque", "_searchParams")

    def __init__(self, input: Any, base: Any = None) -> None:  # noqa: A002 - Node's name
        s = str(input) if not isinstance(input, str) else input
        s = s.strip("\0\t\n\r \x0b\x0c\x1f").replace("\t", "").replace("\n", "").replace("\r", "")
        self._searchParams = None
        m = _scheme_re.match(s)
        if m is None:
            if base is None:
                raise _invalid(input)
            b = base if isinstance(base, URL) else URL(base)
            self._resolve(s, b)
        else:
            scheme = m.group(1).lower() + ":"
            if base is not None and scheme in _SPECIAL and scheme != "file:":
                b = base if isinstance(base, URL) else URL(base)
                if b._protocol == scheme and not s[m.end():].startswith(("/", "\\")):
                    self._resolve(s[m.end():], b)
                    return
            self._parse_absolute(scheme, s[m.end():], input)

    # -- parsing ---------------------------------------------------------------

    def _parse_absolute(self, scheme: str, rest: str, original: Any) -> None:
        self._protocol = scheme
        self._username = self._password = self._hostname = self._port = ""
        self._search = self._hash = ""
        self._opaque = False
        special = scheme in _SPECIAL
        rest, self._hash = self._split_fragment(rest)
        rest, self._search = self._split_query(rest, special)
        if special:
            rest = rest.replace("\\", "/")
        if special and scheme != "file:":
            rest = rest.lstrip("/")
            self._authority_and_path(rest, original, special=True)
        elif rest.startswith("//"):
            self._authority_and_path(rest[2:], original, special)
        elif special:  # file: without //
            self._set_path(rest)
        else:
            self._opaque = not rest.startswith("/")
            self._pathname = _pct(rest, _C0 + " ") if self._opaque else ""
            if not self._opaque:
                self._set_path(rest)

    def _authority_and_path(self, rest: str, original: Any, special: bool) -> None:
        i = len(rest)
        for j, c in enumerate(rest):
            if c in "/":
                i = j
                break
        authority, path = rest[:i], rest[i:]
        if "@" in authority:
            userinfo, _, authority = authority.rpartition("@")
            user, _, pw = userinfo.partition(":")
            self._username = _pct(user, _USERINFO_SAFE)
            self._password = _pct(pw, _USERINFO_SAFE)
        host, port = authority, ""
        if host.startswith("["):
            close = host.find("]")
            if close != -1 and host[close + 1:close + 2] == ":":
                host, port = host[:close + 1], host[close + 2:]
        elif ":" in host:
            host, _, port = host.partition(":")
        if port:
            if not port.isdigit() or int(port) > 65535:
                raise _invalid(original)
            port = str(int(port))
            if _SPECIAL.get(self._protocol) == int(port):
                port = ""
        if not host:
            if special and self._protocol != "file:":
                raise _invalid(original)
        else:
            try:
                host = _host_to_ascii(host, special)
            except NodeError:
                raise _invalid(original) from None
            if self._protocol == "file:" and host == "localhost":
                host = ""
        self._hostname = host
        self._port = port
        self._set_path(path if path else ("/" if special else ""))

    def _set_path(self, path: str) -> None:
        if not path:
            self._pathname = "/" if self._protocol in _SPECIAL else ""
            return
        if self._protocol in _SPECIAL:
            path = path.replace("\\", "/")
        if not path.startswith("/"):
            path = "/" + path
        segs = _remove_dots(path[1:].split("/"))
        self._pathname = "/" + "/".join(_pct(s, _PATH_SAFE) for s in segs)

    @staticmethod
    def _split_fragment(rest: str) -> tuple[str, str]:
        i = rest.find("#")
        if i == -1:
            return rest, ""
        frag = rest[i + 1:]
        return rest[:i], ("#" + _pct(frag, _FRAGMENT_SAFE)) if frag else ""

    @staticmethod
    def _split_query(rest: str, special: bool) -> tuple[str, str]:
        i = rest.find("?")
        if i == -1:
            return rest, ""
        q = rest[i + 1:]
        safe = _SPECIAL_QUERY_SAFE if special else _QUERY_SAFE
        return rest[:i], ("?" + _pct(q, safe)) if q else ""

    def _resolve(self, rel: str, base: URL) -> None:
        if base._opaque and not rel.startswith("#"):
            raise _invalid(rel)
        special = base._protocol in _SPECIAL
        if special:
            cut = min((i for i in (rel.find("?"), rel.find("#")) if i != -1), default=len(rel))
            rel = rel[:cut].replace("\\", "/") + rel[cut:]
        if rel.startswith("//"):
            self._parse_absolute(base._protocol, rel, rel)
            return
        self._protocol = base._protocol
        self._username, self._password = base._username, base._password
        self._hostname, self._port = base._hostname, base._port
        self._opaque = base._opaque
        rest, self._hash = self._split_fragment(rel)
        if rel.startswith("#"):
            self._pathname, self._search = base._pathname, base._search
            return
        rest, search = self._split_query(rest, special)
        if not rest:
            self._pathname = base._pathname
            self._search = search if "?" in rel else base._search
            return
        self._search = search
        if rest.startswith("/"):
            self._set_path(rest)
        else:
            dirname = base._pathname.rsplit("/", 1)[0]
            self._set_path(dirname + "/" + rest)

    # -- serialization -------------------------------------------------------------

    def _format(self, options: Any = None) -> str:
        opts = options or {}
        out = self._protocol
        if self._hostname or self._protocol == "file:" or (
                not self._opaque and self._protocol in _SPECIAL):
            out += "//"
            if opts.get("auth", True) and (self._username or self._password):
                out += self._username
                if self._password:
                    out += ":" + self._password
                out += "@"
            out += self._hostname
            if self._port:
                out += ":" + self._port
        elif self._hostname == "" and not self._opaque and self._pathname.startswith("//"):
            out += "/."
        out += self._pathname
        if opts.get("search", True):
            out += self._search
        if opts.get("fragment", True):
            out += self._hash
        return out

    @property
    def href(self) -> str:
        """The whole serialized URL."""
        return self._format()

    @href.setter
    def href(self, value: str) -> None:
        other = URL(value)
        for k in URL.__slots__:
            if k != "_searchParams":
                setattr(self, k, getattr(other, k))
        if self._searchParams is not None:
            self._searchParams._list = _parse_params(self._search)

    @property
    def origin(self) -> str:
        """``protocol//host`` for special schemes, ``'null'`` otherwise."""
        if self._protocol in _SPECIAL and self._protocol != "file:":
            return f"{self._protocol}//{self.host}"
        return "null"

    @property
    def protocol(self) -> str:
        """The scheme with its trailing ``:``."""
        return self._protocol

    @protocol.setter
    def protocol(self, value: str) -> None:
        v = str(value).split(":", 1)[0].lower() + ":"
        if _scheme_re.match(v) and ((v in _SPECIAL) == (self._protocol in _SPECIAL)):
            self._protocol = v
            if self._port and _SPECIAL.get(v) == int(self._port):
                self._port = ""

    @property
    def username(self) -> str:
        """The percent-encoded user name."""
        return self._username

    @username.setter
    def username(self, value: str) -> None:
        self._username = _pct(str(value), _USERINFO_SAFE)

    @property
    def password(self) -> str:
        """The percent-encoded password."""
        return self._password

    @password.setter
    def password(self, value: str) -> None:
        self._password = _pct(str(value), _USERINFO_SAFE)

    @property
    def host(self) -> str:
        """``hostname[:port]``."""
        return self._hostname + (":" + self._port if self._port else "")

    @host.setter
    def host(self, value: str) -> None:
        value = str(value)
        if not self._opaque and value:
            h, port = value, None
            if not value.startswith("[") and ":" in value:
                h, _, port = value.partition(":")
            self._hostname = _host_to_ascii(h, self._protocol in _SPECIAL)
            if port is not None:
                self.port = port

    @property
    def hostname(self) -> str:
        """The host without the port (IPv6 keeps its brackets, as in Node)."""
        return self._hostname

    @hostname.setter
    def hostname(self, value: str) -> None:
        if not self._opaque and value:
            self._hostname = _host_to_ascii(str(value), self._protocol in _SPECIAL)

    @property
    def port(self) -> str:
        """The port as a string; ``''`` when it is the scheme's default."""
        return self._port

    @port.setter
    def port(self, value: Any) -> None:
        digits = re.match(r"\d*", str(value)).group(0)  # type: ignore[union-attr]
        if str(value) == "":
            self._port = ""
        elif digits and int(digits) <= 65535:
            n = int(digits)
            self._port = "" if _SPECIAL.get(self._protocol) == n else str(n)

    @property
    def pathname(self) -> str:
        """The path, percent-encoded, dot segments removed."""
        return self._pathname

    @pathname.setter
    def pathname(self, value: str) -> None:
        if not self._opaque:
            self._set_path(str(value))

    @property
    def search(self) -> str:
        """``'?query'`` or ``''``."""
        return self._search

    @search.setter
    def search(self, value: str) -> None:
        v = str(value)
        if v.startswith("?"):
            v = v[1:]
        special = self._protocol in _SPECIAL
        self._search = ("?" + _pct(v, _SPECIAL_QUERY_SAFE if special else _QUERY_SAFE)) if v else ""
        if self._searchParams is not None:
            self._searchParams._list = _parse_params(self._search)

    @property
    def searchParams(self) -> URLSearchParams:
        """A :class:`URLSearchParams` bound to this URL's query."""
        if self._searchParams is None:
            self._searchParams = URLSearchParams(self._search)
            self._searchParams._url = self
        return self._searchParams

    @property
    def hash(self) -> str:
        """``'#fragment'`` or ``''``."""
        return self._hash

    @hash.setter
    def hash(self, value: str) -> None:
        v = str(value)
        if v.startswith("#"):
            v = v[1:]
        self._hash = ("#" + _pct(v, _FRAGMENT_SAFE)) if v else ""

    def toString(self) -> str:
        """Same as :attr:`href`."""
        return self.href

    toJSON = toString

    def __str__(self) -> str:
        return self.href

    def __repr__(self) -> str:
        return f"URL({self.href!r})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, URL) and other.href == self.href

    def __hash__(self) -> int:
        return hash(self.href)


def _parse_params(search: str) -> list[list[str]]:
    from urllib.parse import unquote_to_bytes

    q = search[1:] if search.startswith("?") else search
    out = []
    for piece in q.split("&"):
        if not piece:
            continue
        k, _, v = piece.partition("=")
        k = unquote_to_bytes(k.replace("+", " ")).decode("utf-8", "replace")
        v = unquote_to_bytes(v.replace("+", " ")).decode("utf-8", "replace")
        out.append([k, v])
    return out


def _form_encode(s: str) -> str:
    return _quote(s, safe="*-._ ", errors="surrogatepass").replace(" ", "+")


class URLSearchParams:
    """Node's ``URLSearchParams`` (lite): ``get``, ``getAll``, ``has``, ``set``,
    ``append``, ``delete``, ``sort``, ``keys``/``values``/``entries``, iteration
    and ``toString`` (``application/x-www-form-urlencoded``).  Changes write
    through to the owning :class:`URL`'s ``search``."""

    __slots__ = ("_list", "_url")

    def __init__(self, init: Any = None) -> None:
        self._url: URL | None = None
        if init is None:
            self._list: list[list[str]] = []
        elif isinstance(init, str):
            self._list = _parse_params(init)
        elif isinstance(init, URLSearchParams):
            self._list = [list(p) for p in init._list]
        elif isinstance(init, dict):
            self._list = [[str(k), str(v)] for k, v in init.items()]
        else:
            self._list = [[str(k), str(v)] for k, v in init]

    def _update(self) -> None:
        if self._url is not None:
            s = self.toString()
            self._url._search = "?" + s if s else ""

    def append(self, name: str, value: Any) -> None:
        """Add a pair at the end."""
        self._list.append([str(name), str(value)])
        self._update()

    def delete(self, name: str) -> None:
        """Remove every pair named ``name``."""
        self._list = [p for p in self._list if p[0] != name]
        self._update()

    def get(self, name: str) -> str | None:
        """The first value for ``name`` or ``None`` (Node: ``null``)."""
        for k, v in self._list:
            if k == name:
                return v
        return None

    def getAll(self, name: str) -> list[str]:
        """Every value for ``name``."""
        return [v for k, v in self._list if k == name]

    def has(self, name: str) -> bool:
        """Whether a pair named ``name`` exists."""
        return any(k == name for k, _ in self._list)

    def set(self, name: str, value: Any) -> None:
        """Replace the first pair named ``name`` (dropping the others) or append."""
        name, value = str(name), str(value)
        out, found = [], False
        for p in self._list:
            if p[0] == name:
                if not found:
                    out.append([name, value])
                    found = True
            else:
                out.append(p)
        if not found:
            out.append([name, value])
        self._list = out
        self._update()

    def sort(self) -> None:
        """Stable sort by name."""
        self._list.sort(key=lambda p: p[0].encode("utf-16-be", "surrogatepass"))
        self._update()

    def keys(self) -> Iterator[str]:
        """Names in order."""
        return iter([k for k, _ in self._list])

    def values(self) -> Iterator[str]:
        """Values in order."""
        return iter([v for _, v in self._list])

    def entries(self) -> Iterator[list[str]]:
        """``[name, value]`` pairs in order."""
        return iter([list(p) for p in self._list])

    __iter__ = entries

    def forEach(self, fn: Any) -> None:
        """Call ``fn(value, name, self)`` for each pair."""
        from .events import invoke

        for k, v in list(self._list):
            invoke(fn, v, k, self)

    def toString(self) -> str:
        """The form-urlencoded serialization (spaces as ``+``)."""
        return "&".join(_form_encode(k) + "=" + _form_encode(v) for k, v in self._list)

    __str__ = toString

    def __repr__(self) -> str:
        return f"URLSearchParams({self.toString()!r})"


def urlToOptions(url: URL) -> dict[str, Any]:
    """Node's ``urlToOptions``: the request options a :class:`URL` stands for."""
    hostname = url.hostname
    if hostname.startswith("["):
        hostname = hostname[1:-1]
    options: dict[str, Any] = {
        "protocol": url.protocol,
        "hostname": hostname,
        "hash": url.hash,
        "search": url.search,
        "pathname": url.pathname,
        "path": f"{url.pathname or ''}{url.search or ''}",
        "href": url.href,
    }
    if url.port != "":
        options["port"] = int(url.port)
    if url.username or url.password:
        options["auth"] = f"{url.username}:{url.password}"
    return options
