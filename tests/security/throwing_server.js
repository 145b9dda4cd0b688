// A server whose 'request' listener throws: Node prints the error and exits 1.
// tests/security/throwing_server.py is this file ported line by line.
'use strict';
const http = require('http');

const server = http.createServer((req, res) => {
  throw new Error('boom');
});

server.listen(0, '127.0.0.1', () => {
  console.log(server.address().port);
});
