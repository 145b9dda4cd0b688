"""nodehttp.crypto: hashes, HMACs, random bytes, pbkdf2 with Node 10's errors
(conformance/node/crypto_hash_hmac checks the same against Node itself)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

import nodehttp
from nodehttp import crypto
from nodehttp.errors import NodeError, NodeTypeError, RangeError


def test_required_and_imported():
    assert nodehttp.require("crypto") is crypto


def test_hash_update_chains_and_digest_encodings():
    h = crypto.createHash("sha256").update("a").update(b"b").update("63", "hex")
    assert h.digest("hex") == hashlib.sha256(b"abc").hexdigest()
    assert crypto.createHash("md5").update("abc").digest() == hashlib.md5(b"abc").digest()
    assert crypto.createHash("sha1").digest("base64") == "2jmj7l5rSw0yVb/vlWAYkK/YBwk="
    assert crypto.createHash("sha1").digest("bogus") == hashlib.sha1().digest()
    assert crypto.createHash("SHA256").digest("latin1") == hashlib.sha256().digest().decode("latin-1")


def test_openssl_aliases_and_get_hashes():
    assert crypto.createHash("RSA-SHA1").update("x").digest() == hashlib.sha1(b"x").digest()
    assert crypto.createHash("sha512-256").digest() == hashlib.new("sha512_256").digest()
    assert len(crypto.createHash("shake256").digest()) == 32
    names = crypto.getHashes()
    assert {"md5", "sha1", "sha256", "sha512", "RSA-SHA256"} <= set(names)
    assert names == sorted(names, key=crypto._NODE_HASHES.index)  # Node's order


def test_digest_twice_and_update_after_digest():
    h = crypto.createHash("sha1")
    h.digest()
    for call in (h.digest, lambda: h.update("x")):
        with pytest.raises(NodeError) as info:
            call()
        assert (info.value.code, str(info.value)) == ("ERR_CRYPTO_HASH_FINALIZED",
                                                      "Digest already called")


def test_unknown_algorithms():
    with pytest.raises(NodeError, match="^Digest method not supported$"):
        crypto.createHash("nope")
    with pytest.raises(NodeError, match="^Unknown message digest$"):
        crypto.createHmac("nope", "k")


def test_argument_types():
    with pytest.raises(NodeTypeError, match='"algorithm" argument must be of type string'):
        crypto.createHash(1)
    with pytest.raises(NodeTypeError, match='"data" argument must be one of type string, '
                                            "TypedArray, or DataView. Received type number"):
        crypto.createHash("sha1").update(1)
    with pytest.raises(NodeTypeError, match='"key" argument'):
        crypto.createHmac("sha1", 5)


def test_hmac_and_second_digest_is_empty():
    h = crypto.createHmac("sha256", "a secret").update("I love cupcakes")
    assert h.digest("hex") == hmac.new(b"a secret", b"I love cupcakes", "sha256").hexdigest()
    assert h.digest("hex") == ""
    assert h.digest() == b""


def test_hash_is_a_transform_stream():
    got = []

    def main():
        h = crypto.createHash("sha1")
        h.on("data", got.append)
        h.on("end", lambda: got.append("end"))
        h.write("ab")
        h.end("c")

    nodehttp.run(main)
    assert got == [hashlib.sha1(b"abc").digest(), "end"]


def test_timing_safe_equal():
    assert crypto.timingSafeEqual(b"abc", bytearray(b"abc")) is True
    assert crypto.timingSafeEqual(b"abc", b"abd") is False
    with pytest.raises(RangeError) as info:
        crypto.timingSafeEqual(b"a", b"ab")
    assert info.value.code == "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH"
    with pytest.raises(NodeTypeError, match='"buf1"'):
        crypto.timingSafeEqual("a", b"a")


def test_random_bytes_sync_and_callback_off_loop():
    assert len(crypto.randomBytes(16)) == 16
    assert crypto.randomBytes(0) == b""
    order = []

    def main():
        crypto.randomBytes(8, lambda err, buf: order.append(("cb", err, len(buf))))
        nodehttp.process.nextTick(lambda: order.append("tick"))
        order.append("sync")

    nodehttp.run(main)
    assert order == ["sync", "tick", ("cb", None, 8)]


@pytest.mark.parametrize("size, cls, msg", [
    (-1, RangeError, 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. '
                     "Received -1"),
    ("1", NodeTypeError, 'The "size" argument must be of type number. Received type string'),
    (float("nan"), RangeError, "Received NaN"),
])
def test_random_bytes_errors(size, cls, msg):
    with pytest.raises(cls, match=msg.replace("(", r"\(")):
        crypto.randomBytes(size)


def test_random_fill():
    buf = bytearray(8)
    assert crypto.randomFillSync(buf, 4) is buf and buf[:4] == bytearray(4)
    done = []

    def main():
        crypto.randomFill(bytearray(4), lambda err, b: done.append((err, len(b))))

    nodehttp.run(main)
    assert done == [(None, 4)]


def test_pbkdf2_sync_and_callback():
    want = hashlib.pbkdf2_hmac("sha512", b"secret", b"salt", 1000, 32)
    assert crypto.pbkdf2Sync("secret", "salt", 1000, 32, "sha512") == want
    assert crypto.pbkdf2Sync("p", "s", 0, 8, "sha1") == crypto.pbkdf2Sync("p", "s", 1, 8, "sha1")
    got = []
    nodehttp.run(lambda: crypto.pbkdf2("secret", "salt", 1000, 32, "sha512",
                                       lambda err, key: got.append((err, key))))
    assert got == [(None, want)]


def test_pbkdf2_argument_checks():
    with pytest.raises(NodeTypeError, match='"digest" argument must be one of type string or null'):
        crypto.pbkdf2Sync("p", "s", 1, 32)
    with pytest.raises(NodeTypeError) as info:
        crypto.pbkdf2Sync("p", "s", 1, 32, "nope")
    assert (info.value.code, str(info.value)) == ("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: nope")
    with pytest.raises(RangeError, match="It must be an integer. Received 1.5"):
        crypto.pbkdf2Sync("p", "s", 1.5, 32, "sha1")
    with pytest.raises(RangeError, match="keylen.*Received 4294967296"):
        crypto.pbkdf2Sync("p", "s", 1, 2**32, "sha1")
    with pytest.raises(NodeTypeError) as info:
        crypto.pbkdf2("p", "s", 1, 32, "sha1")
    assert info.value.code == "ERR_INVALID_CALLBACK"
