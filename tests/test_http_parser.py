"""nodehttp.http_parser: the httptools adapter closes llhttp-binding gaps.

Error codes below are what Node 20's server reports (clientError err.code)
for the same raw bytes.
"""
import pytest

from nodehttp.http_parser import HTTPParser


class Rec:
    """An owner recording the adapter's callbacks in order."""

    def __init__(self, kind, ret=0, **kw):
        self.events = []
        self.ret = ret
        p = self.parser = HTTPParser(kind, **kw)
        p.onMessageBegin = lambda: self.events.append('begin')
        p.onHeadersComplete = self.hc
        p.onBody = lambda b: self.events.append(('body', b))
        p.onTrailers = lambda t: self.events.append(('trailers', t))
        p.onMessageComplete = lambda: self.events.append('complete')

    def hc(self, *args):
        self.events.append(('headers',) + args)
        return self.ret(*args) if callable(self.ret) else self.ret

    def kinds(self):
        return [e if isinstance(e, str) else e[0] for e in self.events]


def req():
    return Rec(HTTPParser.REQUEST)


def test_request_headers_complete_arguments():
    r = req()
    assert r.parser.execute(b'GET /a?b HTTP/1.1\r\nHost: x\r\nX-Y:  v \t\r\nZ: \xe9\r\n\r\n') is None
    assert r.events == [
        'begin',
        ('headers', 1, 1, ['Host', 'x', 'X-Y', 'v', 'Z', '\xe9'], 'GET', '/a?b', None, None,
         False, True),
        'complete']


def test_http10_request_not_keep_alive():
    r = req()
    r.parser.execute(b'GET / HTTP/1.0\r\n\r\n')
    assert r.events[1][1:3] == (1, 0) and r.events[1][-1] is False


@pytest.mark.parametrize('insecure', [False, True])
@pytest.mark.parametrize('version', ['0.9', '1.0', '1.1', '2.0'])
@pytest.mark.parametrize('conn', ['', 'Connection: keep-alive\r\n', 'cOnNeCtIoN: close\r\n',
                                  'Expect: x\r\n', 'User-Agent: y\r\nAccept: */*\r\n',
                                  'Upgrade: ws\r\nConnection: Upgrade\r\n', 'Upgrade: ws\r\n'])
@pytest.mark.parametrize('method', ['GET', 'CONNECT'])
def test_version_keep_alive_and_upgrade_match_llhttp(version, conn, insecure, method):
    # The request's version is read without get_http_version() when
    # keep-alive and no Connection header imply 1.1, and the upgrade flag
    # without should_upgrade() when there is no Connection header: both
    # must agree with llhttp's own answers.
    import httptools

    url = 'a:1' if method == 'CONNECT' else '/'
    data = f'{method} {url} HTTP/{version}\r\nHost: a\r\n{conn}\r\n'.encode()
    r = Rec(HTTPParser.REQUEST, insecure=insecure)
    assert r.parser.execute(data) is None

    class Ref:
        def on_headers_complete(self):
            self.got = (p.get_http_version(), p.should_keep_alive(), p.should_upgrade())
    ref = Ref()
    p = httptools.HttpRequestParser(ref)
    try:
        p.feed_data(data)
    except httptools.HttpParserUpgrade:
        pass
    _, major, minor, *_, upgrade, keepAlive = r.events[1]
    assert (f'{major}.{minor}', keepAlive, upgrade) == ref.got


def test_pipelined_requests_in_one_chunk_and_split_bytes():
    data = (b'GET /1 HTTP/1.1\r\n\r\n'
            b'POST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc'
            b'GET /3 HTTP/1.1\r\n\r\n')
    r = req()
    assert r.parser.execute(data) is None
    assert [e[5] for e in r.events if e[0] == 'headers'] == ['/1', '/2', '/3']
    assert r.kinds().count('complete') == 3
    r2 = req()
    for i in range(len(data)):
        assert r2.parser.execute(data[i:i + 1]) is None
    assert [e[5] for e in r2.events if e[0] == 'headers'] == ['/1', '/2', '/3']
    assert b''.join(e[1] for e in r2.events if e[0] == 'body') == b'abc'


def test_chunked_body_and_trailers_split_from_headers():
    r = req()
    r.parser.execute(b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'
                     b'3\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\nY: 2\r\n\r\n')
    assert r.events[1][3] == ['Transfer-Encoding', 'chunked']
    assert r.events[2:] == [('body', b'abc'), ('body', b'de'),
                            ('trailers', ['X-T', '1', 'Y', '2']), 'complete']


