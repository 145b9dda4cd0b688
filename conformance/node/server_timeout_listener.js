// Server: server.setTimeout with a 'timeout' listener: the listener owns the idle socket.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.setTimeout(50, (socket) => {
  log('timeout', socket.destroyed);
  socket.end('HTTP/1.1 408 Request Timeout\r\n\r\n');
});
log('timeout value', server.timeout);

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('end', () => {
    log('client got', q(got.replace(/Date: .*\r\n/g, 'Date: <date>\r\n')));
    client.end();
  });
  client.on('close', () => {
    log('client close');
    server.close(() => log('server close'));
  });
  client.write('GET / HTTP/1.1\r\n');
});
