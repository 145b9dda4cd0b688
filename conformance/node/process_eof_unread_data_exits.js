// Liveness: a client socket paused before it connected reads nothing; its peer
// sends data and FIN, 'end' never fires, and the process still exits.
const net = require('net');
const srv = net.createServer((s) => {
  s.on('finish', () => s.destroy());
  s.end('hello');
  srv.close();
});
srv.listen(0, '127.0.0.1', () => {
  const c = net.connect(srv.address().port, '127.0.0.1');
  c.pause();
  c.on('connect', () => console.log('connect'));
  c.on('end', () => console.log('end'));
  c.on('data', (d) => console.log('data', String(d)));
});
process.on('exit', (code) => console.log('exit', code));
