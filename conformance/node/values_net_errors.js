// net/timers: Node 10's messages for bad ports and callbacks, and a system error's
// shape (code, syscall, address, port, message) for ECONNREFUSED.
const net = require('net');
function t(name, f) {
  try {
    f();
    console.log(name, 'ok');
  } catch (e) {
    console.log(name, e.code, JSON.stringify(e.message), e instanceof TypeError, e instanceof RangeError);
  }
}
t('listen port true', () => net.createServer().listen({ port: true }));
t('listen port {}', () => net.createServer().listen({ port: {} }));
t('listen port -1', () => net.createServer().listen({ port: -1 }));
t('listen port NaN', () => net.createServer().listen({ port: NaN }));
t('listen port 1.5', () => net.createServer().listen({ port: 1.5 }));
t('listen port x', () => net.createServer().listen({ port: 'x' }));
t('connect port NaN', () => net.connect({ port: NaN }));
t('connect port true', () => net.connect({ port: true }));
t('connect localAddress', () => net.connect({ port: 1, localAddress: 'nope' }));
t('setTimeout(1)', () => setTimeout(1));
t('nextTick(1)', () => process.nextTick(1));
t('socket.setTimeout(NaN)', () => new net.Socket().setTimeout(NaN));
t('socket.setTimeout()', () => new net.Socket().setTimeout());
const server = net.createServer();
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  server.close(() => {
    const c = net.connect(port, '127.0.0.1');
    c.on('error', (err) => {
      console.log('error', err.code, err.syscall, err.address, err.port === port, err.message === `connect ECONNREFUSED 127.0.0.1:${port}`);
    });
  });
});
