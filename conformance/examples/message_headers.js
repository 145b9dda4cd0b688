// Node doc (http.md), "message.headers": a server printing it for the doc's request,
// sent as raw bytes by a net client (console.log of an object prints it with
// JSON.stringify in both twins: util.inspect's format is not ported).
const http = require('http');
const net = require('net');

const server = http.createServer((request, response) => {
  // Prints something like:
  //
  // { 'user-agent': 'curl/7.22.0',
  //   host: '127.0.0.1:8000',
  //   accept: '*/*' }
  console.log(JSON.stringify(request.headers));
  response.end();
});

server.listen(0, '127.0.0.1', () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    socket.write('GET / HTTP/1.1\r\n' +
                 'User-Agent: curl/7.22.0\r\n' +
                 'Host: 127.0.0.1:8000\r\n' +
                 'Accept: */*\r\n' +
                 '\r\n');
  });
  socket.once('data', () => socket.end());
  socket.on('close', () => server.close());
});
