// cluster: a worker that throws exits 1; a worker whose listen fails gets the
// primary's bind error (EADDRINUSE, syscall bind); worker.kill(sig) disconnects, then
// the signal; exitedAfterDisconnect and process.killed as Node sets them.
const cluster = require('cluster');
const net = require('net');
if (cluster.isMaster) {
  const blocker = net.createServer().listen(0, '127.0.0.1', () => {
    const port = blocker.address().port;
    const a = cluster.fork({MODE: 'crash'});
    a.on('exit', (code, sig) => {
      console.log('crash worker exit', code, sig, a.exitedAfterDisconnect);
      const b = cluster.fork({MODE: 'inuse', PORT: String(port)});
      b.on('message', (m) => {
        console.log('inuse worker says', JSON.stringify(m));
        const c = cluster.fork({MODE: 'idle'});
        c.on('online', () => { console.log('idle online'); c.kill('SIGKILL'); });
        c.on('disconnect', () => console.log('idle disconnect'));
        c.on('exit', (code, sig) => { console.log('idle exit', code, sig, c.exitedAfterDisconnect, c.process.killed); blocker.close(); });
      });
      b.on('exit', (code, sig) => console.log('inuse worker exit', code, sig));
    });
  });
} else if (process.env.MODE === 'crash') {
  setImmediate(() => { throw new Error('boom'); });
} else if (process.env.MODE === 'inuse') {
  const s = net.createServer();
  s.on('error', (e) => { process.send({code: e.code, syscall: e.syscall}); process.exit(3); });
  s.listen(Number(process.env.PORT), '127.0.0.1');
} else {
  setInterval(() => {}, 1000);
}
