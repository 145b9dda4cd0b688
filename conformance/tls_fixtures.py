"""TLS test material, made at test time with the ``openssl`` command (no key is committed).

``directory()`` returns a private temporary directory (made once per process)
holding PEM files that both the Node programs and their Python ports read
(``TLS_FIXTURES`` in the environment of a conformance case, see runner.py):

- ``ca.pem``/``ca.key``: a test CA;
- ``localhost.pem``/``.key``: a leaf for ``localhost`` and ``127.0.0.1``
  signed by the CA; ``localhost-chain.pem``: that leaf followed by the CA;
- ``other.pem``/``.key``: a leaf for ``other.test`` (SNI), signed by the CA;
- ``self.pem``/``.key``: a self-signed certificate for ``localhost``;
- ``expired.pem``/``.key``: a leaf for ``localhost``, signed by the CA, that
  expired in 2020;
- ``client.pem``/``.key``: a client certificate (``CN=client``) signed by the CA;
- ``localhost.pfx``: the localhost key, leaf and CA as PKCS#12, passphrase
  ``sample``; ``localhost-nopass.pfx``: key and leaf, no passphrase.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path

_DIR: Path | None = None

_CA_CONF = """\
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = policy_any
copy_extensions = copy
unique_subject = no
[ policy_any ]
commonName = supplied
"""


def _openssl(d: Path, *args: str) -> None:
    exe = shutil.which("openssl")
    if exe is None:
        raise RuntimeError("the openssl command is needed to make the TLS test certificates")
    subprocess.run([exe, *args], cwd=d, check=True, capture_output=True)


def _key_and_csr(d: Path, name: str, subject: str, san: str | None) -> None:
    args = ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject]
    if san:
        args += ["-addext", f"subjectAltName={san}"]
    _openssl(d, *args)


def _sign(d: Path, name: str, days: str = "3650") -> None:
    (d / f"{name}.ext").write_text("basicConstraints=CA:FALSE\n" + (
        "subjectAltName=" + (d / f"{name}.san").read_text() + "\n"
        if (d / f"{name}.san").exists() else ""))
    _openssl(d, "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", f"{name}.pem", "-days", days, "-extfile", f"{name}.ext")


def make(d: Path) -> Path:
    """Write the certificates into ``d``; returns ``d``."""
    _openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
             "-subj", "/CN=nodehttp test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, subject, san in (
            ("localhost", "/C=US/O=nodehttp/CN=localhost", "DNS:localhost,IP:127.0.0.1"),
            ("other", "/CN=other.test", "DNS:other.test"),
            ("client", "/CN=client", None)):
        _key_and_csr(d, name, subject, san)
        if san:
            (d / f"{name}.san").write_text(san)
        _sign(d, name)
    (d / "localhost-chain.pem").write_bytes(
        (d / "localhost.pem").read_bytes() + (d / "ca.pem").read_bytes())
    _openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", "self.key", "-out", "self.pem", "-days", "3650",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
    # Expired: openssl ca is the command that takes explicit dates.
    _key_and_csr(d, "expired", "/CN=localhost", "DNS:localhost,IP:127.0.0.1")
    (d / "ca.cnf").write_text(_CA_CONF)
    (d / "index.txt").write_text("")
    (d / "serial").write_text("1000\n")
    _openssl(d, "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
             "-in", "expired.csr", "-out", "expired.pem", "-notext",
             "-startdate", "20190101000000Z", "-enddate", "20200101000000Z")
    _openssl(d, "pkcs12", "-export", "-inkey", "localhost.key", "-in", "localhost.pem",
             "-certfile", "ca.pem", "-passout", "pass:sample", "-out", "localhost.pfx")
    _openssl(d, "pkcs12", "-export", "-inkey", "localhost.key", "-in", "localhost.pem",
             "-passout", "pass:", "-out", "localhost-nopass.pfx")
    return d


def directory() -> Path:
    """The certificates' directory, made on first use and removed at exit."""
    global _DIR
    if _DIR is None:
        d = Path(tempfile.mkdtemp(prefix="nodehttp-tls-fixtures-"))
        atexit.register(shutil.rmtree, d, True)
        _DIR = make(d)
    return _DIR
