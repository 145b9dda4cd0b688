// Node doc (http.md), "agent.keepSocketAlive(socket)": the doc's default implementation,
// run in an Agent subclass over two requests on one keep-alive socket.
const http = require('http');

const seen = [];
class MyAgent extends http.Agent {
  keepSocketAlive(socket) {
    console.log(`keepSocketAlive socket#${seen.indexOf(socket)}`);
    // -- the doc's lines --
    socket.setKeepAlive(true, this.keepAliveMsecs);
    socket.unref();
    return true;
    // --
  }
}
const agent = new MyAgent({ keepAlive: true });

const server = http.createServer((req, res) => res.end(req.url));

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  function get(path, next) {
    const req = http.get({ port, host: '127.0.0.1', path, agent }, (res) => {
      console.log(`response ${res.statusCode} socket#${seen.indexOf(res.socket)}`);
      res.setEncoding('utf8');
      res.on('data', (chunk) => console.log(`data ${chunk}`));
      res.on('end', () => setImmediate(next));
    });
    req.on('socket', (socket) => {
      if (!seen.includes(socket)) seen.push(socket);
      console.log(`socket socket#${seen.indexOf(socket)}`);
    });
  }
  get('/one', () => get('/two', () => {
    agent.destroy();
    server.close();
  }));
});
