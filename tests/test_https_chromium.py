"""https: headless Chromium loads a page from a nodehttp https server.

Chromium is Debian's (``.ci/install-chromium``, run by ``make test``).  It
trusts our test certificate by its public key only:
``--ignore-certificate-errors-spki-list=<base64 sha256 of the leaf's
SubjectPublicKeyInfo>`` (any other certificate is still refused, which the
second test shows), so no NSS database is needed.  The flags are the ones
this machine needs for a headless run with no network (no sandbox as root,
no GPU, no QUIC, no background or first-run traffic, a fresh profile).
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from conformance import tls_fixtures
from nodehttp import https, timers
from tests.test_tls import read, run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGE = (b'<!doctype html><html><body><div id="x">static</div><script>'
        b'document.getElementById("x").textContent = "js ran over " + location.protocol;'
        b'</script></body></html>')


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


def _spki_sha256(fx: Path) -> str:
    pub = subprocess.run(["openssl", "x509", "-in", str(fx / "localhost.pem"), "-pubkey",
                          "-noout"], capture_output=True, check=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=pub,
                         capture_output=True, check=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def _chromium_dump_dom(url: str, spki: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="nodehttp-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}",
             f"--ignore-certificate-errors-spki-list={spki}", "--dump-dom", url],
            capture_output=True, text=True, timeout=120)


def _load(fx: Path, spki: str) -> tuple[Any, list]:
    seen: list = []
    out: dict = {}

    def main() -> None:
        def handler(req: Any, res: Any) -> None:
            seen.append((req.method, req.url, req.headers.get("user-agent", ""),
                         req.socket.getProtocol(), req.socket.servername))
            res.writeHead(200, {"Content-Type": "text/html; charset=utf-8"})
            res.end(PAGE)

        server = https.createServer({"key": read(fx, "localhost.key"),
                                     "cert": read(fx, "localhost.pem")}, handler)
        server.keepAliveTimeout = 300

        def onlisten() -> None:
            url = f"https://localhost:{server.address()['port']}/page?x=1"

            def work() -> None:
                try:
                    out["result"] = _chromium_dump_dom(url, spki)
                except BaseException as exc:  # noqa: BLE001 - reported below
                    out["error"] = exc

            t = threading.Thread(target=work)
            t.start()

            def poll() -> None:  # the browser runs in a thread; the loop serves it
                if t.is_alive():
                    timers.setTimeout(poll, 50)
                else:
                    server.close()
            poll()

        server.listen(0, "127.0.0.1", onlisten)

    run(main, guard_ms=180000)
    if "error" in out:
        raise out["error"]
    return out["result"], seen


def test_chromium_loads_a_page_over_https(fx):
    assert Path(CHROMIUM).exists(), "chromium is needed: bash .ci/install-chromium"
    result, seen = _load(fx, _spki_sha256(fx))
    assert result.returncode == 0, result.stderr[-2000:]
    # The DOM after the page's script ran: the page came over TLS and was trusted.
    assert '<div id="x">js ran over https:</div>' in result.stdout
    method, url, agent, protocol, servername = seen[0]
    assert (method, url, protocol, servername) == ("GET", "/page?x=1", "TLSv1.3", "localhost")
    assert "Chrome/" in agent


def test_chromium_refuses_a_certificate_it_does_not_trust(fx):
    assert Path(CHROMIUM).exists(), "chromium is needed: bash .ci/install-chromium"
    other = base64.b64encode(hashlib.sha256(b"not our key").digest()).decode()
    result, seen = _load(fx, other)
    assert "js ran over" not in result.stdout and seen == []
