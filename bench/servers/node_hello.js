// Benchmark server: Node's own http (node node_hello.js PORT).
// GET any path -> 200 "Hello, World!"; POST -> the request body, read fully, echoed back.
'use strict';
const http = require('http');

const HELLO = Buffer.from('Hello, World!');
const HELLO_HEADERS = { 'Content-Type': 'text/plain', 'Content-Length': HELLO.length };

const server = http.createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream',
                           'Content-Length': body.length });
      res.end(body);
    });
    return;
  }
  res.writeHead(200, HELLO_HEADERS);
  res.end(HELLO);
});
server.keepAliveTimeout = 60000;
server.listen(+process.argv[2], '127.0.0.1', () => console.log('ready'));
