// Client: two tabs Node's llhttp reads as Node 10 and 20 agree.  A response
// saying "Connection: close<TAB>" is not closing (no close token): the byte
// after it starts the next response (HPE_INVALID_CONSTANT, not data after
// close).  A tab after a Content-Length's digits fails there
// (HPE_INVALID_CONTENT_LENGTH), before a later bad byte in the same block.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const responses = [
  'HTTP/1.1 500\r\nContent-Length:0\r\nConnection:close\t\r\n\r\nj',
  'HTTP/1.1 204\r\nContent-Length:5\t\r\n ',
];

function next(i) {
  if (i === responses.length) return;
  const server = net.createServer((s) => {
    s.once('data', () => s.end(Buffer.from(responses[i], 'latin1')));
  });
  server.listen(0, '127.0.0.1', () => {
    const req = http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
      log('response', res.statusCode, res.rawHeaders);
      res.resume();
      res.on('end', () => log('end', res.complete));
    });
    req.on('error', (e) => log('error', e.code));
    req.on('close', () => {
      log('close');
      server.close(() => next(i + 1));
    });
  });
}
next(0);
