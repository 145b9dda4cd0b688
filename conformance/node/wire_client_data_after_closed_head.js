// Client: bytes after a response whose body is skipped (HEAD) and that is not
// kept alive (Connection: close, HTTP/1.0).  Node 20's llhttp reads nothing
// more: HPE_CLOSED_CONNECTION for any byte but CR/LF, even one that starts
// "HTTP/" (Node 10: HPE_INVALID_CONSTANT, or no error).  Kept alive, CR/LF
// alone: no error.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const responses = [
  'HTTP/1.1 200\r\nConnection:close\r\n\r\ni',
  'HTTP/1.1 500\r\nConnection:close\r\n\r\nH',
  'HTTP/1.0 600\r\n\r\n1',
  'HTTP/1.1 200\r\nConnection:close\r\nContent-Length: 5\r\n\r\n\r\n',
];

function next(i) {
  if (i === responses.length) return;
  const server = net.createServer((s) => {
    s.once('data', () => s.end(Buffer.from(responses[i], 'latin1')));
  });
  server.listen(0, '127.0.0.1', () => {
    const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'HEAD' }, (res) => {
      log('response', res.statusCode, res.rawHeaders);
      res.resume();
      res.on('end', () => log('end', res.complete));
    });
    req.on('error', (e) => log('error', e.code));
    req.on('close', () => {
      log('close');
      server.close(() => next(i + 1));
    });
    req.end();
  });
}
next(0);
