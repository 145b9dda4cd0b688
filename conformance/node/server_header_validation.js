// Server: setHeader/writeHead validation errors and their codes.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  const tries = [
    () => res.setHeader('bad name', 'x'),
    () => res.setHeader('', 'x'),
    () => res.setHeader('X-Ok', 'bad\nvalue'),
    () => res.setHeader('X-Ok', undefined),
    () => res.getHeader(5),
    () => res.removeHeader(undefined),
    () => res.writeHead(99),
    () => res.writeHead(1000),
    () => res.writeHead(200, { 'Bad Name': 'x' }),
  ];
  for (const t of tries) {
    try {
      t();
      log('no error');
    } catch (err) {
      log(err instanceof TypeError ? 'TypeError' : err instanceof RangeError ? 'RangeError' : 'Error', err.code, err.message);
    }
  }
  res.end('done');
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
  client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
