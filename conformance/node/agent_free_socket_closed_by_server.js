// Agent: a pooled socket closed by the server (keepAliveTimeout) leaves freeSockets.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)}`;
};
const server = http.createServer((req, res) => res.end('ok'));
server.keepAliveTimeout = 50;
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1', agent }, (res) => {
    const socket = res.socket;
    res.resume();
    res.on('end', () => setImmediate(() => {
      log('pooled', counts(agent));
      socket.on('close', () => {
        log('socket close', counts(agent));
        server.close();
      });
    }));
  });
});
