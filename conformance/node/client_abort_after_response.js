// Client: abort() inside the 'response' listener: res 'aborted', then 'end'/'close'.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  res.write('partial');
  req.on('close', () => {
    log('server req close');
    server.close();
  });
});
server.listen(0, '127.0.0.1', () => {
  const req = http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    log('response', res.statusCode);
    res.on('aborted', () => log('res aborted'));
    res.on('end', () => log('res end', res.complete));
    res.on('close', () => log('res close'));
    res.on('data', (d) => {
      log('data', q(d.toString()));
      req.abort();
    });
  });
  req.on('abort', () => log('req abort'));
  req.on('error', (err) => log('req error', err.code));
  req.on('close', () => log('req close'));
});
