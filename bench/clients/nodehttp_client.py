"""Client benchmark: nodehttp's client, written as Node code is.

Run: python -m nodehttp nodehttp_client.py PORT seq|conc N [INFLIGHT]  (see node_client.js).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WARMUP, Meter, args  # noqa: E402

from nodehttp import http  # noqa: E402

port, mode, total, inflight, seconds = args()
agent = http.Agent({'keepAlive': True, 'maxSockets': inflight})
options = {'host': '127.0.0.1', 'port': port, 'path': '/', 'agent': agent}
perf = time.perf_counter


def batch(n, width, record, done, deadline=float('inf')):
    state = {'started': 0, 'finished': 0, 'errors': 0}

    def one():
        state['started'] += 1
        t0 = perf()

        def onresponse(res):
            def onend():
                if record is not None:
                    record.append(perf() - t0)
                after()
            res.on('end', onend)
            res.resume()

        def onerror(err):
            state['errors'] += 1
            after()

        http.get(options, onresponse).on('error', onerror)

    def after():
        state['finished'] += 1
        if state['started'] < n and perf() < deadline:
            one()
        elif state['finished'] == state['started']:
            done(state['finished'], state['errors'])

    for _ in range(min(width, n)):
        one()


def measured():
    meter = Meter()

    def done(count, errors):
        meter.report(count, errors)
        agent.destroy()

    batch(total, inflight, meter.lat, done, perf() + seconds)


batch(WARMUP, inflight, None, lambda count, errors: measured())
