// Server: HTTP/1.0 with Connection: keep-alive and a Content-Length response keeps the socket open.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.url, req.headers.connection);
  res.setHeader('Content-Length', 2);
  res.end('ok');
  const socket = req.socket;
  if (req.url === '/two') res.on('finish', () => socket.end());
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
  client.write('GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /two HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
});
