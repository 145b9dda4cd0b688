"""nodehttp.http_common: Node 10's tables and the one header-validation path."""
import re

import pytest

from nodehttp import http_common as c


def test_methods_are_node10s_sorted_list():
    assert c.METHODS == sorted(c.METHODS)
    assert len(c.METHODS) == 34
    assert {'GET', 'M-SEARCH', 'SOURCE', 'UNSUBSCRIBE'} <= set(c.METHODS)
    assert 'QUERY' not in c.METHODS  # Node 20 only


def test_status_codes_are_node10s():
    assert c.STATUS_CODES[404] == 'Not Found'
    assert c.STATUS_CODES[418] == "I'm a Teapot"
    assert c.STATUS_CODES[425] == 'Unordered Collection'
    assert c.STATUS_CODES[509] == 'Bandwidth Limit Exceeded'
    assert len(c.STATUS_CODES) == 63
    assert c.maxHeaderSize == 8192


@pytest.mark.parametrize('name,ok', [
    ('Content-Type', True), ("x!#$%&'*+-.^_`|~09", True), ('x y', False),
    ('', False), ('x:', False), ('x\u00e9', False), ('a\n', False), (5, False), (None, False),
])
def test_check_is_http_token(name, ok):
    assert c.checkIsHttpToken(name) is ok


@pytest.mark.parametrize('value,bad', [
    ('plain', False), ('a\tb\xff\x80', False), ('a\nb', True), ('a\rb', True),
    ('\x7f', True), ('\u0100', True), ('\x00', True), (5, False),
])
def test_check_invalid_header_char(value, bad):
    assert c.checkInvalidHeaderChar(value) is bad


def test_validate_header_name_error_is_node_typeerror():
    for name, shown in [('x y', 'x y'), ('', ''), (None, 'undefined'), (5, '5')]:
        with pytest.raises(TypeError) as info:
            c.validateHeaderName(name)
        assert info.value.code == 'ERR_INVALID_HTTP_TOKEN'
        assert str(info.value) == f'Header name must be a valid HTTP token ["{shown}"]'
    c.validateHeaderName('X-Fine')
    c.validateHeaderName('X-Fine')  # cached path


def test_validate_header_value_errors():
    with pytest.raises(TypeError) as info:
        c.validateHeaderValue('x', None)
    assert info.value.code == 'ERR_HTTP_INVALID_HEADER_VALUE'
    assert info.value.message == 'Invalid value "undefined" for header "x"'
    for value in ['a\nb', ['ok', 'b\r'], '\u0100']:
        with pytest.raises(TypeError) as info:
            c.validateHeaderValue('x', value)
        assert info.value.code == 'ERR_INVALID_CHAR'
        assert info.value.message == 'Invalid character in header content ["x"]'
    c.validateHeaderValue('x', ['a', 'b'])
    c.validateHeaderValue('x', 5)


def test_utc_date_is_imf_fixdate_and_cached(monkeypatch):
    fake = [86400.2]
    monkeypatch.setattr(c.time, 'time', lambda: fake[0])
    assert c.utcDate() == 'Fri, 02 Jan 1970 00:00:00 GMT'
    first = c.utcDate()
    fake[0] = 86400.9
    assert c.utcDate() is first          # same second: cached string
    fake[0] = 86401.0
    assert c.utcDate() == 'Fri, 02 Jan 1970 00:00:01 GMT'
    assert re.fullmatch(r'\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT', c.utcDate())
