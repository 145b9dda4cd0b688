// Node doc (http.md), "message.rawHeaders": a server printing it for the doc's request,
// sent as raw bytes by a net client (console.log of an object prints it with
// JSON.stringify in both twins: util.inspect's format is not ported).
const http = require('http');
const net = require('net');

const server = http.createServer((request, response) => {
  // Prints something like:
  //
  // [ 'user-agent',
  //   'this is invalid because there can be only one',
  //   'User-Agent',
  //   'curl/7.22.0',
  //   'Host',
  //   '127.0.0.1:8000',
  //   'ACCEPT',
  //   '*/*' ]
  console.log(JSON.stringify(request.rawHeaders));
  response.end();
});

server.listen(0, '127.0.0.1', () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    socket.write('GET / HTTP/1.1\r\n' +
                 'user-agent: this is invalid because there can be only one\r\n' +
                 'User-Agent: curl/7.22.0\r\n' +
                 'Host: 127.0.0.1:8000\r\n' +
                 'ACCEPT: */*\r\n' +
                 '\r\n');
  });
  socket.once('data', () => socket.end());
  socket.on('close', () => server.close());
});
