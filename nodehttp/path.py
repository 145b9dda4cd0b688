"""Node's ``path`` module, POSIX flavour (Node 10's ``lib/path.js`` ``posix`` object).

``from nodehttp import path`` (or ``require('path')``) gives the functions
``join``, ``resolve``, ``normalize``, ``dirname``, ``basename``, ``extname``,
``relative``, ``isAbsolute``, ``parse``, ``format``, ``toNamespacedPath`` and
the strings ``sep`` (``'/'``) and ``delimiter`` (``':'``).  ``path.posix`` is
this very module, as in Node on a POSIX system (``path.posix is path``).

Invariants (Node's):

* every function works on the string alone (no file system access); only
  ``resolve`` and ``relative`` read the working directory, through
  ``process.cwd()`` (``os.getcwd()``), once per call;
* results are exactly Node 10's, edge cases included: ``''`` means ``'.'``
  where Node says so, ``'..'`` above the root is dropped for absolute paths
  and kept for relative ones, repeated and trailing slashes as Node treats
  them, dot files (``'.bashrc'``) have no extension, ``'a.b.c'`` has ``'.c'``;
* a non-string argument raises ``ERR_INVALID_ARG_TYPE`` (a ``TypeError``)
  naming the argument as Node does (``"path"``, ``"ext"``, ``"from"``,
  ``"to"``, ``"pathObject"``).

Not ported: ``path.win32`` (Windows drive letters, UNC roots and
backslash separators) — nodehttp runs on POSIX systems, so ``path`` is the
POSIX flavour and ``path.win32`` raises ``AttributeError``.  Strings are
Python ``str`` (code points), where JavaScript counts UTF-16 units; only
``'/'`` and ``'.'`` are ever inspected, so results are the same.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from .errors import invalid_arg_type

__all__ = [
    "resolve", "normalize", "isAbsolute", "join", "relative", "toNamespacedPath",
    "dirname", "basename", "extname", "format", "parse", "sep", "delimiter", "posix",
]

sep = "/"
delimiter = ":"

#: ``path.posix``: this module itself, as Node's ``path.posix === path`` on POSIX.
posix = sys.modules[__name__]


def _validate_string(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise invalid_arg_type(name, "string", value)


def _normalize_string(path: str, allow_above_root: bool) -> str:
    """Resolve ``.`` and ``..`` segments and squash slashes (Node's ``normalizeString``).

    The result has no leading or trailing slash; ``..`` that would climb
    above the start is kept only when ``allow_above_root``.
    """
    res = ""
    last_segment_length = 0
    last_slash = -1
    dots = 0
    n = len(path)
    for i in range(n + 1):
        if i < n:
            ch = path[i]
        elif n and path[n - 1] == "/":
            break
        else:
            ch = "/"
        if ch == "/":
            if last_slash == i - 1 or dots == 1:
                pass
            elif dots == 2:
                if len(res) < 2 or last_segment_length != 2 or res[-2:] != "..":
                    if len(res) > 2:
                        idx = res.rfind("/")
                        if idx == -1:
                            res = ""
                            last_segment_length = 0
                        else:
                            res = res[:idx]
                            last_segment_length = len(res) - 1 - res.rfind("/")
                        last_slash = i
                        dots = 0
                        continue
                    elif len(res) != 0:
                        res = ""
                        last_segment_length = 0
                        last_slash = i
                        dots = 0
                        continue
                if allow_above_root:
                    res = res + "/.." if res else ".."
                    last_segment_length = 2
            else:
                segment = path[last_slash + 1:i]
                res = res + "/" + segment if res else segment
                last_segment_length = i - last_slash - 1
            last_slash = i
            dots = 0
        elif ch == "." and dots != -1:
            dots += 1
        else:
            dots = -1
    return res


def resolve(*paths: str) -> str:
    """``path.resolve([...paths])``: right to left until an absolute path is
    formed, then ``process.cwd()``; normalized, without a trailing slash."""
    resolved = ""
    absolute = False
    for p in reversed(paths):
        _validate_string(p, "path")
        if not p:
            continue
        resolved = p + "/" + resolved
        absolute = p[0] == "/"
        if absolute:
            break
    if not absolute:
        cwd = os.getcwd()
        if cwd:
            resolved = cwd + "/" + resolved
            absolute = cwd[0] == "/"
    resolved = _normalize_string(resolved, not absolute)
    if absolute:
        return "/" + resolved
    return resolved or "."


def normalize(path: str) -> str:
    """``path.normalize(path)``: resolve ``.``/``..``, squash slashes, keep a trailing one."""
    _validate_string(path, "path")
    if not path:
        return "."
    absolute = path[0] == "/"
    trailing = path[-1] == "/"
    path = _normalize_string(path, not absolute)
    if not path and not absolute:
        path = "."
    if path and trailing:
        path += "/"
    return "/" + path if absolute else path


def isAbsolute(path: str) -> bool:
    """``path.isAbsolute(path)``: starts with ``/``."""
    _validate_string(path, "path")
    return path[:1] == "/"


def join(*paths: str) -> str:
    """``path.join([...paths])``: the non-empty segments joined with ``/``, normalized."""
    joined = None
    for p in paths:
        _validate_string(p, "path")
        if p:
            joined = p if joined is None else joined + "/" + p
    if joined is None:
        return "."
    return normalize(joined)


def relative(from_: str, to: str) -> str:
    """``path.relative(from, to)``: the path from ``from`` to ``to`` (both resolved first)."""
    _validate_string(from_, "from")
    _validate_string(to, "to")
    if from_ == to:
        return ""
    from_ = resolve(from_)
    to = resolve(to)
    if from_ == to:
        return ""
    from_start = 1
    from_end = len(from_)
    from_len = from_end - from_start
    to_start = 1
    to_len = len(to) - to_start
    length = min(from_len, to_len)
    last_common_sep = -1
    i = 0
    while i <= length:
        if i == length:
            if to_len > length:
                if to[to_start + i] == "/":
                    # ``from`` is the exact base path of ``to``: '/foo/bar' -> '/foo/bar/baz'
                    return to[to_start + i + 1:]
                if i == 0:
                    # ``from`` is the root: '/' -> '/foo'
                    return to[to_start + i:]
            elif from_len > length:
                if from_[from_start + i] == "/":
                    # ``to`` is the exact base path of ``from``
                    last_common_sep = i
                elif i == 0:
                    # ``to`` is the root
                    last_common_sep = 0
            break
        c = from_[from_start + i]
        if c != to[to_start + i]:
            break
        if c == "/":
            last_common_sep = i
        i += 1
    ups = []
    for j in range(from_start + last_common_sep + 1, from_end + 1):
        if j == from_end or from_[j] == "/":
            ups.append("..")
    if ups:
        return "/".join(ups) + to[to_start + last_common_sep:]
    to_start += last_common_sep
    if to[to_start:to_start + 1] == "/":
        to_start += 1
    return to[to_start:]


def toNamespacedPath(path: Any) -> Any:
    """``path.toNamespacedPath(path)``: meaningful on Windows only; returns ``path`` unchanged."""
    return path


def _makeLong(path: Any) -> Any:  # Node's deprecated alias of toNamespacedPath
    return path


def dirname(path: str) -> str:
    """``path.dirname(path)``: everything before the last non-trailing ``/``."""
    _validate_string(path, "path")
    if not path:
        return "."
    has_root = path[0] == "/"
    end = -1
    matched_slash = True
    for i in range(len(path) - 1, 0, -1):
        if path[i] == "/":
            if not matched_slash:
                end = i
                break
        else:
            matched_slash = False
    if end == -1:
        return "/" if has_root else "."
    if has_root and end == 1:
        return "//"
    return path[:end]


def basename(path: str, ext: str | None = None) -> str:
    """``path.basename(path[, ext])``: the last segment (trailing slashes ignored),
    minus ``ext`` when it ends with it and is not all of it."""
    if ext is not None:
        _validate_string(ext, "ext")
    _validate_string(path, "path")
    start = 0
    end = -1
    matched_slash = True
    if ext and len(ext) <= len(path):
        if ext == path:
            return ""
        ext_idx = len(ext) - 1
        first_non_slash_end = -1
        for i in range(len(path) - 1, -1, -1):
            c = path[i]
            if c == "/":
                if not matched_slash:
                    start = i + 1
                    break
            else:
                if first_non_slash_end == -1:
                    matched_slash = False
                    first_non_slash_end = i + 1
                if ext_idx >= 0:
                    if c == ext[ext_idx]:
                        ext_idx -= 1
                        if ext_idx == -1:
                            end = i
                    else:
                        ext_idx = -1
                        end = first_non_slash_end
        if start == end:
            end = first_non_slash_end
        elif end == -1:
            end = len(path)
        return path[start:end]
    for i in range(len(path) - 1, -1, -1):
        if path[i] == "/":
            if not matched_slash:
                start = i + 1
                break
        elif end == -1:
            matched_slash = False
            end = i + 1
    if end == -1:
        return ""
    return path[start:end]


def _split_ext(path: str, start: int) -> tuple[int, int, int]:
    """Scan the last segment of ``path[start:]`` from the right, as Node's
    ``extname``/``parse`` do: ``(startPart, startDot, end)``, ``startDot``
    ``-1`` when the segment has no extension (no dot, a dot file, ``..``)."""
    start_dot = -1
    start_part = 0
    end = -1
    matched_slash = True
    pre_dot_state = 0
    for i in range(len(path) - 1, start - 1, -1):
        c = path[i]
        if c == "/":
            if not matched_slash:
                start_part = i + 1
                break
            continue
        if end == -1:
            matched_slash = False
            end = i + 1
        if c == ".":
            if start_dot == -1:
                start_dot = i
            elif pre_dot_state != 1:
                pre_dot_state = 1
        elif start_dot != -1:
            pre_dot_state = -1
    if (start_dot == -1 or end == -1 or pre_dot_state == 0
            or (pre_dot_state == 1 and start_dot == end - 1 and start_dot == start_part + 1)):
        start_dot = -1
    return start_part, start_dot, end


def extname(path: str) -> str:
    """``path.extname(path)``: from the last ``.`` of the last segment; ``''`` for
    none, for dot files (``.bashrc``) and for ``..``."""
    _validate_string(path, "path")
    _, start_dot, end = _split_ext(path, 0)
    return "" if start_dot == -1 else path[start_dot:end]


def parse(path: str) -> dict:
    """``path.parse(path)``: ``{'root', 'dir', 'base', 'ext', 'name'}`` (Node's key order)."""
    _validate_string(path, "path")
    ret = {"root": "", "dir": "", "base": "", "ext": "", "name": ""}
    if not path:
        return ret
    absolute = path[0] == "/"
    if absolute:
        ret["root"] = "/"
    start_part, start_dot, end = _split_ext(path, 1 if absolute else 0)
    first = 1 if start_part == 0 and absolute else start_part
    if start_dot == -1:
        if end != -1:
            ret["base"] = ret["name"] = path[first:end]
    else:
        ret["name"] = path[first:start_dot]
        ret["base"] = path[first:end]
        ret["ext"] = path[start_dot:end]
    if start_part > 0:
        ret["dir"] = path[:start_part - 1]
    elif absolute:
        ret["dir"] = "/"
    return ret


def format(pathObject: dict) -> str:  # noqa: A001 - Node's name
    """``path.format(pathObject)``: ``dir`` (or ``root``) + ``/`` + ``base`` (or
    ``name`` + ``ext``); the opposite of ``parse``.  Missing keys are undefined."""
    if not isinstance(pathObject, dict):
        raise invalid_arg_type("pathObject", "Object", pathObject)
    root = pathObject.get("root")
    dir_ = pathObject.get("dir") or root
    base = pathObject.get("base") or f"{pathObject.get('name') or ''}{pathObject.get('ext') or ''}"
    if not dir_:
        return base
    if dir_ == root:
        return f"{dir_}{base}"
    return f"{dir_}/{base}"
