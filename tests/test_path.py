"""nodehttp.path: Node 10's posix path functions (the full table is
conformance/node/path_table; these pin the cases a naive port gets wrong)."""

from __future__ import annotations

import os

import pytest

import nodehttp
from nodehttp import path
from nodehttp.errors import NodeTypeError


def test_module_is_its_own_posix_and_required():
    assert path.posix is path
    assert nodehttp.require("path") is path
    assert (path.sep, path.delimiter) == ("/", ":")
    assert not hasattr(path, "win32")


def test_join_is_not_os_path_join():
    # os.path.join('/srv', '/etc/passwd') == '/etc/passwd'; Node keeps both.
    assert path.join("/srv", "/etc/passwd") == "/srv/etc/passwd"
    assert path.join("/srv", "../..", "x") == "/x"
    assert path.join("a", "", "b/") == "a/b/"
    assert path.join() == "."
    assert path.join("", "") == "."


def test_normalize_edge_cases():
    assert path.normalize("") == "."
    assert path.normalize("//a//b//") == "/a/b/"
    assert path.normalize("/../..") == "/"
    assert path.normalize("a/../..") == ".."
    assert path.normalize("./") == "./"
    assert path.normalize("a/b/../../..") == ".."


def test_resolve_uses_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert path.resolve("x", "y/") == os.path.join(str(tmp_path), "x", "y")
    assert path.resolve() == str(tmp_path)
    assert path.resolve("/a", "b", "/c", "d") == "/c/d"


def test_dirname_basename_extname():
    assert path.dirname("//a") == "//"
    assert path.dirname("/a/b/") == "/a"
    assert path.dirname("a") == "."
    assert path.basename("/a/b.txt/", ".txt") == "b"
    assert path.basename("a.txt", "a.txt") == ""
    assert path.basename(".txt", ".txt") == ""
    assert path.extname(".bashrc") == ""
    assert path.extname("a.b.c") == ".c"
    assert path.extname("a.") == "."
    assert path.extname("..") == ""


def test_relative():
    assert path.relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb") == "../../impl/bbb"
    assert path.relative("/a/b", "/a/b/c") == "c"
    assert path.relative("/a/b/c", "/a") == "../.."
    assert path.relative("/", "/a") == "a"
    assert path.relative("/a", "/a") == ""


def test_parse_and_format():
    assert path.parse("/home/user/dir/file.txt") == {
        "root": "/", "dir": "/home/user/dir", "base": "file.txt", "ext": ".txt", "name": "file"}
    assert list(path.parse("x")) == ["root", "dir", "base", "ext", "name"]
    assert path.parse("/.bashrc")["name"] == ".bashrc"
    assert path.format({"root": "/", "name": "file", "ext": ".txt"}) == "/file.txt"
    assert path.format({"dir": "/x", "base": "y", "name": "ignored"}) == "/x/y"


@pytest.mark.parametrize("call, name", [
    (lambda: path.join("a", 1), "path"),
    (lambda: path.basename("a", 1), "ext"),
    (lambda: path.relative(1, "a"), "from"),
    (lambda: path.relative("a", None), "to"),
])
def test_argument_type_errors(call, name):
    with pytest.raises(NodeTypeError) as info:
        call()
    assert info.value.code == "ERR_INVALID_ARG_TYPE"
    assert f'The "{name}" argument must be of type string' in str(info.value)


def test_format_wants_a_dict():
    with pytest.raises(TypeError, match='"pathObject" argument must be of type Object. '
                                        "Received type string"):
        path.format("x")
