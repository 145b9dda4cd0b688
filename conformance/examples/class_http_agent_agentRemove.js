// Node doc (http.md), "Class: http.Agent": detaching a socket from the pool
// with 'agentRemove'; the trace shows the socket is not pooled afterwards.
const http = require('http');

const server = http.createServer((req, res) => res.end('done'));

server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true });
  const options = { port: server.address().port, host: '127.0.0.1', agent };
  let sock;
  http.get(options, (res) => {
    // Do stuff
    console.log(`response ${res.statusCode}`);
    res.resume();
    res.on('end', () => setImmediate(() => {
      console.log(`sockets ${Object.keys(agent.sockets).length} ` +
                  `free ${Object.keys(agent.freeSockets).length} ` +
                  `destroyed ${sock.destroyed}`);
      sock.destroy();
      server.close();
    }));
  }).on('socket', (socket) => {
    sock = socket;
    socket.emit('agentRemove');
  });
});
