// Client: a chunked response with trailers: trailers/rawTrailers after end.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\nx-t: 2\r\nX-U: u\r\n\r\n';
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
    log('before end', res.trailers, res.rawTrailers);
    res.on('data', (d) => log('data', q(d.toString())));
    res.on('end', () => {
      log('after end', res.trailers, res.rawTrailers);
      server.close();
    });
  });
});
