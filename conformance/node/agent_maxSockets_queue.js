// Agent: maxSockets: 1 queues requests in agent.requests; they run one after another on one socket.
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
  res.end(req.url);
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let left = 3;
  for (const path of ['/1', '/2', '/3']) {
    http.get({ port, host: '127.0.0.1', path, agent }, (res) => {
      log('response', path, counts(agent));
      res.resume();
      res.on('end', () => {
        if (--left === 0) setImmediate(() => {
          log('done', counts(agent));
          agent.destroy();
          server.close();
        });
      });
    });
  }
  log('queued', counts(agent));
});
