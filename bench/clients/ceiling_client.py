"""Client benchmark: the ceiling — a bare asyncio Protocol with httptools' response parser.

Run: python ceiling_client.py PORT seq|conc N [INFLIGHT]. INFLIGHT keep-alive connections,
each writing a canned GET as soon as the previous response completes; no futures per request.
"""
import asyncio
import os
import sys
import time

import httptools
import uvloop

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WARMUP, Meter, args  # noqa: E402

perf = time.perf_counter


class Batch:
    """Counts requests left across all connections and signals when the last one completes."""

    def __init__(self, n, record, done):
        self.left, self.pending, self.record, self.done = n, n, record, done


class ClientProtocol(asyncio.Protocol):
    def __init__(self, request):
        self.request = request
        self.parser = httptools.HttpResponseParser(self)
        self.batch = None
        self.t0 = 0.0

    def connection_made(self, transport):
        self.transport = transport

    def start(self, batch):
        self.batch = batch
        self.send()

    def send(self):
        batch = self.batch
        if batch.left > 0:
            batch.left -= 1
            self.t0 = perf()
            self.transport.write(self.request)

    def data_received(self, data):
        self.parser.feed_data(data)

    def on_message_complete(self):
        batch = self.batch
        if batch.record is not None:
            batch.record.append(perf() - self.t0)
        batch.pending -= 1
        if batch.pending == 0:
            batch.done.set_result(None)
        else:
            self.send()


async def run_batch(conns, n, record):
    done = asyncio.get_running_loop().create_future()
    batch = Batch(n, record, done)
    for proto in conns:
        proto.start(batch)
    await done


async def main():
    port, mode, total, inflight = args()
    loop = asyncio.get_running_loop()
    request = b'GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: keep-alive\r\n\r\n' % port
    conns = []
    for _ in range(inflight):
        _, proto = await loop.create_connection(lambda: ClientProtocol(request), '127.0.0.1', port)
        conns.append(proto)
    await run_batch(conns, WARMUP, None)
    meter = Meter()
    await run_batch(conns, total, meter.lat)
    meter.report(total)
    for proto in conns:
        proto.transport.close()


uvloop.run(main())
