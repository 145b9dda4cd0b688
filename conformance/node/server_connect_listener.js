// Server: 'connect' gets the request, the socket and the bytes after the headers.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('connect', (req, socket, head) => {
  log('connect', req.method, req.url, req.headers.host, q(head.toString()));
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  socket.on('data', (d) => {
    log('tunnel data', q(d.toString()));
    socket.end('bye');
  });
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
  client.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nearly');
  client.once('data', () => client.write('later'));
});
