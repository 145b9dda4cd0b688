// Server: write/end callbacks and 'finish' order; write after end.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  res.on('finish', () => log('finish'));
  log('write returns', res.write('a', () => log('write cb')));
  log('end returns', res.end('b', () => log('end cb')) === res);
  log('finished', res.finished);
  res.on('error', (err) => log('error', err.code));
  log('write after end', res.write('c'));
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('end', () => {
    log('client got', q(got.replace(/Date: .*\r\n/g, 'Date: <date>\r\n')));
    client.end();
  });
  client.on('close', () => {
    log('client close');
    server.close(() => log('server close'));
  });
  client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
