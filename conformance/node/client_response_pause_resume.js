// Client: res.pause() holds data until resume(); isPaused() reports it.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
const server = net.createServer((socket) => {
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    buf += d;
    if (buf.includes('\r\n\r\n')) {
      buf = '';
      socket.end(RESPONSE);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  http.get({ port, host: '127.0.0.1' }, (res) => {
    res.pause();
    log('paused', res.isPaused());
    res.on('data', (d) => log('data', q(d.toString()), res.isPaused()));
    res.on('end', () => {
      log('end');
      server.close();
    });
    setTimeout(() => {
      log('resume');
      res.resume();
    }, 30);
  });
});