def test_chunked_without_trailers_has_no_trailers_event():
    r = req()
    r.parser.execute(b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n')
    assert 'trailers' not in r.kinds()


def test_header_overflow_in_one_chunk():
    r = req()
    err = r.parser.execute(b'GET / HTTP/1.1\r\nX: ' + b'a' * 9000 + b'\r\n\r\n')
    assert err.code == 'HPE_HEADER_OVERFLOW'
    assert err.message == 'Parse Error'
    assert 'headers' not in r.kinds()


def test_many_small_headers_overflow():
    r = req()
    err = r.parser.execute(b'GET / HTTP/1.1\r\n' + b'X-Header: 0123456789\r\n' * 1000 + b'\r\n')
    assert err.code == 'HPE_HEADER_OVERFLOW'


def test_headers_at_the_limit_pass():
    # Node 20 counts url + names + values: 1 + 1 + 8190 == 8192 is fine.
    r = req()
    assert r.parser.execute(b'GET / HTTP/1.1\r\nX: ' + b'a' * 8190 + b'\r\n\r\n') is None
    r = req()
    err = r.parser.execute(b'GET / HTTP/1.1\r\nX: ' + b'a' * 8191 + b'\r\n\r\n')
    assert err.code == 'HPE_HEADER_OVERFLOW'


def test_header_overflow_across_chunks_is_bounded():
    r = req()
    big = b'GET / HTTP/1.1\r\nX: ' + b'a' * (1 << 20) + b'\r\n\r\n'
    fed = 0
    for i in range(0, len(big), 65536):
        fed += 65536
        err = r.parser.execute(big[i:i + 65536])
        if err is not None:
            break
    assert err.code == 'HPE_HEADER_OVERFLOW'
    assert fed <= 8192 + 2 * 65536
    # the parser is dead now
    assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n') is err
    assert r.parser.finish() is err


def test_small_chunks_of_a_normal_header_do_not_overflow():
    r = req()
    data = b'GET / HTTP/1.1\r\n' + b'X-Header: 0123456789\r\n' * 300 + b'\r\n'
    for i in range(0, len(data), 100):
        assert r.parser.execute(data[i:i + 100]) is None
    assert r.kinds() == ['begin', 'headers', 'complete']


def test_overflow_limit_is_configurable_and_counts_url():
    r = Rec(HTTPParser.REQUEST, maxHeaderSize=20)
    assert r.parser.execute(b'GET /' + b'u' * 30 + b' HTTP/1.1\r\n\r\n').code == 'HPE_HEADER_OVERFLOW'


@pytest.mark.parametrize('raw,code', [
    (b'GETX / HTTP/1.1\r\n\r\n', 'HPE_INVALID_METHOD'),
    (b'get / HTTP/1.1\r\n\r\n', 'HPE_INVALID_METHOD'),
    (b'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'),
    (b'GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'),
    (b'GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'),
    (b'POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n', 'HPE_INVALID_CONTENT_LENGTH'),
    (b'POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n',
     'HPE_INVALID_CONTENT_LENGTH'),
    (b'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
     'HPE_UNEXPECTED_CONTENT_LENGTH'),
    (b'POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
     'HPE_INVALID_TRANSFER_ENCODING'),
    (b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', 'HPE_INVALID_TRANSFER_ENCODING'),
    (b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'HPE_INVALID_CHUNK_SIZE'),
    (b'GET / HTTP/9.9\r\n\r\n', 'HPE_INVALID_VERSION'),
    (b'GET / HTTP/1.1\nHost: a\n\n', 'HPE_INVALID_VERSION'),
    (b'GET / HTTX/1.1\r\n\r\n', 'HPE_INVALID_CONSTANT'),
    (b'GET /a b HTTP/1.1\r\n\r\n', 'HPE_INVALID_CONSTANT'),
    (b'GET /\x01 HTTP/1.1\r\n\r\n', 'HPE_INVALID_URL'),
    (b'GET / HTTP/1.1\r\nHost: a\rX\r\n\r\n', 'HPE_LF_EXPECTED'),
    (b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n', 'HPE_STRICT'),
    (b'GET / HTTP/1.1\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\n\r\n',
     'HPE_CLOSED_CONNECTION'),
    (b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'HPE_PAUSED_H2_UPGRADE'),
])
def test_malformed_requests_get_node20_codes(raw, code):
    err = req().parser.execute(raw)
    assert err is not None and err.code == code
    assert err.message == 'Parse Error' and err.reason
    assert err.rawPacket == raw


@pytest.mark.parametrize('raw,parsed', [
    (b'GETX / HTTP/1.1\r\n\r\n', 3),
    (b'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n', 19),
    (b'POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n', 33),
])
def test_bytes_parsed_matches_node_for_a_first_chunk(raw, parsed):
    assert req().parser.execute(raw).bytesParsed == parsed


def test_malformed_responses():
    for raw, code in [(b'HTTP/1.1 abc OK\r\n\r\n', 'HPE_INVALID_STATUS'),
                      (b'HTTP/1.x 200 OK\r\n\r\n', 'HPE_INVALID_VERSION'),
                      (b'HELLO\r\n\r\n', 'HPE_INVALID_CONSTANT')]:
        assert Rec(HTTPParser.RESPONSE).parser.execute(raw).code == code


def test_reinitialize_revives_a_dead_parser():
    r = req()
    assert r.parser.execute(b'BAD\r\n').code == 'HPE_INVALID_METHOD'
    r.parser.reinitialize()
    assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n') is None
    assert r.kinds()[-1] == 'complete'


def test_upgrade_offset_and_continue_as_http():
    r = req()
    data = b'GET / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: ws\r\n\r\n'
    assert r.parser.execute(data + b'GET /next HTTP/1.1\r\n\r\n') is None
    assert r.parser.upgradeOffset == len(data)
    assert r.events[1][8] is True  # upgrade flag
    # owner declines the upgrade: keep parsing the rest as HTTP
    assert r.parser.execute(b'GET /next HTTP/1.1\r\n\r\n') is None
    assert r.parser.upgradeOffset is None
    assert r.events[-2][5] == '/next' and r.events[-1] == 'complete'


def test_connect_request_head():
    r = req()
    data = b'CONNECT a:1 HTTP/1.1\r\n\r\nTUNNEL'
    assert r.parser.execute(data) is None
    assert data[r.parser.upgradeOffset:] == b'TUNNEL'
    assert r.events[1][4:6] == ('CONNECT', 'a:1')


def test_head_response_body_is_skipped():
    r = Rec(HTTPParser.RESPONSE, ret=1)
    one = b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'
    assert r.parser.execute(one + one) is None
    assert r.kinds() == ['begin', 'headers', 'complete'] * 2
    # headers split across chunks, terminator split too
    r = Rec(HTTPParser.RESPONSE, ret=1)
    for piece in (one[:-3], one[-3:-1], one[-1:] + one[:10], one[10:]):
        assert r.parser.execute(piece) is None
    assert r.kinds() == ['begin', 'headers', 'complete'] * 2


def test_head_response_without_length_and_chunked():
    r = Rec(HTTPParser.RESPONSE, ret=1)
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
                            b'HTTP/1.1 200 OK\r\n\r\n') is None
    assert r.kinds() == ['begin', 'headers', 'complete'] * 2
    assert r.parser.finish() is None


def test_skip_decided_per_message_after_a_content_length_body():
    r = Rec(HTTPParser.RESPONSE, ret=lambda *a: a[5] == 201)
    data = (b'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'
            b'HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\n'
            b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nxy')
    assert r.parser.execute(data) is None
    assert [e for e in r.events if e[0] == 'body'] == [('body', b'abc'), ('body', b'xy')]
    assert r.kinds().count('complete') == 3


def test_connect_response_stops_at_headers():
    r = Rec(HTTPParser.RESPONSE, ret=2)
    head = b'HTTP/1.1 200 Connection established\r\n\r\n'
    assert r.parser.execute(head + b'\x16\x03tunnel') is None
    assert r.parser.upgradeOffset == len(head)
    assert r.kinds() == ['begin', 'headers', 'complete']
    assert r.events[1][6:8] == (200, 'Connection established')


def test_101_switching_protocols_response():
    r = Rec(HTTPParser.RESPONSE)
    head = b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\n'
    assert r.parser.execute(head + b'frames') is None
    assert r.parser.upgradeOffset == len(head)
    assert r.events[1][8] is True
    r = Rec(HTTPParser.RESPONSE)
    head = b'HTTP/1.1 101 Switching Protocols\r\n\r\n'
    assert r.parser.execute(head + b'frames') is None
    assert r.parser.upgradeOffset == len(head)


def test_response_versions_of_each_message_in_a_chunk():
    # The first message's "HTTP/1.1 " is read from the chunk; the others' versions
    # (and one continued from an earlier chunk) come from llhttp.
    for skip in (0, 1):
        r = Rec(HTTPParser.RESPONSE, ret=skip)
        r.parser.maySkipBody = bool(skip)
        assert r.parser.execute(b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'
                                b'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'
                                b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n') is None
        assert [e[1:3] for e in r.events if e[0] == 'headers'] == [(1, 1), (1, 0), (1, 1)]
    r = Rec(HTTPParser.RESPONSE)
    r.parser.maySkipBody = False
    assert r.parser.execute(b'HTTP/1.0 200 OK\r\nA: b') is None
    assert r.parser.execute(b'\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n') is None
    assert r.parser.execute(b'HTTP/1.1 100 Continue\r\n\r\n'
                            b'HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n') is None
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n') is None
    # a body byte, then a message that starts mid-chunk
    assert r.parser.execute(b'XHTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n') is None
    assert [e[1:3] for e in r.events if e[0] == 'headers'] == [(1, 0), (1, 1), (1, 0), (1, 1),
                                                                  (1, 0)]


def test_informational_response_then_final():
    r = Rec(HTTPParser.RESPONSE)
    assert r.parser.execute(b'HTTP/1.1 100 Continue\r\n\r\n'
                            b'HTTP/1.1 204 No Content\r\n\r\n') is None
    assert [e[6] for e in r.events if e[0] == 'headers'] == [100, 204]
    assert r.kinds().count('complete') == 2


def test_close_delimited_response_ended_by_finish():
    r = Rec(HTTPParser.RESPONSE)
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\n\r\nab') is None
    assert r.parser.execute(b'cd') is None
    assert 'complete' not in r.kinds()
    assert r.parser.finish() is None
    assert r.events[-3:] == [('body', b'ab'), ('body', b'cd'), 'complete']


def test_finish_mid_message_is_an_error():
    r = Rec(HTTPParser.RESPONSE)
    r.parser.execute(b'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab')
    assert r.parser.finish().code == 'HPE_INVALID_EOF_STATE'
    r = req()
    r.parser.execute(b'GET / HTTP/1.1\r\nHost')
    assert r.parser.finish().code == 'HPE_INVALID_EOF_STATE'
    r = req()
    r.parser.execute(b'GET / HTTP/1.1\r\n\r\n')
    assert r.parser.finish() is None


def test_callback_exception_propagates():
    r = req()

    def boom(*args):
        raise KeyError('from listener')
    r.parser.onHeadersComplete = boom
    with pytest.raises(KeyError):
        r.parser.execute(b'GET / HTTP/1.1\r\n\r\n')
    assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n').code == 'HPE_USER'


def test_insecure_mode_is_lenient():
    raw = b'GET / HTTP/1.1\nHost: a\nX: a\x01b\n\n'
    assert req().parser.execute(raw) is not None
    r = Rec(HTTPParser.REQUEST, insecure=True)
    assert r.parser.execute(raw) is None
    assert r.events[1][3] == ['Host', 'a', 'X', 'a\x01b']


def test_pause_buffers_until_resume():
    r = req()
    r.parser.pause()
    assert r.parser.execute(b'GET / HTTP/1.1\r\n') is None
    assert r.parser.execute(b'\r\n') is None
    assert r.events == []
    assert r.parser.resume() is None
    assert r.kinds() == ['begin', 'headers', 'complete']


def test_initialize_switches_kind_and_header_count():
    p = HTTPParser(HTTPParser.REQUEST)
    p.initialize(HTTPParser.RESPONSE)
    assert p.kind == HTTPParser.RESPONSE
    got = []
    p.onHeadersComplete = lambda *a: got.append(p.headerCount)
    assert p.execute(b'HTTP/1.1 204 No Content\r\nA: 1\r\nB: 2\r\n\r\n') is None
    assert got == [2]


@pytest.mark.parametrize("value", [b"\t5\t", b" 5 \t"])
def test_content_length_with_trailing_tab_is_rejected(value):
    """Node 20's llhttp rejects a tab after Content-Length's digits (a smuggling
    vector); httptools' newer llhttp accepts it, so the adapter checks."""
    p = HTTPParser(HTTPParser.REQUEST)
    p.onHeadersComplete = lambda *a: 0
    p.onBody = p.onMessageComplete = lambda *a: None
    err = p.execute(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length:" + value + b"\r\n\r\nhello")
    assert err is not None and err.code == "HPE_INVALID_CONTENT_LENGTH"


def test_connection_close_followed_by_tab_is_not_the_close_token():
    """Node's llhttp (v20) does not read ``close<TAB>`` as ``close``: the
    HTTP/1.1 connection stays persistent; plain ``close`` still closes."""
    seen = []
    for value in (b"close\t", b"close"):
        p = HTTPParser(HTTPParser.REQUEST)
        p.onHeadersComplete = lambda *a: seen.append(a[-1])
        p.onBody = p.onMessageComplete = lambda *a: None
        assert p.execute(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: " + value + b"\r\n\r\n") is None
    assert seen == [True, False]


@pytest.mark.parametrize("maySkipBody", [True, False])
def test_response_fed_whole_or_stepped_gives_the_same_events(maySkipBody):
    """The client sets ``maySkipBody`` False for requests other than HEAD and
    CONNECT, and the adapter then feeds a whole chunk to llhttp in one call:
    the events must be the ones of the stepped path, 1xx included."""
    r = Rec(HTTPParser.RESPONSE)
    r.parser.maySkipBody = maySkipBody
    data = (b'HTTP/1.1 100 Continue\r\n\r\n'
            b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    assert r.parser.execute(data) is None
    assert r.kinds() == ['begin', 'headers', 'complete', 'begin', 'headers', 'body', 'complete']
    assert [e[6] for e in r.events if e[0] == 'headers'] == [100, 200]
    assert ('body', b'ok') in r.events
    # a body that continues in the next chunk
    r = Rec(HTTPParser.RESPONSE)
    r.parser.maySkipBody = maySkipBody
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab') is None
    assert r.parser.execute(b'cd') is None
    assert r.kinds() == ['begin', 'headers', 'body', 'body', 'complete']


UP = b'POST /up HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n'


def test_declined_upgrade_reads_its_content_length_body():
    # Node: no 'upgrade' listener, the request is ordinary and its body is
    # its body -- never parsed as the next request (request smuggling).
    smuggled = b'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n'
    head = UP + b'Content-Length: %d\r\n\r\n' % len(smuggled)
    for parts in ([head + smuggled], [head, smuggled], [head + smuggled[:7], smuggled[7:]]):
        r = req()
        for i, part in enumerate(parts):
            assert r.parser.execute(part) is None
            # the message completes in the last part: the rest of that chunk
            # is the owner's to drop (as Node does)
            assert (r.parser.upgradeOffset is not None) == (i == len(parts) - 1)
        assert r.kinds() == ['begin', 'headers'] + ['body'] * (r.kinds().count('body')) + ['complete']
        assert b''.join(e[1] for e in r.events if e[0] == 'body') == smuggled
        assert r.events[1][8] is True  # still flagged an upgrade
        # later chunks are HTTP again
        assert r.parser.execute(b'GET /next HTTP/1.1\r\n\r\n') is None
        assert r.events[-2][5] == '/next' and r.events[-1] == 'complete'


def test_declined_upgrade_reads_its_chunked_body_and_trailers():
    r = req()
    data = UP + b'Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n'
    assert r.parser.execute(data) is None
    assert r.events[2:] == [('body', b'abc'), ('trailers', ['T', '1']), 'complete']


def test_accepted_upgrade_leaves_the_body_to_head():
    r = Rec(HTTPParser.REQUEST, ret=2)
    head = UP + b'Content-Length: 5\r\n\r\n'
    assert r.parser.execute(head + b'hello') is None
    assert r.parser.upgradeOffset == len(head)
    assert r.kinds() == ['begin', 'headers', 'complete']


def test_declined_upgrade_without_body_by_llhttps_rule():
    # A coding other than chunked, or Content-Length: 0, is no body: the
    # message ends at its headers (llhttp's hasBody), as in Node.
    for framing in (b'Transfer-Encoding: gzip\r\n', b'Content-Length: 0\r\n',
                    b'Transfer-Encoding: xchunked\r\n'):
        r = req()
        data = UP + framing + b'\r\n'
        assert r.parser.execute(data + b'abc') is None
        assert r.parser.upgradeOffset == len(data)
        assert r.kinds() == ['begin', 'headers', 'complete']


@pytest.mark.parametrize('bad', [
    b'G@T / HTTP/1.1\r\n\r\n',                                  # request line
    b'GET / HTTP/1.1\r\nX A: b\r\n\r\n',                         # header name
    b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 9000 + b'\r\n\r\n',    # overflow
])
def test_errors_after_declined_upgrade_are_quiet_until_next_headers(bad):
    # Node (10 and 20) reports no parse error while llhttp's upgrade flag is
    # up (until the next message's headers complete): the parser goes dead
    # silently and ignores everything after.
    r = req()
    assert r.parser.execute(UP + b'\r\n') is None
    n = len(r.events)
    assert r.parser.execute(bad) is None
    assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n') is None
    assert r.parser.finish() is None
    assert len(r.events) <= n + 1  # at most the bad message's 'begin'


def test_errors_after_the_next_headers_are_reported_again():
    r = req()
    assert r.parser.execute(UP + b'\r\n') is None
    assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n') is None
    assert r.parser.execute(b'G@T / HTTP/1.1\r\n\r\n').code == 'HPE_INVALID_METHOD'
    r = req()
    assert r.parser.execute(UP + b'\r\n') is None
    err = r.parser.execute(b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')
    assert err.code == 'HPE_INVALID_CHUNK_SIZE'


@pytest.mark.parametrize('te', [b'xchunked', b'\xe9chunked', b'chunked, x', b'gzip'])
def test_response_coding_merely_ending_in_chunked_reads_to_eof(te):
    # llhttp matches the chunked *token*: these bodies run to EOF (Node ends
    # them normally at finish()); a suffix match took them as chunked.
    r = Rec(HTTPParser.RESPONSE)
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: ' + te + b'\r\n\r\nhel') is None
    assert r.parser.execute(b'lo') is None
    assert r.parser.finish() is None
    assert b''.join(e[1] for e in r.events if e[0] == 'body') == b'hello'
    assert r.kinds()[-1] == 'complete'


def test_response_chunked_token_is_still_chunked():
    r = Rec(HTTPParser.RESPONSE)
    data = b'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n'
    assert r.parser.execute(data) is None
    assert r.kinds()[-1] == 'complete'


@pytest.mark.parametrize('kind,start', [
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nHost: x\r\n'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\n'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n'),  # pipelined
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\n'),
])
def test_header_line_cut_off_mid_line_is_measured(kind, start):
    # Node counts the bytes of the line still arriving: 431 at once, not a
    # connection held until a timeout.
    r = Rec(kind)
    err = r.parser.execute(start + b'X-Big: ' + b'a' * 9000)
    assert err is not None and err.code == 'HPE_HEADER_OVERFLOW'
    r = Rec(kind)
    assert r.parser.execute(start + b'X-Big' + b'a' * 9000) .code == 'HPE_HEADER_OVERFLOW'


def test_start_line_cut_off_is_not_counted_twice():
    # The URL is reported as it arrives: the unfinished request line is
    # counted once (5000-byte URL, limit 8192).
    r = req()
    assert r.parser.execute(b'GET /' + b'a' * 5000) is None
    assert r.parser.execute(b' HTTP/1.1') is None
    assert r.parser.execute(b'\r\n\r\n') is None
    assert r.kinds()[-1] == 'complete'
    r = Rec(HTTPParser.RESPONSE)
    assert r.parser.execute(b'HTTP/1.1 200 ' + b'a' * 5000) is None
    assert r.parser.execute(b'\r\nContent-Length: 0\r\n\r\n') is None
    assert r.kinds()[-1] == 'complete'


def test_header_line_under_the_limit_waits_for_its_end():
    r = req()
    assert r.parser.execute(b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 8000) is None
    assert r.parser.execute(b'\r\n\r\n') is None
    assert r.kinds()[-1] == 'complete'


@pytest.mark.parametrize('values,keepAlive', [
    ([b'close\t'], True),
    ([b'close \t'], True),
    ([b'x, close\t'], True),
    ([b'close\t, x'], True),
    ([b'\tclose'], False),
    ([b'k\t', b'close'], False),   # another Connection header still closes
    ([b'close', b'k\t'], False),
])
def test_connection_tab_keep_alive_is_nodes(values, keepAlive):
    # Node 10 and 20 agree (llhttp ends a token at a comma or spaces only).
    r = req()
    head = b'GET / HTTP/1.1\r\n' + b''.join(b'Connection: ' + v + b'\r\n' for v in values)
    assert r.parser.execute(head + b'\r\n') is None
    assert r.events[1][-1] is keepAlive
    # What follows is the next request when kept alive, else data after close.
    err = r.parser.execute(b'GET /next HTTP/1.1\r\n\r\n')
    if keepAlive:
        assert err is None and r.events[-2][5] == '/next'
        # the one-message leniency is gone: a real close still closes
        r.parser.execute(b'GET / HTTP/1.1\r\nConnection: close\r\n\r\n')
        assert r.parser.execute(b'GET / HTTP/1.1\r\n\r\n').code == 'HPE_CLOSED_CONNECTION'
    else:
        assert err.code == 'HPE_CLOSED_CONNECTION'


def _flushes(chunks):
    r = req()
    r.parser.onHeaders = lambda: r.events.append('flush')
    for c in chunks:
        r.parser.execute(c)
    return [e for e in r.kinds() if e in ('flush', 'headers', 'complete', 'trailers')]


H40 = b'GET / HTTP/1.1\r\n' + b''.join(b'h%d: v\r\n' % i for i in range(40)) + b'\r\n'
CHUNKED_TRAILER = (b'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'
                   b'3\r\nabc\r\n0\r\nT: 1\r\n\r\n')


def test_on_headers_marks_nodes_kOnHeaders_moments():
    # Node's binding flushes headers (a MakeCallback) for trailers, for more
    # than 32 fields, and -- once it has -- before every later message's
    # onHeadersComplete; never for an ordinary message.
    G = b'GET / HTTP/1.1\r\n\r\n'
    assert _flushes([G + G]) == ['headers', 'complete'] * 2
    assert _flushes([CHUNKED_TRAILER + G]) == [
        'headers', 'trailers', 'flush', 'complete', 'flush', 'headers', 'complete']
    assert _flushes([H40 + G]) == ['flush', 'headers', 'complete', 'flush', 'headers', 'complete']
    # an error after more than 32 fields: Node had flushed at the 33rd
    assert _flushes([G + H40[:-2] + b'X A: b\r\n\r\n']) == ['headers', 'complete', 'flush']
    assert _flushes([G + b'GET / HTTP/1.1\r\nX A: b\r\n\r\n']) == ['headers', 'complete']


@pytest.mark.parametrize('kind,data,code', [
    # an oversized header, then a bad name: Node counted the big header first
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 9000 + b'\r\nX A: b\r\n\r\n',
     'HPE_HEADER_OVERFLOW'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 5000 + b'\r\nX-Big: ' + b'a' * 5000
     + b'\r\nX A: b\r\n\r\n', 'HPE_HEADER_OVERFLOW'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 8000 + b'\r\nX A: b\r\n\r\n',
     'HPE_INVALID_HEADER_TOKEN'),
    (HTTPParser.REQUEST, b'GET /' + b'a' * 8000 + b' HTTP/1.1\r\nX A: b\r\n\r\n',
     'HPE_INVALID_HEADER_TOKEN'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\nX-Big: ' + b'a' * 9000 + b'\r\nX A: b\r\n\r\n',
     'HPE_HEADER_OVERFLOW'),
    # CR not followed by LF after the version: Node 20's HPE_STRICT; a bare
    # LF there stays HPE_INVALID_VERSION
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\rHost: x\r\n\r\n', 'HPE_STRICT'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\nHost: x\r\n\r\n', 'HPE_INVALID_VERSION'),
    # the status line's CR not followed by LF: Node 20 rejects the next byte
    # as a header name character
    (HTTPParser.RESPONSE, b'HTTP/1.1 200\r\r\nContent-Length: 0\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\nContent-Length: 5\t\r\n\r\nhello',
     'HPE_INVALID_CONTENT_LENGTH'),
    # ... also when another error follows in the same header block (Node
    # stopped at the tab; httptools' llhttp reads on to the fold)
    (HTTPParser.RESPONSE, b'HTTP/1.1 204\r\nContent-Length:5\t\r\n ', 'HPE_INVALID_CONTENT_LENGTH'),
    (HTTPParser.REQUEST, b'PATCH /\nContent-Length:5\t\r\n ', 'HPE_INVALID_CONTENT_LENGTH'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nContent-Length: 5 \t\r\nX A: b\r\n\r\n',
     'HPE_INVALID_CONTENT_LENGTH'),
    # (a tab after the digits of a Content-Length in an earlier message is not this one's)
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nX A: b\r\n\r\n',
     'HPE_INVALID_HEADER_TOKEN'),
    # a CR ending an empty header value, then not LF: Node 20's HPE_STRICT
    # (only after the status line is it a header name character)
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nHost:  \rx\r\n\r\n', 'HPE_STRICT'),
    (HTTPParser.REQUEST, b'GET / HTTP/1.1\r\nHost: \r\r\n\r\n', 'HPE_STRICT'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\nX:  \rx\r\n\r\n', 'HPE_STRICT'),
    # the status line's CR, then neither LF nor CR: HPE_STRICT too
    (HTTPParser.RESPONSE, b'HTTP/1.1 304\rO', 'HPE_STRICT'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\rX: y\r\n\r\n', 'HPE_STRICT'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'),
    # an empty Transfer-Encoding (rejected on purpose) then a bad header:
    # Node 20 ignores the former and fails at the latter
    (HTTPParser.RESPONSE, b'HTTP/1.1 200\r\ntransfer-encoding: \r\nX A: "q"\r\n\r\nhello',
     'HPE_INVALID_HEADER_TOKEN'),
    (HTTPParser.REQUEST, b'POST / HTTP/1.1\r\nTransfer-Encoding:\r\nX A: b\r\n\r\n',
     'HPE_INVALID_HEADER_TOKEN'),
    (HTTPParser.REQUEST, b'POST / HTTP/1.1\r\nTransfer-Encoding:\r\nHost: x\r\n\r\n',
     'HPE_INVALID_TRANSFER_ENCODING'),
])
def test_error_codes_match_node20_on_the_same_bytes(kind, data, code):
    assert Rec(kind).parser.execute(data).code == code


@pytest.mark.parametrize('chunks,code', [
    # CR after the version, then not LF, the line cut before the CR: Node 20's
    # HPE_STRICT (as in one chunk); a bare LF there is HPE_INVALID_VERSION
    ([b'GET / HTTP/1.1\r', b'\r'], 'HPE_STRICT'),
    ([b'GET / HTTP/1.1', b'\r\rHost: x\r\n\r\n'], 'HPE_STRICT'),
    ([b'GET / HTTP/1.1', b'\nHost: x\r\n\r\n'], 'HPE_INVALID_VERSION'),
    ([b'POST / HTTP/', b'1.1\rExpect: x\r\n\r\n'], 'HPE_STRICT'),
    # a Content-Length tab after an error in the start line does not count
    ([b'HTTP/', b'2 204 OK\r\nContent-Length: 2\t\n\r'], 'HPE_INVALID_VERSION'),
    ([b'GET / HTTP/1.1\r\nHost: x', b'\r\nContent-Length: 2\t\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_CONTENT_LENGTH'),
    ([b'POST / HTTP/', b'1.1\nExpect: x\r\n\r\n'], 'HPE_INVALID_VERSION'),
    ([b'GET / HTTP/1.1\r\n\r\n', b'\r\nGET / HTTP/1.1 \r\n\r\n'], 'HPE_INVALID_VERSION'),
    # an oversized header cut by a chunk, then an error in the next chunk:
    # Node counted the whole big line before llhttp reached the bad byte
    ([b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 5000, b'a' * 4000 + b'\r\nX A : b\r\n\r\n'],
     'HPE_HEADER_OVERFLOW'),
    ([b'HTTP/1.1 200 OK\r\nX-Big: ' + b'a' * 5000, b'a' * 4000 + b'\nA: b\r\n\r\n'],
     'HPE_HEADER_OVERFLOW'),
    # ... but not a header that stays under the limit, nor bytes after a bad one
    ([b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 4000, b'a' * 4000 + b'\r\nX A : b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    ([b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 5000, b'a\x01' + b'a' * 4000 + b'\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    # a name that a CR stops: Node 20 never counted this chunk's part of it
    ([b'HTTP/1.1 200 OK\r\nX: v\r\n' + b'a' * 5000, b'a' * 4000 + b'\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    # ... nor the earlier message's estimate, for a message begun in this chunk
    ([b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 8000, b'a\r\n\r\nGET / HTTP/1.1\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    # an empty Transfer-Encoding (rejected on purpose) then a bad header in a
    # block begun in an earlier chunk: both Nodes ignore the former and fail
    # at the latter (difffuzz diff-client-a011b2f8be0e)
    ([b'HTTP/1.1 200 ', b'd\r\nTransfer-Encoding: \r\n"\r'], 'HPE_INVALID_HEADER_TOKEN'),
    ([b'HTTP/1.1 200 OK\r\nTransfer-', b'Encoding: \r\nX A: b\r\n\r\n'], 'HPE_INVALID_HEADER_TOKEN'),
    ([b'POST / HTTP/1.1\r\nHost: x\r\n', b'Transfer-Encoding:\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    ([b'GET / HTTP/1.1\r\n\r\n', b'POST / HTTP/1.1\r\nTransfer-Encoding:\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    # ... and alone it stays rejected
    ([b'POST / HTTP/1.1\r\nHost: x\r\n', b'Transfer-Encoding:\r\nHost: y\r\n\r\n'],
     'HPE_INVALID_TRANSFER_ENCODING'),
    # ... also when the empty one came in the earlier chunk: the verdict
    # waits for the block's end, as Node reads on (seed 2024 server 287)
    ([b'POST / HTTP/1.1\r\nTransfer-Encoding:\r\nHost: x', b'\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    ([b'HTTP/1.1 200 OK\r\ntransfer-encoding: \r\nX: y', b'\r\nX A: b\r\n\r\n'],
     'HPE_INVALID_HEADER_TOKEN'),
    ([b'POST / HTTP/1.1\r\nTransfer-Encoding:\r\nHost: x', b'\r\n\r\n'],
     'HPE_INVALID_TRANSFER_ENCODING'),
    ([b'HEAD /\nTransfer-Encoding: \r\n', b'5\rv'], 'HPE_INVALID_HEADER_TOKEN'),
    ([b'HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\n', b'X A: b\r\n\r\n'], 'HPE_INVALID_HEADER_TOKEN'),
    # a status line cut before its CR, then neither LF nor CR: Node 20's
    # HPE_STRICT, as in one chunk (diff-client-e0914b7ae663); CR CR is read on
    ([b'HTTP/', b'1.1 404\r4'], 'HPE_STRICT'),
    ([b'HTTP/', b'1.1 404\r\r\nX: y\r\n\r\n'], 'HPE_INVALID_HEADER_TOKEN'),
    # a Content-Length whose name was cut by the chunk, its digits then a tab,
    # then another error: Node stopped at the tab (diff-server-2b1aa6bbf93a)
    ([b'GET /\nCon', b'tent-Length:1\t\r\n\n'], 'HPE_INVALID_CONTENT_LENGTH'),
    ([b'GET / HTTP/1.1\r\nContent-', b'Length: 2\t\r\nX A: b\r\n\r\n'], 'HPE_INVALID_CONTENT_LENGTH'),
    # ... or the block still arriving
    ([b'POST / HTTP/1.1\r\nContent-', b'Length: 5\t\r\nX-Big: aaaa'], 'HPE_INVALID_CONTENT_LENGTH'),
])
def test_error_codes_in_a_later_chunk_match_node20(chunks, code):
    p = Rec(HTTPParser.RESPONSE if chunks[0].startswith(b'HTTP/') else HTTPParser.REQUEST).parser
    assert p.execute(chunks[0]) is None
    assert p.execute(chunks[1]).code == code


@pytest.mark.parametrize('head', [
    b'HTTP/1.1 200\r\nConnection:close\r\n\r\n',
    b'HTTP/1.1 200\r\nContent-Length: 5\r\nConnection: close\r\n\r\n',
    b'HTTP/1.0 600\r\n\r\n',
    b'HTTP/1.1 199\r\nContent-Length:10\r\nConnection:close\r\n\r\n',
])
@pytest.mark.parametrize('after', [b'i', b'H', b'\xff', b'\r\nHTTP/1.1 200 OK\r\n\r\n'])
@pytest.mark.parametrize('split', [False, True])
def test_data_after_a_skipped_response_that_is_not_kept_alive(head, after, split):
    """A response whose body the owner skips (HEAD, 1xx) and that is not kept
    alive: Node 20's llhttp reads nothing more (HPE_CLOSED_CONNECTION; Node 10
    said HPE_INVALID_CONSTANT, or nothing for a byte that starts ``HTTP/``)."""
    r = Rec(HTTPParser.RESPONSE, ret=1)
    if split:
        assert r.parser.execute(head) is None
        err = r.parser.execute(after)
    else:
        err = r.parser.execute(head + after)
    assert r.kinds() == ['begin', 'headers', 'complete']
    assert err.code == 'HPE_CLOSED_CONNECTION'
    assert r.parser.finish() is err


def test_line_ends_after_a_skipped_response_that_is_not_kept_alive_are_ignored():
    r = Rec(HTTPParser.RESPONSE, ret=1)
    assert r.parser.execute(b'HTTP/1.1 200\r\nConnection: close\r\n\r\n\r\n') is None
    assert r.parser.execute(b'\n\r\n') is None
    assert r.parser.finish() is None


@pytest.mark.parametrize('head', [
    b'HTTP/1.1 200\r\n\r\n',
    b'HTTP/1.0 200\r\nConnection: keep-alive\r\n\r\n',
    b'HTTP/1.1 200\r\nConnection: close\t\r\n\r\n',   # no close token to Node
    b'HTTP/1.1 100\r\n\r\n',
])
def test_a_skipped_response_kept_alive_is_followed_by_the_next(head):
    r = Rec(HTTPParser.RESPONSE, ret=1)
    assert r.parser.execute(head + b'HTTP/1.1 204 OK\r\n\r\n') is None
    assert r.kinds() == ['begin', 'headers', 'complete'] * 2


@pytest.mark.parametrize('value,keepAlive,code', [
    (b'close\t', True, 'HPE_INVALID_CONSTANT'),
    (b'close', False, 'HPE_CLOSED_CONNECTION'),
])
def test_response_connection_close_followed_by_tab_is_not_the_close_token(value, keepAlive, code):
    """The client-side twin of the request rule (Node 10 and 20 agree):
    ``close<TAB>`` does not close, so the next bytes are the next response."""
    for maySkipBody in (True, False):
        r = Rec(HTTPParser.RESPONSE)
        r.parser.maySkipBody = maySkipBody
        err = r.parser.execute(b'HTTP/1.1 500\r\nContent-Length:0\r\nConnection:' + value
                               + b'\r\n\r\nj')
        assert r.events[1][-1] is keepAlive
        assert err.code == code


def test_response_connection_tab_with_a_body_to_eof_is_not_kept_alive():
    r = Rec(HTTPParser.RESPONSE)
    assert r.parser.execute(b'HTTP/1.1 200\r\nConnection: close\t\r\n\r\nbody') is None
    assert r.events[1][-1] is False
    assert r.parser.finish() is None
    assert r.kinds() == ['begin', 'headers', 'body', 'complete']


@pytest.mark.parametrize('te', [b'', b' '])
def test_response_with_an_empty_transfer_encoding_stays_rejected(te):
    """Deliberate (docs/hardening.md): Node 10 and 20 ignore an empty
    Transfer-Encoding in a response; accepting it would take a second framing
    parser ahead of llhttp, so the client rejects it, as the server does."""
    err = Rec(HTTPParser.RESPONSE).parser.execute(
        b'HTTP/1.1 404\r\ntransfer-encoding:' + te + b'\r\n\r\n')
    assert err.code == 'HPE_INVALID_TRANSFER_ENCODING'


@pytest.mark.parametrize('kind,head', [
    (HTTPParser.REQUEST, b'SEARCH / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nTransfer-Encoding:\r\nX: y'),
    (HTTPParser.RESPONSE, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\nX: y'),
])
def test_empty_transfer_encoding_waits_for_the_rest_of_its_header_block(kind, head):
    """Node's llhttp ignores an empty Transfer-Encoding and reads on: nodehttp
    (which rejects it on purpose) gives no verdict before the block's end --
    the first later error (seed 31337 server 276: after a pipelined request),
    the empty header's own error, or at EOF Node's HPE_INVALID_EOF_STATE --
    and delivers nothing of the message meanwhile."""
    r = Rec(kind)
    assert r.parser.execute(head) is None
    before = list(r.events)
    assert r.parser.execute(b'\r\nY: z') is None
    assert r.parser.execute(b'\r\nX A: b\r\n\r\n').code == 'HPE_INVALID_HEADER_TOKEN'
    assert r.events == before
    r = Rec(kind)
    assert r.parser.execute(head) is None
    assert r.parser.finish().code == 'HPE_INVALID_EOF_STATE'
    r = Rec(kind)
    assert r.parser.execute(head) is None
    assert r.parser.execute(b'\r\nY: z\r\n\r\n').code == 'HPE_INVALID_TRANSFER_ENCODING'
    assert r.events == before
    r = Rec(kind)  # the size limit still holds while it waits
    assert r.parser.execute(head) is None
    assert r.parser.execute(b'a' * 5000) is None
    assert r.parser.execute(b'a' * 5000).code == 'HPE_HEADER_OVERFLOW'


def test_content_length_tab_fails_before_the_headers_complete():
    """Node fails at the tab itself: a header block still arriving (or cut
    off by EOF) gets HPE_INVALID_CONTENT_LENGTH, not a later code."""
    p = Rec(HTTPParser.REQUEST).parser
    err = p.execute(b'POST / HTTP/1.1\r\nContent-Length: 5\t\r\nX-Big: aaaa')
    assert err.code == 'HPE_INVALID_CONTENT_LENGTH'
    p = Rec(HTTPParser.REQUEST).parser
    assert p.execute(b'POST / HTTP/1.1\r\nContent-Length: 5\r\nX-Big: aaaa') is None
    # the tab before a header that overflows, still arriving: Node stopped at
    # the tab (diff-client-66613c2bfa19); an overflow before the tab wins
    p = Rec(HTTPParser.RESPONSE).parser
    err = p.execute(b'HTTP/1.1 404\r\nContent-Length: 5\t\r\nX-Big: ' + b'a' * 9000)
    assert err.code == 'HPE_INVALID_CONTENT_LENGTH'
    p = Rec(HTTPParser.RESPONSE).parser
    err = p.execute(b'HTTP/1.1 404\r\nX-Big: ' + b'a' * 9000 + b'\r\nContent-Length: 5\t\r\nX: y')
    assert err.code == 'HPE_HEADER_OVERFLOW'


@pytest.mark.parametrize('te,chunked', [(b'chunked\t', False), (b'chunked \t', False),
                                        (b'chunked ', True), (b'\tchunked', True)])
def test_response_chunked_followed_by_a_tab_is_not_chunked(te, chunked):
    """As llhttp (Node 10 and 20 agree): ``chunked<TAB>`` is no chunked token,
    so the body runs to EOF and ends normally there."""
    r = Rec(HTTPParser.RESPONSE)
    body = b'1\r\ni\r\n0\r\n\r\n'
    assert r.parser.execute(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: ' + te + b'\r\n\r\n' + body) is None
    assert r.parser.finish() is None
    assert r.kinds()[-1] == 'complete'
    got = b''.join(e[1] for e in r.events if e[0] == 'body')
    assert got == (b'i' if chunked else body)
