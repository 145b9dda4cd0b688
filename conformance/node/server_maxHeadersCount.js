// Server: maxHeadersCount limits the headers (and rawHeaders) kept per request.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.maxHeadersCount = 2;
server.on('request', (req, res) => {
  log('headers', req.headers);
  log('rawHeaders', req.rawHeaders);
  res.end();
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
  client.write('GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nConnection: close\r\n\r\n');
});
