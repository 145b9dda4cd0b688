// tls: plain HTTP on the TLS port and a stalled handshake reach 'tlsClientError'; the server lives on.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const server = tls.createServer({ key: read('localhost.key'), cert: read('localhost.pem'),
  handshakeTimeout: 200 }, (s) => s.end('still serving'));
let n = 0;
server.on('tlsClientError', (e, s) => {
  n++;
  console.log('tlsClientError', n, typeof e.message, s instanceof tls.TLSSocket,
    e.code === 'ERR_TLS_HANDSHAKE_TIMEOUT' ? e.code + ' ' + e.message : '');
  if (n === 2) s.destroy();
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const plain = net.connect(port, '127.0.0.1', () => plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  plain.on('data', (d) => console.log('plain got bytes', d.length > 0));
  plain.on('close', () => {
    console.log('plain close');
    const stall = net.connect(port, '127.0.0.1');
    stall.on('close', () => {
      console.log('stall close');
      const c = tls.connect({ port, host: '127.0.0.1', ca: read('ca.pem') });
      c.on('data', (d) => console.log('data', d.toString()));
      c.on('close', () => server.close());
    });
  });
});
