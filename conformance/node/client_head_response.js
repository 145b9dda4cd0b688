// Client: a HEAD response with Content-Length has no body; the next response on the socket is intact.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n';
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
  const req = http.request({ port, host: '127.0.0.1', method: 'HEAD' }, (res) => {
    log('response', res.statusCode, res.headers['content-length']);
    res.on('data', (d) => log('data must not fire', d.length));
    res.on('end', () => {
      log('end', res.complete);
      server.close();
    });
  });
  req.end();
});
