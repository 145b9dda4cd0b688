// Client: removeHeader('Connection') on a request through a keep-alive agent
// sends no Connection header and gives up keep-alive (Node 10's _storeHeader
// sets shouldKeepAlive false): the socket is destroyed, not pooled.
const http = require('http');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)}`;
};
const server = http.createServer((req, res) => {
  log('server got connection header', req.headers.connection);
  res.end('ok');
});
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  const req = http.request({ port: server.address().port, host: '127.0.0.1', agent }, (res) => {
    log('response', res.headers.connection);
    res.resume();
    res.on('end', () => log('end'));
    res.socket.on('close', () => {
      log('socket close', counts(agent));
      agent.destroy();
      server.close();
    });
  });
  req.removeHeader('Connection');
  req.end();
  log('shouldKeepAlive after end', req.shouldKeepAlive);
});
