// The Node oracle for the hostile-input corpus (tests/security/corpus.py).
// Default server options (unless --insecure); the handler reads the whole body, then answers 200
// with a fixed body and X-Body-Length echoing how many body bytes it read.
// Prints the port it listens on (127.0.0.1, ephemeral) on stdout.
// tests/security/nodehttp_server.py is this file ported line by line.
'use strict';
const http = require('http');

// `node node_server.js --insecure` passes {insecureHTTPParser: true}.
const options = process.argv.includes('--insecure') ? { insecureHTTPParser: true } : {};

const server = http.createServer(options, (req, res) => {
  let length = 0;
  req.on('data', (chunk) => {
    length += chunk.length;
  });
  req.on('end', () => {
    res.setHeader('X-Body-Length', String(length));
    res.end('ok\n');
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(server.address().port);
});
