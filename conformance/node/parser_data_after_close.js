// Server: bytes after a request that closes the connection (Connection: close,
// then HTTP/1.0) are a parse error: the request is answered, 'clientError' gets
// HPE_CLOSED_CONNECTION where the next request begins.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  log('request', req.method, req.url, req.httpVersion);
  res.end('ok');
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code, err.bytesParsed);
  socket.destroy();
});

const sends = [
  'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /c HTTP/1.0\r\n\r\nGET /d HTTP/1.1\r\nHost: x\r\n\r\n',
];

function next(i) {
  if (i === sends.length) {
    server.close(() => log('server close'));
    return;
  }
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('close', () => {
    log('client got', q(got.replace(/Date: .*\r\n/g, 'Date: <date>\r\n')));
    next(i + 1);
  });
  client.write(sends[i]);
}

server.listen(0, '127.0.0.1', () => next(0));
