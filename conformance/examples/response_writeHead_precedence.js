// Node doc (http.md), "response.writeHead(statusCode[, statusMessage][, headers])": setHeader and writeHead
// merged, writeHead's value wins; a client prints what it received.
const http = require('http');

// returns content-type = text/plain
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/html');
  res.setHeader('X-Foo', 'bar');
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('ok');
});

server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    delete res.headers.date;
    console.log(`${res.statusCode} ${JSON.stringify(res.headers)}`);
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log(chunk));
    res.on('end', () => server.close());
  });
});
