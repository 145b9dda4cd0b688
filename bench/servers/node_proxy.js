// Benchmark server: a reverse proxy in Node's http (node node_proxy.js PORT UPSTREAM_PORT).
// Each request is forwarded with http.request through a keep-alive Agent, the body piped both
// ways -- the program people port most.
'use strict';
const http = require('http');

const upstream = +process.argv[3];
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const proxyReq = http.request({
    host: '127.0.0.1', port: upstream, path: req.url, method: req.method,
    headers: req.headers, agent,
  }, (proxyRes) => {
    res.writeHead(proxyRes.statusCode, proxyRes.headers);
    proxyRes.pipe(res);
  });
  proxyReq.on('error', (err) => {
    res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(err.message);
  });
  req.pipe(proxyReq);
});
server.keepAliveTimeout = 60000;
server.listen(+process.argv[2], '127.0.0.1', () => console.log('ready'));
