// Node doc (http.md), "message.url": a server printing it for the doc's request,
// sent as raw bytes by a net client (console.log of an object prints it with
// JSON.stringify in both twins: util.inspect's format is not ported).
const http = require('http');
const net = require('net');

const server = http.createServer((request, response) => {
  // The doc: for this request, request.url is '/status?name=ryan'
  console.log(JSON.stringify(request.url));
  response.end();
});

server.listen(0, '127.0.0.1', () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    socket.write('GET /status?name=ryan HTTP/1.1\r\n' +
                 'Accept: text/plain\r\n' +
                 '\r\n');
  });
  socket.once('data', () => socket.end());
  socket.on('close', () => server.close());
});
