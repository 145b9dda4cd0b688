// Node doc (http.md), "HTTP": rawHeaders of a request that sent exactly the
// doc's raw header lines (sent as raw bytes by a net client).  The doc's list
// has two different Content-Length values; what Node does with them is part
// of the trace.
const http = require('http');
const net = require('net');

const server = http.createServer((req, res) => {
  console.log(JSON.stringify(req.rawHeaders));
  console.log(JSON.stringify(req.headers));
  req.resume();
  req.on('end', () => res.end());
});
server.on('clientError', (err, socket) => {
  console.log(`clientError ${err.code}`);
  socket.destroy();
});

server.listen(0, '127.0.0.1', () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    socket.write('POST / HTTP/1.1\r\n' +
                 'ConTent-Length: 123456\r\n' +
                 'content-LENGTH: 123\r\n' +
                 'content-type: text/plain\r\n' +
                 'CONNECTION: keep-alive\r\n' +
                 'Host: mysite.com\r\n' +
                 'accepT: */*\r\n' +
                 '\r\n' + 'x'.repeat(123));
  });
  socket.on('data', () => socket.end());
  socket.on('close', () => server.close());
});
