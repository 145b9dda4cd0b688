// Server: an oversized header followed by a malformed header name is a header
// overflow (Node counts the big header before reaching the bad name).
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => res.end());
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.destroy();
});

const cases = [
  'GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(9000) + '\r\nX A: b\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(7000) + '\r\nX\x01: b\r\n\r\n',
];

function run(i) {
  if (i === cases.length) {
    server.close(() => log('server close'));
    return;
  }
  const client = net.connect(server.address().port, '127.0.0.1');
  client.on('data', () => {});
  client.on('close', () => run(i + 1));
  client.write(cases[i]);
}

server.listen(0, '127.0.0.1', () => run(0));
