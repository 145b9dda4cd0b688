// cluster: the primary's and the worker's events in order, fork env, IPC messages
// both ways, a worker's server reached through the primary (round-robin), disconnect.
const cluster = require('cluster');
const http = require('http');
if (cluster.isMaster) {
  console.log('master', cluster.isMaster, cluster.isWorker, cluster.schedulingPolicy, cluster.SCHED_RR, cluster.SCHED_NONE);
  const w = cluster.fork({FOO: 'bar'});
  console.log('forked id', w.id, typeof w.process.pid, JSON.stringify(Object.keys(cluster.workers)));
  cluster.on('fork', (w) => console.log('cluster fork', w.id));
  cluster.on('online', (w) => console.log('cluster online', w.id));
  w.on('online', () => console.log('worker online'));
  cluster.on('listening', (w, addr) => console.log('cluster listening', w.id, JSON.stringify(Object.assign({}, addr, {port: addr.port > 0}))));
  w.on('listening', (addr) => {
    console.log('worker listening', JSON.stringify(Object.assign({}, addr, {port: addr.port > 0})));
    http.get({port: addr.port, host: '127.0.0.1', path: '/x'}, (res) => {
      let b=''; res.on('data', c => b+=c); res.on('end', () => { console.log('got', res.statusCode, b); w.send({hello: 'worker', n: [1,2]}); });
    });
  });
  w.on('message', (m, h) => { console.log('worker message', JSON.stringify(m), h); if (m.bye) w.disconnect(); });
  cluster.on('message', (w, m, h) => console.log('cluster message', w.id, JSON.stringify(m), h));
  w.on('disconnect', () => console.log('worker disconnect', w.exitedAfterDisconnect, w.isConnected(), w.isDead()));
  cluster.on('disconnect', (w) => console.log('cluster disconnect', w.id));
  w.on('exit', (code, sig) => console.log('worker exit', code, sig, w.exitedAfterDisconnect, w.isDead()));
  cluster.on('exit', (w, code, sig) => { console.log('cluster exit', w.id, code, sig, JSON.stringify(Object.keys(cluster.workers))); });
  process.on('exit', (c) => console.log('master exit', c));
} else {
  const s = http.createServer((req, res) => res.end('hi from ' + cluster.worker.id + ' ' + process.env.FOO + ' ' + req.url));
  s.listen(0, '127.0.0.1');
  process.on('message', (m) => { process.send({bye: true, got: m, id: cluster.worker.id}); });
}
