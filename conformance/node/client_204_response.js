// Client: a 204 response ends with no body.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n';
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
    log('response', res.statusCode, res.statusMessage, res.headers);
    res.on('data', (d) => log('data must not fire', d.length));
    res.on('end', () => {
      log('end');
      server.close();
    });
  });
});
