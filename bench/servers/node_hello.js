// Benchmark server: Node's own http (node node_hello.js PORT [doc|cached]).
// GET any path -> 200 "Hello, World!"; POST /echo -> the request body, read fully, echoed back;
// POST /pipe -> the request body streamed back with req.pipe(res).
// doc (default): the handlers as the Node docs write them (a fresh header object, no
// Content-Length). cached: one module-level header object with a precomputed Content-Length.
'use strict';
const http = require('http');

const HELLO = Buffer.from('Hello, World!');
const HELLO_HEADERS = { 'Content-Type': 'text/plain', 'Content-Length': HELLO.length };

function docHandler(req, res) {
  if (req.url === '/pipe') {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    req.pipe(res);
    return;
  }
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (chunk) => { chunks.push(chunk); });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(body);
    });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello, World!');
}

function cachedHandler(req, res) {
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
}

const server = http.createServer(process.argv[3] === 'cached' ? cachedHandler : docHandler);
server.keepAliveTimeout = 60000;
server.listen(+process.argv[2], '127.0.0.1', () => console.log('ready'));
