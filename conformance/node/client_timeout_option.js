// Client: the timeout option arms the socket's idle timer: 'timeout' on the request.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'unused';
const server = net.createServer((socket) => {
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    buf += d;
    if (buf.includes('\r\n\r\n')) {
      buf = '';
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.get({ port, host: '127.0.0.1', timeout: 50 }, () => log('response must not fire'));
  req.on('timeout', () => {
    log('timeout');
    req.abort();
  });
  req.on('error', (err) => log('error', err.code, err.message));
  req.on('close', () => {
    log('close');
    server.close();
  });
});
