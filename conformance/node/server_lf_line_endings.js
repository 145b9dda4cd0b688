// Server: a request whose lines end in a bare LF.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.method, req.url, req.headers);
  res.end('ok');
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.destroy();
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
  client.write('GET /lf HTTP/1.1\nHost: x\nConnection: close\n\n');
});
