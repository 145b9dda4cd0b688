// Server: a request with both a chunked Transfer-Encoding and a Content-Length.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.headers['content-length'], req.headers['transfer-encoding']);
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    log('body', q(body));
    res.end();
  });
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
  client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
});
