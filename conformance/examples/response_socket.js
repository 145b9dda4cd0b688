// Node doc (http.md), "response.socket": the doc's server (port 0 instead of
// 3000); the client prints the answer with its own port masked.
const http = require('http');
const server = http.createServer((req, res) => {
  const ip = res.socket.remoteAddress;
  const port = res.socket.remotePort;
  res.end(`Your IP address is ${ip} and your source port is ${port}.`);
}).listen(0, '127.0.0.1');

server.on('listening', () => {
  http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    const localPort = res.socket.localPort;
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log(chunk.replace(String(localPort), '<port>')));
    res.on('end', () => server.close());
  });
});
