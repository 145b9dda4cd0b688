// cluster, SCHED_RR (the default): two workers listen(0) on one port; the primary
// accepts and hands connections out in turn (3 and 3 of 6 sequential requests);
// cluster.disconnect(cb) runs cb once cluster.workers is empty.
const cluster = require('cluster');
const http = require('http');
const N = 2;
if (cluster.isMaster) {
  let listening = 0; const ports = new Set();
  for (let i = 0; i < N; i++) cluster.fork();
  cluster.on('listening', (w, addr) => {
    ports.add(addr.port);
    if (++listening < N) return;
    console.log('all listening; one port:', ports.size === 1);
    const seen = {};
    let left = 6;
    const next = () => {
      http.get({port: addr.port, host: '127.0.0.1', agent: false, path: '/'}, (res) => {
        let b = ''; res.on('data', (c) => b += c);
        res.on('end', () => {
          seen[b] = (seen[b] || 0) + 1;
          if (--left) return next();
          const counts = Object.values(seen).sort();
          console.log('workers answering:', Object.keys(seen).length, 'counts', counts.join(','));
          cluster.disconnect(() => console.log('all disconnected', Object.keys(cluster.workers).length));
        });
      });
    };
    next();
  });
  cluster.on('exit', (w, code, sig) => console.log('exit', code, sig, w.exitedAfterDisconnect));
} else {
  http.createServer((req, res) => res.end(String(cluster.worker.id))).listen(0, '127.0.0.1');
}
