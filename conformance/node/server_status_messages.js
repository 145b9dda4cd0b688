// Server: default status messages, unknown codes, custom statusMessage.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
const codes = [100, 200, 201, 301, 404, 418, 451, 500, 599];
server.on('request', (req, res) => {
  const code = Number(req.url.slice(1));
  if (code === 100) {
    res.statusMessage = 'Custom';
    res.writeHead(299);
  } else {
    res.writeHead(code);
  }
  log(code, res.statusMessage);
  res.end();
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
  client.write('GET /100 HTTP/1.1\r\nHost: x\r\n\r\nGET /200 HTTP/1.1\r\nHost: x\r\n\r\nGET /201 HTTP/1.1\r\nHost: x\r\n\r\nGET /301 HTTP/1.1\r\nHost: x\r\n\r\nGET /404 HTTP/1.1\r\nHost: x\r\n\r\nGET /418 HTTP/1.1\r\nHost: x\r\n\r\nGET /451 HTTP/1.1\r\nHost: x\r\n\r\nGET /500 HTTP/1.1\r\nHost: x\r\n\r\nGET /599 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
