// Client: abort() right after request(): 'abort', no response, socket hang up.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer(() => log('request must not fire'));
server.listen(0, '127.0.0.1', () => {
  const req = http.get({ port: server.address().port, host: '127.0.0.1' }, () => log('response must not fire'));
  req.on('socket', (socket) => {
    log('socket');
    socket.on('close', () => {
      log('socket close');
    });
  });
  req.on('abort', () => {
    log('abort', req.aborted !== undefined);
    server.close(() => log('server close'));
  });
  req.on('error', (err) => log('error', err.code, err.message));
  req.on('close', () => log('close'));
  req.abort();
  log('aborted', req.aborted !== undefined);
});
