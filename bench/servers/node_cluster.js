// Benchmark server: a cluster of Node workers, the handler as the Node docs write it.
// node node_cluster.js PORT WORKERS [rr|none]
'use strict';
const cluster = require('cluster');
const http = require('http');

if (cluster.isMaster) {
  if (process.argv[4] === 'none') cluster.schedulingPolicy = cluster.SCHED_NONE;
  const n = +process.argv[3];
  let listening = 0;
  cluster.on('listening', () => { if (++listening === n) console.log('ready'); });
  for (let i = 0; i < n; i++) cluster.fork();
} else {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('Hello, World!');
  });
  server.keepAliveTimeout = 60000;
  server.listen(+process.argv[2], '127.0.0.1');
}
