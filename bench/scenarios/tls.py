"""TLS scenarios -- A HOOK, NOT YET A BENCHMARK.

Issue 16's TLS goals (keep-alive, and a new connection per request, over TLS >= 1.0x Node's
https) are measured once the 'tls' engineer's `nodehttp.https` is merged. Until then this
scenario is skipped with the reason. What to add then: bench/servers/nodehttp_https_hello.py
and node_https_hello.js (the doc-style handler behind `https.createServer({key, cert})`, a
throw-away self-signed key made at start-up), wrk against https:// with hello.lua and
close.lua, and the two ratios in report.targets().
"""
from __future__ import annotations

from harness import available

TITLE = 'TLS: keep-alive and a new connection per request over https'


def run(args, impls: list[str]) -> dict:
    why = available('https')
    if why:
        return {'skipped': f'nodehttp.https is not importable here ({why.split(" (")[0]}); '
                           'the TLS scenarios wait for the tls branch (bench/scenarios/tls.py)'}
    return {'skipped': 'nodehttp.https is importable, but the TLS servers are not written '
                       'yet: see bench/scenarios/tls.py for what to add'}
