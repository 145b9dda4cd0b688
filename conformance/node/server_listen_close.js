// Server: 'listening', listening, address(), close callback; closing a closed server errors.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
log('before', server.listening, server.address());
server.on('listening', () => log('listening event'));
server.on('close', () => log('close event'));
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  log('listen cb', server.listening, addr.address, addr.family, typeof addr.port);
  server.close((err) => {
    log('close cb', err === undefined || err === null, server.listening);
    server.close((err) => log('second close', err.code, err.message));
  });
});
