// Node doc (http.md), "new Agent([options])": a keep-alive agent; two
// requests in a row, the second reuses the first one's socket.
const http = require('http');
const keepAliveAgent = new http.Agent({ keepAlive: true });

const server = http.createServer((req, res) => res.end(req.headers.connection));

server.listen(0, '127.0.0.1', () => {
  const options = { port: server.address().port, host: '127.0.0.1' };
  const seen = [];
  let count = 0;
  function onResponseCallback(res) {
    count++;
    if (!seen.includes(res.socket)) seen.push(res.socket);
    console.log(`${res.statusCode} ${res.headers.connection} socket#${seen.indexOf(res.socket)}`);
    res.setEncoding('utf8');
    res.on('data', (chunk) => console.log(chunk));
    res.on('end', () => {
      if (count === 1) {
        setImmediate(() => http.request(options, onResponseCallback).end());
      } else {
        keepAliveAgent.destroy();
        server.close();
      }
    });
  }
  options.agent = keepAliveAgent;
  http.request(options, onResponseCallback).end();
});
