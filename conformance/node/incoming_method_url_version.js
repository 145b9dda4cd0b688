// IncomingMessage: method, url (as sent) and version for several request lines.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('request', (req, res) => {
  log(req.method, q(req.url), req.httpVersion, req.httpVersionMajor, req.httpVersionMinor);
  req.resume();
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
  client.write('GET /a/b?c=d&e=%20f HTTP/1.1\r\nHost: x\r\n\r\nPUT /put HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nDELETE * HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: x\r\n\r\nPATCH http://example.com/abs HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET //double HTTP/1.0\r\n\r\n');
});
