// Agent: a response nobody listens for is dumped, and its keep-alive socket goes back to the pool.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)} requests=${n(agent.requests)}`;
};
const server = http.createServer((req, res) => {
  log('server', req.url);
  res.end('x'.repeat(1000));
});
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.get({ port, host: '127.0.0.1', agent, path: '/ignored' });
  req.on('close', () => log('req close'));
  req.on('socket', (socket) => {
    socket.once('free', () => {
      log('socket free', counts(agent));
      setImmediate(() => http.get({ port, host: '127.0.0.1', agent, path: '/next' }, (res) => {
        log('next', res.statusCode, counts(agent));
        res.resume();
        res.on('end', () => {
          agent.destroy();
          server.close();
        });
      }));
    });
  });
});
