// Node doc (http.md), "Class: http.Agent": agent: false, a new agent just for
// this one request.
const http = require('http');

const server = http.createServer((req, res) => {
  res.end(`connection: ${req.headers.connection}`);
});

server.listen(0, '127.0.0.1', () => {
  http.get({
    hostname: '127.0.0.1',
    port: server.address().port,
    path: '/',
    agent: false  // create a new agent just for this one request
  }, (res) => {
    // Do stuff with response
    console.log(`${res.statusCode} ${res.headers.connection}`);
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log(chunk));
    res.on('end', () => server.close());
  });
});
