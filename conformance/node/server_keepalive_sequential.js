// Server: two requests one after the other on one keep-alive connection.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
let n = 0;
server.on('connection', () => log('connection'));
server.on('request', (req, res) => {
  n++;
  log('request', n, req.url, req.headers.connection);
  res.end(`r${n}`);
  if (n === 1) res.on('finish', () => setImmediate(() => client2()));
});
let client2;

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
  client.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\n');
  client2 = () => client.write('GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
