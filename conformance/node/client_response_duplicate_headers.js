// Client: duplicate response headers (set-cookie list, first wins, joined) and rawHeaders.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Type: a/b\r\nContent-Type: c/d\r\nX-Many: 1\r\nX-Many: 2\r\nETag: e1\r\nETag: e2\r\nLocation: l1\r\nLocation: l2\r\nVary: v1\r\nVary: v2\r\nContent-Length: 0\r\n\r\n';
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
    log(res.headers);
    log(res.rawHeaders);
    res.resume();
    res.on('end', () => server.close());
  });
});
