"""nodehttp.errors: Node's registry, the value renderer, system errors as OSError."""

from __future__ import annotations

import errno
import math
import socket

import pytest

from nodehttp import errors
from nodehttp.errors import codes, js_inspect, js_int32, js_string


@pytest.mark.parametrize(("value", "shown"), [
    (math.nan, "NaN"), (math.inf, "Infinity"), (-math.inf, "-Infinity"), ({}, "[object Object]"),
    (None, "undefined"), (True, "true"), (False, "false"), ([1, 2], "1,2"), ([1, None], "1,"),
    (1.5, "1.5"), (200.0, "200"), (1e21, "1e+21"), (1e-7, "1e-7"), (1e-6, "0.000001"),
    (-0.0, "0"), (b"2", "2"), ("x", "x"), (10 ** 22, "1e+22"),
])
def test_js_string_is_javascripts_String(value, shown):
    assert js_string(value) == shown


def test_js_inspect_is_node_10s_util_inspect_for_messages():
    assert js_inspect({"a": 1, "b c": "x"}) == "{ a: 1, 'b c': 'x' }"
    assert js_inspect([1, "a"]) == "[ 1, 'a' ]"
    assert js_inspect("it's") == "'it\\'s'"
    assert js_inspect(None) == "undefined"


@pytest.mark.parametrize(("value", "n"), [
    ("200.7", 200), (200.7, 200), ([201], 201), (" 202 ", 202), ("0xcc", 204), (math.nan, 0),
    (math.inf, 0), ("abc", 0), (None, 0), (True, 1), (2 ** 32 + 5, 5), (2 ** 31, -2 ** 31),
])
def test_js_int32_is_value_or_zero(value, n):
    assert js_int32(value) == n


def test_registry_builds_node_errors_with_one_message_per_code():
    err = codes.ERR_HTTP_HEADERS_SENT("set")
    assert (err.code, err.message) == ("ERR_HTTP_HEADERS_SENT",
                                       "Cannot set headers after they are sent to the client")
    assert isinstance(err, errors.NodeError) and not isinstance(err, TypeError)
    err = codes.ERR_HTTP_INVALID_STATUS_CODE(math.nan)
    assert isinstance(err, ValueError) and str(err) == "Invalid status code: NaN"
    err = codes.ERR_INVALID_ARG_TYPE("name", "string", None)
    assert isinstance(err, TypeError)
    assert err.message == 'The "name" argument must be of type string. Received type undefined'
    assert codes.ERR_INVALID_ARG_TYPE("options.port", ["number", "string"], True).message == (
        'The "options.port" property must be one of type number or string. Received type boolean')
    assert codes.ERR_OUT_OF_RANGE("n", "a non-negative number", -1).message == (
        'The value of "n" is out of range. It must be a non-negative number. Received -1')
    with pytest.raises(AttributeError):
        codes.ERR_NOT_A_NODE_CODE  # noqa: B018


def test_registering_a_code():
    errors.E("ERR_VALUES_TEST", "The %s is %s", errors.RangeError)
    err = codes.ERR_VALUES_TEST("answer", 42.0)
    assert isinstance(err, errors.RangeError) and err.message == "The answer is 42"


def test_system_errors_are_oserrors_with_node_fields():
    err = errors.from_oserror(ConnectionRefusedError(errno.ECONNREFUSED, "refused"),
                              "connect", "127.0.0.1", 80)
    assert isinstance(err, OSError) and isinstance(err, ConnectionRefusedError)
    assert isinstance(err, errors.NodeError)
    assert (err.code, err.errno, err.syscall, err.address, err.port) == (
        "ECONNREFUSED", errno.ECONNREFUSED, "connect", "127.0.0.1", 80)
    assert str(err) == "connect ECONNREFUSED 127.0.0.1:80"
    with pytest.raises(OSError):
        raise err
    err = errors.from_oserror(OSError(errno.EADDRINUSE, "in use"), "listen", "::1", 80, uv=True)
    assert str(err) == "listen EADDRINUSE: address already in use ::1:80"
    assert err.errno == errno.EADDRINUSE and isinstance(err, OSError)
    err = errors.from_oserror(socket.gaierror(socket.EAI_NONAME, "x"), "getaddrinfo",
                              hostname="nowhere.invalid")
    assert (err.code, err.hostname, str(err)) == (
        "ENOTFOUND", "nowhere.invalid", "getaddrinfo ENOTFOUND nowhere.invalid")
    assert isinstance(err, OSError)
    assert errors.from_oserror(err, "connect") is err
