// Server: a header block cut off mid-line (no line end yet) over the header
// size limit fails at once with HPE_HEADER_OVERFLOW, not at a timeout.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => {
  log('request', req.url);
  res.end();
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.setTimeout(3000, () => {
    log('client timeout');
    client.destroy();
  });
  client.on('close', () => {
    log('client got', JSON.stringify(got));
    server.close(() => log('server close'));
  });
  client.write('GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(9000));
});
