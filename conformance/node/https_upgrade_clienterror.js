// https: 'upgrade' over TLS hands both sides the TLS socket; tlsClientError becomes 'clientError'.
const https = require('https');
const net = require('net');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const server = https.createServer({ key: read('localhost.key'), cert: read('localhost.pem') });
server.on('upgrade', (req, socket, head) => {
  console.log('server upgrade', req.headers.upgrade, socket.encrypted, head.length);
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
  socket.on('data', (d) => socket.end(`echo:${d}`));
});
server.on('clientError', (err, socket) => {
  console.log('clientError', typeof err.message, socket.encrypted);
  socket.destroy();
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = https.request({ host: 'localhost', port, ca: read('ca.pem'),
    headers: { Connection: 'Upgrade', Upgrade: 'echo' } });
  req.on('upgrade', (res, socket, head) => {
    console.log('client upgrade', res.statusCode, socket.encrypted, socket.authorized, head.length);
    socket.write('hello');
    socket.on('data', (d) => console.log('client data', d.toString()));
    socket.on('close', () => {
      const plain = net.connect(port, '127.0.0.1', () => plain.write('GET / HTTP/1.1\r\n\r\n'));
      plain.on('close', () => { console.log('plain close'); server.close(); });
    });
  });
  req.end();
});
