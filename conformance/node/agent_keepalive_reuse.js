// Agent: keepAlive puts the socket in freeSockets after a response and reuses it (v10 has no reusedSocket).
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)} requests=${n(agent.requests)}`;
};
const server = http.createServer((req, res) => res.end('ok'));
server.on('connection', () => log('server connection'));
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let first;
  const req1 = http.get({ port, host: '127.0.0.1', agent }, (res) => {
    first = res.socket;
    log('response 1', res.headers.connection, counts(agent));
    res.resume();
    res.on('end', () => setImmediate(() => {
      log('after 1', counts(agent));
      const req2 = http.get({ port, host: '127.0.0.1', agent }, (res) => {
        log('response 2 same socket', res.socket === first, counts(agent));
        res.resume();
        res.on('end', () => setImmediate(() => {
          log('after 2', counts(agent));
          agent.destroy();
          setImmediate(() => {
            log('after destroy', counts(agent));
            server.close();
          });
        }));
      });
      log('reusedSocket' in req2);
    }));
  });
  log('reusedSocket' in req1, req1.shouldKeepAlive);
});
