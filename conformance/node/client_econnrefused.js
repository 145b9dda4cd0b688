// Client: connection refused: 'error' with ECONNREFUSED, then 'close'.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const probe = net.createServer();
probe.listen(0, '127.0.0.1', () => {
  const port = probe.address().port;
  probe.close(() => {
    const req = http.get({ port, host: '127.0.0.1' }, () => log('response must not fire'));
    req.on('socket', () => log('socket'));
    req.on('error', (err) => log('error', err.code, err.syscall, err.address));
    req.on('close', () => log('close'));
  });
});
