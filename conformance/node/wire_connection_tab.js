// Server: a tab in a Connection value.  Node's llhttp reads no close token in
// "close<TAB>" (the connection stays open for the pipelined requests), but
// another Connection header saying close still closes it.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => {
  log('request', req.url, req.headers.connection);
  res.end('ok');
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.destroy();
});

const cases = [
  'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\t\r\n\r\n' +
    'GET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'GET /d HTTP/1.1\r\nHost: x\r\nConnection: k\t\r\nConnection: close\r\n\r\n',
];

function run(i) {
  if (i === cases.length) {
    server.close(() => log('server close'));
    return;
  }
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('close', () => {
    log('client got', JSON.stringify(got.replace(/Date: .*\r\n/g, '')));
    run(i + 1);
  });
  client.end(cases[i]);
}

server.listen(0, '127.0.0.1', () => run(0));
