"""Shared by the Python client benchmarks: argv parsing and the JSON result line."""
import json
import sys
import time

WARMUP = 500


def args():
    """(port, mode, total, inflight, seconds) from argv: PORT seq|conc N [INFLIGHT [SECONDS]].

    SECONDS caps the measured part: a slow client stops starting requests then and reports
    how many it completed (req/s stays comparable; the run stays short).
    """
    port, mode, total = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    inflight = 1 if mode == 'seq' else int(sys.argv[4] if len(sys.argv) > 4 else 50)
    seconds = float(sys.argv[5]) if len(sys.argv) > 5 else float('inf')
    return port, mode, total, inflight, seconds


class Meter:
    """Wall time, CPU time and per-request latencies of the measured part."""

    def __init__(self):
        self.lat = []
        self.t0 = time.perf_counter()
        self.cpu0 = time.process_time()

    def report(self, total, errors=0):
        seconds = time.perf_counter() - self.t0
        cpu = time.process_time() - self.cpu0
        lat = sorted(self.lat)
        def pct(p):
            return lat[min(len(lat) - 1, len(lat) * p // 100)] * 1e6 if lat else 0
        print(json.dumps({'requests': total, 'seconds': seconds, 'cpu_s': cpu,
                          'p50_us': pct(50), 'p99_us': pct(99), 'errors': errors}), flush=True)
