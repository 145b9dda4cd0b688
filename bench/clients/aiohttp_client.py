"""Client benchmark: aiohttp ClientSession on uvloop (python aiohttp_client.py PORT seq|conc N [INFLIGHT])."""
import asyncio
import os
import sys
import time

import aiohttp
import uvloop

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WARMUP, Meter, args  # noqa: E402


async def batch(session, url, n, width, record, deadline=float('inf')):
    left = [n]
    errors = [0]
    perf = time.perf_counter

    async def worker():
        while left[0] > 0 and perf() < deadline:
            left[0] -= 1
            t0 = perf()
            try:
                async with session.get(url) as resp:
                    await resp.read()
            except aiohttp.ClientError:
                errors[0] += 1
            if record is not None:
                record.append(perf() - t0)

    await asyncio.gather(*(worker() for _ in range(min(width, n))))
    return n - left[0], errors[0]


async def main():
    port, mode, total, inflight, seconds = args()
    url = f'http://127.0.0.1:{port}/'
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=inflight)) as session:
        await batch(session, url, WARMUP, inflight, None)
        meter = Meter()
        done, errors = await batch(session, url, total, inflight, meter.lat,
                                   time.perf_counter() + seconds)
        meter.report(done, errors)


uvloop.run(main())
