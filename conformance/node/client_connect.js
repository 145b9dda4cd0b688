// Client: a CONNECT request's 2xx fires 'connect' with the tunnel socket and head.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 200 Connection Established\r\nProxy-Agent: raw\r\n\r\ntunnel';
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
  const req = http.request({ port, host: '127.0.0.1', method: 'CONNECT', path: 'example.com:443' });
  req.on('response', () => log('response must not fire'));
  req.on('connect', (res, socket, head) => {
    log('connect', res.statusCode, res.statusMessage, res.headers, q(head.toString()));
    socket.on('end', () => {
      log('tunnel end');
      socket.end();
      server.close();
    });
    socket.resume();
  });
  req.end();
});
