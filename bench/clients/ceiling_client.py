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
    """Requests left and in flight across all connections; done when the last one completes."""

    def __init__(self, n, record, done, deadline):
        self.left, self.started, self.completed = n, 0, 0
        self.record, self.done, self.deadline = record, done, deadline


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
        if batch.left > 0 and perf() < batch.deadline:
            batch.left -= 1
            batch.started += 1
            self.t0 = perf()
            self.transport.write(self.request)

    def data_received(self, data):
        self.parser.feed_data(data)

    def on_message_complete(self):
        batch = self.batch
        if batch.record is not None:
            batch.record.append(perf() - self.t0)
        batch.completed += 1
        self.send()
        if batch.completed == batch.started and not batch.done.done():
            batch.done.set_result(None)


async def run_batch(conns, n, record, deadline=float('inf')):
    done = asyncio.get_running_loop().create_future()
    batch = Batch(n, record, done, deadline)
    for proto in conns:
        proto.start(batch)
    await done
    return batch.completed


async def main():
    port, mode, total, inflight, seconds = args()
    loop = asyncio.get_running_loop()
    request = b'GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: keep-alive\r\n\r\n' % port
    conns = []
    for _ in range(inflight):
        _, proto = await loop.create_connection(lambda: ClientProtocol(request), '127.0.0.1', port)
        conns.append(proto)
    await run_batch(conns, WARMUP, None)
    meter = Meter()
    done = await run_batch(conns, total, meter.lat, time.perf_counter() + seconds)
    meter.report(done)
    for proto in conns:
        proto.transport.close()


uvloop.run(main())
