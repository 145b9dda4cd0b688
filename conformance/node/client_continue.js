// Client: Expect: 100-continue; the body is sent on 'continue'.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  log('server request', req.headers.expect);
  req.setEncoding('utf8');
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => res.end(`got ${body}`));
});
server.listen(0, '127.0.0.1', () => {
  const req = http.request({
    port: server.address().port, host: '127.0.0.1', method: 'POST',
    headers: { 'Expect': '100-continue', 'Content-Length': 4 }
  }, (res) => {
    log('response', res.statusCode);
    res.setEncoding('utf8');
    res.on('data', (d) => log('data', d));
    res.on('end', () => server.close());
  });
  req.on('information', (info) => log('information', info.statusCode));
  req.on('continue', () => {
    log('continue');
    req.end('body');
  });
});
