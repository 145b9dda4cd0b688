// Server without an 'upgrade' listener: an Upgrade request with a body is an
// ordinary request, its Content-Length body is its body (not a next request),
// whether the body comes in the same packet or later.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const head = 'POST /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 35\r\n\r\n';
const body = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
const last = 'GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

const server = http.createServer((req, res) => {
  let n = 0;
  req.on('data', (d) => { n += d.length; });
  req.on('end', () => {
    log('request', req.method, req.url, req.upgrade, n);
    res.end('ok');
  });
});

function run(first, later, done) {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  let sentLast = false;
  client.on('data', (d) => {
    got += d;
    if (!sentLast && got.endsWith('ok')) {
      sentLast = true;
      client.write(last);
    }
  });
  client.on('end', () => {
    log('client got', JSON.stringify(got.replace(/Date: .*\r\n/g, '')));
  });
  client.on('close', done);
  client.write(first);
  if (later) setTimeout(() => client.write(later), 50);
}

server.listen(0, '127.0.0.1', () => {
  run(head, body, () => {
    run(head + body, null, () => server.close(() => log('server close')));
  });
});
