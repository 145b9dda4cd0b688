// Server: three pipelined requests; the first is answered last, responses still go out in order.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
const pending = [];
server.on('request', (req, res) => {
  log('request', req.url);
  pending.push(res);
  res.on('finish', () => log('finish', req.url));
  if (pending.length === 3) {
    pending[1].end('two');
    pending[2].end('three');
    setTimeout(() => pending[0].end('one'), 20);
  }
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
  client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
