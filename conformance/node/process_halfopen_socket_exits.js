// Liveness: a server socket with allowHalfOpen that got the peer's FIN no longer
// reads, so it does not keep the process alive (libuv: the handle is inactive).
const net = require('net');
const srv = net.createServer({allowHalfOpen: true}, (s) => {
  s.on('end', () => console.log('server end', s.writable));
  s.on('close', () => console.log('server socket close'));
  s.resume();
  srv.close();
});
srv.listen(0, '127.0.0.1', () => {
  const c = net.connect(srv.address().port, '127.0.0.1', () => c.end());
  c.on('finish', () => { console.log('client finish'); c.destroy(); });
  c.on('close', () => console.log('client close'));
});
process.on('exit', (code) => console.log('exit', code));
