// Server: request/response event order on one connection, seen from both ends.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('connection', () => log('server connection'));
server.on('request', (req, res) => {
  log('request', req.method, req.url, req.httpVersion);
  req.on('end', () => log('req end'));
  req.on('close', () => log('req close'));
  res.on('finish', () => log('res finish'));
  res.on('close', () => log('res close'));
  req.resume();
  res.end('hello');
  log('after end', res.finished, res.headersSent);
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
