// Benchmark server: Node's https, the handler as the Node docs write it
// (node node_https_hello.js PORT). The key and certificate are made at start-up.
'use strict';
const https = require('https');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
const key = path.join(dir, 'key.pem');
const cert = path.join(dir, 'cert.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                         '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });

const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
  (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('Hello, World!');
  });
server.keepAliveTimeout = 60000;
server.listen(+process.argv[2], '127.0.0.1', () => console.log('ready'));
