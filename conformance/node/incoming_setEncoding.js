// IncomingMessage: setEncoding turns data chunks into strings, multibyte characters kept whole.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  req.setEncoding('utf8');
  let s = '';
  let allStrings = true;
  req.on('data', (c) => { s += c; allStrings = allStrings && typeof c === 'string'; });
  req.on('end', () => {
    log('body', q(s), s.length, allStrings);
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
  const body = Buffer.from('h\u00e9llo w\u00f6rld \u20ac');
  client.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
  client.write(body.slice(0, 2));
  setTimeout(() => client.write(body.slice(2)), 20);
});
