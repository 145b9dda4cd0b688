// Server without an 'upgrade' listener: after an Upgrade request served as an
// ordinary request, a malformed next request gets no 400 -- llhttp's upgrade
// flag is still up, so Node reports no parse error and ignores what follows.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => {
  log('request', req.method, req.url, req.upgrade);
  res.end('ok');
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.destroy();
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  let sent = false;
  client.on('data', (d) => {
    got += d;
    if (!sent && got.endsWith('ok')) {
      sent = true;
      client.write('G@T / HTTP/1.1\r\nHost: x\r\n\r\n');
      client.setTimeout(200, () => {
        log('client timeout');
        client.write('GET /ignored HTTP/1.1\r\nHost: x\r\n\r\n');
        client.end();
      });
    }
  });
  client.on('end', () => log('client got', JSON.stringify(got.replace(/Date: .*\r\n/g, ''))));
  client.on('close', () => server.close(() => log('server close')));
  client.write('GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
});
