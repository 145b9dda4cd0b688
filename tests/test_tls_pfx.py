"""tls: ``pfx``/``passphrase`` (PKCS#12), read by OpenSSL through ctypes (Node's LoadPKCS12).

The bags are made at test time by ``openssl pkcs12 -export`` (conformance/tls_fixtures.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conformance import tls_fixtures
from nodehttp import _tls_openssl, tls
from nodehttp.errors import NodeError
from tests.test_tls import listen, read, run


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def test_pkcs12_parse_gives_pem_key_cert_and_ca(fx):
    key, cert, cas = _tls_openssl.pkcs12_parse(read(fx, "localhost.pfx"), b"sample", b"k" * 32)
    # The key comes back encrypted under the one-time passphrase, never in clear.
    assert key.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert cert is not None and cert.startswith(b"-----BEGIN CERTIFICATE-----")
    assert [c.strip() for c in cas] == [read(fx, "ca.pem").strip()]


@pytest.mark.parametrize("data,passphrase,reason", [
    ("localhost.pfx", "wrong", "mac verify failure"),
    ("localhost.pfx", None, "mac verify failure"),
    ("ca.pem", "x", "wrong tag"),
])
def test_bad_pfx_or_passphrase_is_nodes_plain_error(fx, data, passphrase, reason):
    opts = {"pfx": read(fx, data)}
    if passphrase is not None:
        opts["passphrase"] = passphrase
    with pytest.raises(NodeError) as e:
        tls.createSecureContext(opts)
    assert str(e.value) == reason and e.value.code is None


def test_pfx_forms_node_accepts(fx):
    tls.createSecureContext({"pfx": read(fx, "localhost-nopass.pfx")})
    tls.createSecureContext({"pfx": read(fx, "localhost-nopass.pfx"), "passphrase": ""})
    # A list entry's own passphrase wins over the shared one.
    tls.createSecureContext({"pfx": [{"buf": read(fx, "localhost.pfx"), "passphrase": "sample"}],
                             "passphrase": "wrong"})
    sc = tls.createSecureContext({"pfx": [read(fx, "localhost.pfx")], "passphrase": "sample"})
    assert sc.context.cert_store_stats()["x509_ca"] >= 1  # the bag's CA is trusted


def test_no_clear_key_is_written_while_loading_a_pfx(fx, monkeypatch):
    from nodehttp import _tls_common

    seen: list[bytes] = []
    real = _tls_common._load_chain

    def spy(ctx, certs, keys, passphrase):
        seen.extend(keys)
        real(ctx, certs, keys, passphrase)

    monkeypatch.setattr(_tls_common, "_load_chain", spy)
    tls.createSecureContext({"pfx": read(fx, "localhost.pfx"), "passphrase": "sample"})
    assert seen and all(b"ENCRYPTED" in k for k in seen)
    assert not [f for f in os.listdir("/dev/shm") if f.startswith("nodehttp-tls-")]


def test_a_server_from_a_pfx_serves_its_chain(fx):
    out: list = []

    def main() -> None:
        server = tls.createServer({"pfx": read(fx, "localhost.pfx"), "passphrase": "sample"},
                                  lambda s: s.end("from pfx"))

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost"},
                            lambda: out.append((c.authorized,
                                                c.getPeerCertificate()["subject"]["CN"])))
            c.on("data", lambda d: out.append(bytes(d)))
            c.on("close", lambda *_: server.close())

        listen(server, go)

    run(main)
    assert out == [(True, "localhost"), b"from pfx"]
