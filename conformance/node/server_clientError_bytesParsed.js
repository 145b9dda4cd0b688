// Server: 'clientError' err.bytesParsed is where the parser stopped in the chunk.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
server.on('clientError', (err, socket) => {
  log('clientError', err.code, err.bytesParsed, err instanceof Error);
  log('rawPacket', q(err.rawPacket.toString('latin1')));
  socket.end('HTTP/1.1 400 Bad Request\r\nX-Why: parse\r\n\r\n');
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('end', () => {
    log('client got', q(got.replace(/Date: .*\r\n/g, 'Date: <date>\r\n')));
    client.end();
  });
  client.on('close', () => {
    log('client close');
    server.close(() => log('server close'));
  });
  client.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
});
