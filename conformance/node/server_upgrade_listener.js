// Server: 'upgrade' gets the request, the socket and the bytes after the headers.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', () => log('request must not fire'));
server.on('upgrade', (req, socket, head) => {
  log('upgrade', req.method, req.url, req.headers.upgrade, q(head.toString()));
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: proto\r\nConnection: Upgrade\r\n\r\n');
  socket.on('data', (d) => {
    log('socket data', q(d.toString()));
    socket.end(`echo:${d}`);
  });
});

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
  client.write('GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: proto\r\n\r\nHEAD');
  client.once('data', () => client.write('more'));
});
