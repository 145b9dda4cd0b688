// Server: requests pipelined in one packet, the last malformed.  Once the
// parser has flushed headers (a trailer, or over 32 header fields), each later
// message runs the nextTick queue first, so the responses already finished
// reach the wire before the parse error's 400.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer((req, res) => {
  req.on('end', () => res.end(req.url));
  req.resume();
});
server.on('clientError', (err, socket) => {
  log('clientError', err.code);
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

const BAD = 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n';
const GET = (u) => `GET ${u} HTTP/1.1\r\nHost: x\r\n\r\n`;
let many = 'GET /many HTTP/1.1\r\nHost: x\r\n';
for (let i = 0; i < 40; i++) many += `h${i}: v\r\n`;
const cases = [
  'POST /trailer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n' +
    GET('/a') + GET('/b') + BAD,
  many + '\r\n' + GET('/c') + BAD,
  GET('/d') + GET('/e') + BAD,
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
