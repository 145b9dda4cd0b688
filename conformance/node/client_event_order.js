// Client: event order of a successful GET, both ends in one process.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  log('server request', req.method, req.url);
  res.end('hi');
});
server.listen(0, '127.0.0.1', () => {
  const req = http.get({ port: server.address().port, host: '127.0.0.1', path: '/x' });
  req.on('socket', (socket) => {
    log('req socket');
    socket.on('connect', () => log('socket connect'));
    socket.on('close', () => log('socket close'));
  });
  req.on('finish', () => log('req finish'));
  req.on('response', (res) => {
    log('response', res.statusCode, res.statusMessage, res.httpVersion);
    res.on('data', (d) => log('data', q(d.toString())));
    res.on('end', () => log('res end', res.complete));
    res.on('close', () => log('res close'));
  });
  req.on('close', () => {
    log('req close');
    server.close();
  });
  log('sync after get', req.method, req.path, req.finished);
});
