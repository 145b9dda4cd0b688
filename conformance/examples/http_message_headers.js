// Node doc (http.md), "HTTP": the headers object of a request that sent
// exactly the doc's headers (sent as raw bytes by a net client).
const http = require('http');
const net = require('net');

const server = http.createServer((req, res) => {
  console.log(JSON.stringify(req.headers));
  req.resume();
  req.on('end', () => res.end());
});

server.listen(0, '127.0.0.1', () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    socket.write('POST / HTTP/1.1\r\n' +
                 'Content-Length: 123\r\n' +
                 'Content-Type: text/plain\r\n' +
                 'Connection: keep-alive\r\n' +
                 'Host: mysite.com\r\n' +
                 'Accept: */*\r\n' +
                 '\r\n' + 'x'.repeat(123));
  });
  socket.once('data', () => socket.end());
  socket.on('close', () => server.close());
});
