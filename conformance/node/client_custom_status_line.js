// Client: a custom reason phrase and an HTTP/1.0 close-delimited body.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.0 299 Very Custom Reason\r\nX-A: b\r\n\r\nbody until close';
const server = net.createServer((socket) => {
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    buf += d;
    if (buf.includes('\r\n\r\n')) {
      buf = '';
      socket.end(RESPONSE);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  http.get({ port, host: '127.0.0.1' }, (res) => {
    log('response', res.statusCode, res.statusMessage, res.httpVersion);
    res.setEncoding('utf8');
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => {
      log('end', q(body), res.complete);
      server.close();
    });
  });
});
