"""nodehttp.util: format/inspect as Node 10 prints, promisify on our loop
(conformance/node/util_inspect_format checks the layout against Node)."""

from __future__ import annotations

import asyncio
import math

import pytest

import nodehttp
from nodehttp import util
from nodehttp.errors import NodeTypeError


def test_required():
    assert nodehttp.require("util") is util


def test_inspect_values_as_node_prints_them():
    assert util.inspect({"a": 1, "b": "x"}) == "{ a: 1, b: 'x' }"
    assert util.inspect([1, 2, 3]) == "[ 1, 2, 3 ]"
    assert util.inspect(b"ab") == "<Buffer 61 62>"
    assert util.inspect([None, True, -0.0, 1e-7, math.nan]) == "[ null, true, -0, 1e-7, NaN ]"
    assert util.inspect({"a-b": 1, 2: 0}) == "{ '2': 0, 'a-b': 1 }"
    assert util.inspect("it's") == "'it\\'s'"
    assert util.inspect({"a": {"b": {"c": {}}}}) == "{ a: { b: { c: {} } } }"
    assert util.inspect({"a": {"b": {"c": {"d": 1}}}}) == "{ a: { b: { c: [Object] } } }"


def test_inspect_breaks_past_sixty_columns():
    obj = {"aaaaaaaaaa": 1111111111, "bbbbbbbbbb": 2222222222, "cccccccccc": 3333333333}
    assert util.inspect(obj) == ("{ aaaaaaaaaa: 1111111111,\n  bbbbbbbbbb: 2222222222,\n"
                                 "  cccccccccc: 3333333333 }")
    assert util.inspect({"x": obj}).startswith("{ x:\n   { aaaaaaaaaa: 1111111111,\n     bbb")


def test_inspect_long_arrays_and_buffers():
    assert util.inspect([0] * 101).endswith("  0,\n  ... 1 more item ]")
    assert util.inspect(bytes(51)).endswith(" 00 ... >")


def test_format_directives():
    assert util.format("%s:%d:%i:%f:%j:%%", "a", 1.5, 1.5, "2.5", {"a": 1}) == \
        'a:1.5:1:2.5:{"a":1}:%'
    assert util.format("%s", {"a": 1}) == "[object Object]"
    assert util.format("%d", "0x10") == "16"
    assert util.format("%s %s", "only") == "only %s"
    assert util.format("a", {"b": "c"}, "d") == "a { b: 'c' } d"
    assert util.format(1, "a") == "1 'a'"
    assert util.format("%O", {"c": 2}) == "{ c: 2 }"


def test_format_number_is_javascripts():
    for value, text in [(1.0, "1"), (1e21, "1e+21"), (0.00001, "0.00001"), (1e-7, "1e-7"),
                        (123456789012345680000.0, "123456789012345680000"), (2.5, "2.5")]:
        assert util.format_number(value) == text


def test_promisify_resolves_and_rejects_on_our_loop():
    def ok(a, b, cb):
        nodehttp.process.nextTick(cb, None, a + b)

    def fail(cb):
        cb(ValueError("nope"))

    got = []

    async def main():
        got.append(await util.promisify(ok)(1, 2))
        with pytest.raises(ValueError, match="nope"):
            await util.promisify(fail)()

    nodehttp.run(lambda: nodehttp.loop.spawn(main()))
    assert got == [3]


def test_promisify_custom_and_type_check():
    def fn(cb):
        cb(None, 1)

    async def custom():
        return "custom"

    setattr(fn, util.promisify.custom, custom)
    assert util.promisify(fn) is custom
    with pytest.raises(NodeTypeError, match='"original" argument must be of type Function'):
        util.promisify(5)


def test_promisify_sync_throw_rejects():
    def boom(cb):
        raise RuntimeError("sync")

    async def main():
        fut = util.promisify(boom)()
        assert isinstance(fut, asyncio.Future)
        with pytest.raises(RuntimeError):
            await fut

    nodehttp.run(lambda: nodehttp.loop.spawn(main()))


def test_deprecate_warns_once(capsys):
    f = util.deprecate(lambda x: x * 2, "old api", "DEP0999")
    assert f(2) == 4 and f(3) == 6
    err = capsys.readouterr().err
    assert err.count("[DEP0999] DeprecationWarning: old api") == 1
