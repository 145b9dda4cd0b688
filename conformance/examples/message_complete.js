// Node doc (http.md), "message.complete": the doc's client, against a local
// server (port 0 instead of 8080) that promises 10 bytes, sends 5 and then
// drops the connection.  console.error goes to stderr (not compared); the
// trace lines show what the client saw.
const http = require('http');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Length': 10 });
  res.write('hello');
  setImmediate(() => res.socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const req = http.request({
    host: '127.0.0.1',
    port: server.address().port,
    method: 'POST'
  }, (res) => {
    res.resume();
    res.on('end', () => {
      if (!res.complete)
        console.error(
          'The connection was terminated while the message was still being sent');
    });
    res.on('aborted', () => console.log(`aborted complete=${res.complete}`));
    res.on('end', () => console.log(`end complete=${res.complete}`));
    res.on('close', () => {
      console.log(`close complete=${res.complete}`);
      server.close();
    });
  });
  req.on('error', (err) => console.log(`req error ${err.code}`));
  req.on('close', () => console.log('req close'));
  req.end();
});
