// Node doc (http.md), "Event: 'clientError'": the doc's server (port 0), sent
// a malformed request by a net client that prints the answer.
const http = require('http');
const net = require('net');

const server = http.createServer((req, res) => {
  res.end();
});
server.on('clientError', (err, socket) => {
  console.log(`clientError ${err.code}`);
  socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
});
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.end('GET / HTTP/1.1\r\nBad Header\r\n\r\n');
  client.setEncoding('latin1');
  client.on('data', (data) => console.log(JSON.stringify(data)));
  client.on('end', () => server.close());
});
