// Node doc (http.md), request.removeHeader(name): the doc's fragment on a client request;
// the server prints the headers it received.
const http = require('http');

const server = http.createServer((req, res) => {
  delete req.headers.host;
  console.log(`server ${req.method} ${JSON.stringify(req.headers)}`);
  req.setEncoding('utf8');
  let data = '';
  req.on('data', (chunk) => { data += chunk; });
  req.on('end', () => res.end(`got ${JSON.stringify(data)}`));
});

server.listen(0, '127.0.0.1', () => {
  const request = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST' });
  request.setHeader('Content-Type', 'text/plain');
  // -- the doc's lines --
  request.removeHeader('Content-Type');
  // --
  console.log(`client ${JSON.stringify(request.hasHeader('Content-Type'))}`);
  request.end('x');
  request.on('response', (res) => {
    console.log(`client ${res.statusCode}`);
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log(`client ${chunk}`));
    res.on('end', () => server.close());
  });
});
