// Client benchmark: Node's own http client (node node_client.js PORT seq|conc N [INFLIGHT]).
// Prints one JSON line: requests, seconds, cpu_s, p50_us, p99_us, errors.
'use strict';
const http = require('http');

const [port, mode, total, inflight] = [+process.argv[2], process.argv[3], +process.argv[4],
                                       +(process.argv[5] || 1)];
// Optional cap on the measured part, in seconds (see bench/clients/common.py).
const seconds = process.argv[6] ? +process.argv[6] : Infinity;
const WARMUP = 500;
const agent = new http.Agent({ keepAlive: true, maxSockets: mode === 'seq' ? 1 : inflight });
const options = { host: '127.0.0.1', port, path: '/', agent };

function batch(n, width, record, done, deadline = Infinity) {
  let started = 0, finished = 0, errors = 0;
  function one() {
    started++;
    const t0 = process.hrtime.bigint();
    const req = http.get(options, (res) => {
      res.resume();
      res.on('end', () => {
        if (record) record.push(Number(process.hrtime.bigint() - t0) / 1000);
        next();
      });
    });
    req.on('error', () => { errors++; next(); });
  }
  function next() {
    finished++;
    if (started < n && Date.now() < deadline) one();
    else if (finished === started) done(finished, errors);
  }
  for (let i = 0; i < Math.min(width, n); i++) one();
}

const width = mode === 'seq' ? 1 : inflight;
batch(WARMUP, width, null, () => {
  const lat = [];
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  batch(total, width, lat, (count, errors) => {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    lat.sort((a, b) => a - b);
    const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p / 100))];
    console.log(JSON.stringify({ requests: count, seconds, cpu_s: (cpu.user + cpu.system) / 1e6,
                                 p50_us: pct(50), p99_us: pct(99), errors }));
    agent.destroy();
  }, Date.now() + seconds * 1000);
});
