// IncomingMessage: a chunked request body with trailers (trailers, rawTrailers, complete).
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.headers['transfer-encoding'], req.complete);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    log('body', q(Buffer.concat(chunks).toString()), req.complete);
    log('trailers', req.trailers, req.rawTrailers);
    res.end();
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
  client.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Check\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Check: abc\r\nx-check: def\r\nX-Other: 1\r\n\r\n');
});
