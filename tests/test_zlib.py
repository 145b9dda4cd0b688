"""nodehttp.zlib: streams, convenience calls and Node 10's errors
(conformance/node/zlib_streams and zlib_gzip_proxy check them against Node)."""

from __future__ import annotations

import gzip as _gzip
import zlib as _pyzlib

import pytest

import nodehttp
from nodehttp import http, zlib
from nodehttp.errors import NodeError, NodeTypeError, RangeError

BIG = bytes(range(256)) * 400 + b"x" * 50000


def collect(stream, data, chunks=None):
    """End ``stream`` with ``data`` inside the loop; return (pieces, events)."""
    pieces, events = [], []

    def main():
        stream.on("data", pieces.append)
        stream.on("end", lambda: events.append("end"))
        stream.on("close", lambda: events.append("close"))
        stream.on("error", lambda e: events.append(("error", e.code, e.errno, str(e))))
        for c in chunks or []:
            stream.write(c)
        stream.end(data)

    nodehttp.run(main)
    return pieces, events


def test_required_and_constants():
    assert nodehttp.require("zlib") is zlib
    assert zlib.constants["Z_SYNC_FLUSH"] == zlib.Z_SYNC_FLUSH == 2
    assert zlib.codes["Z_DATA_ERROR"] == -3 and zlib.codes[-5] == "Z_BUF_ERROR"


@pytest.mark.parametrize("comp, decomp, check", [
    (zlib.gzipSync, zlib.gunzipSync, _gzip.decompress),
    (zlib.deflateSync, zlib.inflateSync, _pyzlib.decompress),
    (zlib.deflateRawSync, zlib.inflateRawSync, lambda b: _pyzlib.decompress(b, -15)),
    (zlib.gzipSync, zlib.unzipSync, _gzip.decompress),
    (zlib.deflateSync, zlib.unzipSync, _pyzlib.decompress),
])
def test_sync_round_trips(comp, decomp, check):
    packed = comp(BIG)
    assert check(packed) == BIG
    assert decomp(packed) == BIG


def test_gzip_header_is_nodes():
    assert zlib.gzipSync("hello")[:10] == bytes.fromhex("1f8b0800000000000003")


def test_sync_errors_carry_code_and_errno():
    gz = zlib.gzipSync("hello")
    for data, code, errno, msg in [
        (b"not gzip", "Z_DATA_ERROR", -3, "incorrect header check"),
        (gz[:10], "Z_BUF_ERROR", -5, "unexpected end of file"),
        (b"", "Z_BUF_ERROR", -5, "unexpected end of file"),
        (gz + b"xx", "Z_DATA_ERROR", -3, "incorrect header check"),
    ]:
        with pytest.raises(NodeError) as info:
            zlib.gunzipSync(data)
        assert (info.value.code, info.value.errno, str(info.value)) == (code, errno, msg)


def test_multi_member_gzip_and_trailing_zeros():
    gz = zlib.gzipSync("hello")
    assert zlib.gunzipSync(gz + gz) == b"hellohello"
    assert zlib.gunzipSync(gz + bytes(3)) == b"hello"


def test_finish_flush_sync_flush_accepts_truncated_input():
    gz = zlib.gzipSync("hello")
    assert zlib.gunzipSync(gz[:-8], {"finishFlush": zlib.Z_SYNC_FLUSH}) == b"hello"


def test_option_checks():
    with pytest.raises(RangeError, match='"options.level" is out of range. '
                                         "It must be >= -1 and <= 9. Received 10"):
        zlib.createDeflate({"level": 10})
    with pytest.raises(RangeError, match="It must be >= 64. Received 10"):
        zlib.createGzip({"chunkSize": 10})
    with pytest.raises(NodeTypeError, match='"options.level" property must be of type number'):
        zlib.createGzip({"level": "1"})
    with pytest.raises(NodeTypeError, match='"buffer" argument'):
        zlib.gzipSync(5)


def test_stream_pieces_follow_chunk_size():
    pieces, events = collect(zlib.createGunzip(), zlib.gzipSync(BIG))
    assert [len(p) for p in pieces] == [16384] * (len(BIG) // 16384) + [len(BIG) % 16384]
    assert events == ["end", "close"]
    pieces, _ = collect(zlib.createInflate({"chunkSize": 1000}), zlib.deflateSync(b"a" * 2500))
    assert [len(p) for p in pieces] == [1000, 1000, 500]


def test_stream_bytes_written_and_round_trip():
    gz = zlib.createGzip()
    pieces, _ = collect(gz, b"", chunks=[BIG[:1000], BIG[1000:]])
    assert gz.bytesWritten == gz.bytesRead == len(BIG)
    assert _gzip.decompress(b"".join(pieces)) == BIG


def test_stream_error_emits_once_without_end_or_close():
    gz = zlib.gzipSync("hello")
    pieces, events = collect(zlib.createGunzip(), gz[:-4])
    assert pieces == [b"hello"]
    assert events == [("error", "Z_BUF_ERROR", -5, "unexpected end of file")]


def test_flush_emits_pending_output():
    out = []

    def main():
        d = zlib.createDeflate()
        d.on("data", out.append)

        def flushed():
            # A full flush ends on a byte boundary: what came out so far inflates.
            assert _pyzlib.decompressobj().decompress(b"".join(out)) == b"part one"
            out.append("flushed")
            d.end()
        d.write("part one")
        d.flush(flushed)

    nodehttp.run(main)
    assert "flushed" in out


def test_callback_forms_run_asynchronously():
    order = []

    def main():
        zlib.gzip("abc", lambda err, res: order.append(("gzip", err, _gzip.decompress(res))))
        zlib.gunzip(b"bad", lambda err, res: order.append(("gunzip", err.code, res)))
        order.append("sync")

    nodehttp.run(main)
    assert order[0] == "sync"
    assert ("gzip", None, b"abc") in order and ("gunzip", "Z_DATA_ERROR", None) in order


def test_pipes_into_an_http_response_and_out_of_a_request():
    got = {}

    def main():
        def handler(req, res):
            res.writeHead(200, {"Content-Encoding": "gzip"})
            zs = zlib.createGzip()
            zs.pipe(res)
            zs.end(BIG)

        server = http.createServer(handler)

        def onres(res):
            gunzip = zlib.createGunzip()
            chunks = []
            res.pipe(gunzip).on("data", chunks.append).on("end", lambda: (
                got.update(body=b"".join(chunks), enc=res.headers["content-encoding"]),
                server.close()))

        server.listen(0, lambda: http.get({"port": server.address()["port"]}, onres))

    nodehttp.run(main)
    assert got == {"body": BIG, "enc": "gzip"}
