"""tls: the 'keylog' event (Node >= 12.3; Node 20 is the oracle), via SSL_CTX_set_keylog_callback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance import tls_fixtures
from nodehttp import tls
from tests.test_tls import listen, read, run, server_opts

_NSS = re.compile(rb"^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+\n$")


@pytest.fixture(scope="session")
def fx() -> Path:
    return tls_fixtures.directory()


@pytest.mark.parametrize("version,client_labels", [
    ("TLSv1.3", ["SERVER_HANDSHAKE_TRAFFIC_SECRET", "EXPORTER_SECRET", "SERVER_TRAFFIC_SECRET_0",
                 "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0"]),
    ("TLSv1.2", ["CLIENT_RANDOM"]),
])
def test_keylog_lines_reach_client_and_server_before_the_secure_events(fx, version,
                                                                       client_labels):
    events: list = []

    def main() -> None:
        server = tls.createServer(server_opts(fx), lambda s: (events.append("secureConnection"),
                                                              s.end("x")))
        server.on("keylog", lambda line, sock: events.append(
            ("server", line, isinstance(sock, tls.TLSSocket) and sock.server is server)))

        def go(port: int) -> None:
            c = tls.connect({"port": port, "host": "127.0.0.1", "ca": read(fx, "ca.pem"),
                             "servername": "localhost", "maxVersion": version},
                            lambda: events.append("secureConnect"))
            c.on("keylog", lambda line: events.append(("client", line)))
            c.on("data", lambda d: None)
            c.on("close", lambda *_: server.close())

        listen(server, go)

    run(main)
    client = [e[1] for e in events if isinstance(e, tuple) and e[0] == "client"]
    server = [e for e in events if isinstance(e, tuple) and e[0] == "server"]
    assert [line.split(b" ")[0].decode() for line in client] == client_labels
    assert all(_NSS.match(line) for line in client)
    # The server logs the same secrets (same lines, its own order), with its socket.
    assert sorted(e[1] for e in server) == sorted(client) and all(e[2] for e in server)
    # Every client line comes before 'secureConnect', every server line before
    # 'secureConnection' (Node's order).
    assert events.index("secureConnect") > max(i for i, e in enumerate(events)
                                               if isinstance(e, tuple) and e[0] == "client")
    assert events.index("secureConnection") > max(i for i, e in enumerate(events)
                                                  if isinstance(e, tuple) and e[0] == "server")

