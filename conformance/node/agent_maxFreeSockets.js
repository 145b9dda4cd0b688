// Agent: keepAlive with maxFreeSockets: 1: of two parallel sockets one is pooled, the other closed.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)}`;
};
const server = http.createServer((req, res) => res.end(req.url));
let connections = 0;
server.on('connection', (socket) => {
  connections++;
  socket.on('close', () => log('server socket close'));
});
const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1 });
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let left = 2;
  for (const path of ['/a', '/b']) {
    http.get({ port, host: '127.0.0.1', path, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (--left === 0) setTimeout(() => {
          log('connections', connections, counts(agent));
          agent.destroy();
          server.close();
        }, 50);
      });
    });
  }
  log('started', counts(agent));
});
