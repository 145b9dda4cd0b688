// Agent: without keepAlive each request gets its own socket, closed after the response.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const counts = (agent) => {
  const n = (o) => Object.keys(o).reduce((s, k) => s + o[k].length, 0);
  return `sockets=${n(agent.sockets)} free=${n(agent.freeSockets)} requests=${n(agent.requests)}`;
};
const server = http.createServer((req, res) => res.end(req.headers.connection));
server.on('connection', (socket) => {
  log('server connection');
  socket.on('close', () => log('server socket close'));
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  http.get({ port, host: '127.0.0.1' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => log('body', d));
    res.on('end', () => {
      log('end', counts(http.globalAgent));
      res.socket.on('close', () => {
        log('client socket close', counts(http.globalAgent));
        server.close();
      });
    });
  });
});
