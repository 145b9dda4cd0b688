#!/usr/bin/env bash
# Sets up everything `make bench` needs; idempotent (safe to run every time).
#  - wrk, the load generator, from Debian's packages when it is missing;
#  - the `bench` extra (uvicorn, aiohttp, httpx, matplotlib) into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench/setup.sh: installing wrk from Debian's packages"
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v taskset >/dev/null 2>&1 || echo "bench/setup.sh: taskset missing (util-linux); runs will be unpinned" >&2
command -v node >/dev/null 2>&1 || echo "bench/setup.sh: node missing; Node peers will be skipped" >&2

STAMP=.venv/.bench-installed-$(cat setup.cfg | cksum | cut -d' ' -f1)
if [ ! -e "$STAMP" ] || ! .venv/bin/python -c 'import uvicorn, aiohttp, httpx, matplotlib' 2>/dev/null; then
    echo "bench/setup.sh: installing the bench extra"
    .venv/bin/pip install -q -e '.[bench]'
    rm -f .venv/.bench-installed-* && touch "$STAMP"
fi
echo "bench/setup.sh: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), bench extra ready"
