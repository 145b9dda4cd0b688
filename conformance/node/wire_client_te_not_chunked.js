// Client: a response whose Transfer-Encoding merely ends in "chunked"
// (xchunked, or after a non-ASCII byte) is not chunked: its body runs to EOF
// and ends normally (complete true, no 'aborted').
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const responses = [
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\nhello',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: \u00e9chunked\r\n\r\nhello',
];

function next(i) {
  if (i === responses.length) return;
  const server = net.createServer((s) => {
    s.once('data', () => s.end(Buffer.from(responses[i], 'latin1')));
  });
  server.listen(0, '127.0.0.1', () => {
    const req = http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d) => { body += d; });
      res.on('aborted', () => log('aborted', res.complete));
      res.on('end', () => log('end', res.headers['transfer-encoding'], body, res.complete));
    });
    req.on('error', (e) => log('error', e.code));
    req.on('close', () => {
      log('close');
      server.close(() => next(i + 1));
    });
  });
}
next(0);
