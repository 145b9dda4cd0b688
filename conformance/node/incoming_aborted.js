// IncomingMessage: the client goes away mid-body: 'aborted', complete false, 'close' on req and res.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.headers['content-length']);
  req.on('data', (c) => log('data', c.length));
  req.on('aborted', () => log('req aborted', req.aborted, req.complete));
  req.on('end', () => log('req end'));
  req.on('close', () => log('req close'));
  res.on('close', () => log('res close', res.finished));
  res.on('finish', () => log('res finish'));
  req.on('data', () => killClient());
});
let killClient;

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
  killClient = () => client.destroy();
  client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial');
});
