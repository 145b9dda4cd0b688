// Server: what the differential fuzzer found, where Node 10 and 20 agree.
// A tab after a Content-Length's digits is HPE_INVALID_CONTENT_LENGTH even
// when a later byte of the header block is bad too; a CONNECT pipelined
// behind a request, with no 'connect' listener, destroys the socket before
// the first response is written, and that response emits 'close'.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => {
  log('request', req.method, req.url);
  res.on('close', () => log('res close'));
  res.on('finish', () => log('res finish'));
  req.resume();
  req.on('end', () => {
    log('end');
    res.end('ok');
  });
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.destroy();
});

const cases = [
  'PATCH /\nContent-Length:5\t\r\n ',
  'GET / HTTP/1.1\r\n\r\nCONNECT 0\n\r\n',
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
  client.write(cases[i]);
}

server.listen(0, '127.0.0.1', () => run(0));
