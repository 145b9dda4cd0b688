// Client: a 101 response fires 'upgrade' with the socket and the bytes after the head.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: proto\r\nConnection: Upgrade\r\n\r\nextra bytes';
const server = net.createServer((socket) => {
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    buf += d;
    if (buf.includes('\r\n\r\n')) {
      buf = '';
      socket.end(RESPONSE);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.get({ port, host: '127.0.0.1', headers: { Connection: 'Upgrade', Upgrade: 'proto' } });
  req.on('response', () => log('response must not fire'));
  req.on('upgrade', (res, socket, head) => {
    log('upgrade', res.statusCode, res.headers, q(head.toString()));
    socket.on('data', (d) => log('socket data', q(d.toString())));
    socket.on('end', () => {
      log('socket end');
      socket.end();
      server.close();
    });
  });
  req.on('close', () => log('req close'));
});
