// Server: close() does not cut an idle keep-alive connection; its callback waits for the client.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => res.end('ok'));
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1', agent }, (res) => {
    res.resume();
    res.on('end', () => {
      server.close(() => log('server close callback'));
      log('close called', server.listening);
      server.getConnections((err, n) => log('connections', err, n));
      setTimeout(() => {
        log('agent destroy');
        agent.destroy();
      }, 50);
    });
  });
});
