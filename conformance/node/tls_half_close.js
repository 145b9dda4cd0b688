// tls: half-close — close_notify is 'end', the other side can still write (allowHalfOpen), the server ends first, the client (over a net socket with allowHalfOpen) answers after its 'end'.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));
const seen = { client: [], server: [] };
const log = (side, ...a) => seen[side].push(a.join(' '));
process.on('exit', () => {
  for (const side of ['client', 'server']) for (const l of seen[side]) console.log(l);
});
const opts = { key: read('localhost.key'), cert: read('localhost.pem') };

function serverEndsFirst(done) {
  const server = tls.createServer(opts, (s) => {
    let got = '';
    s.on('data', (d) => { got += d; });
    s.end('bye');
    s.on('finish', () => log('server', 'B server finish'));
    s.on('end', () => log('server', 'B server end, got', got));
    s.on('close', () => { log('server', 'B server close'); server.close(done); });
  });
  server.listen(0, '127.0.0.1', () => {
    const raw = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      const c = tls.connect({ socket: raw, ca: read('ca.pem'), servername: 'localhost' });
      client(c);
    });
  });
}

function client(c) {
  c.on('data', (d) => log('client', 'B client data', d.toString()));
  c.on('end', () => {
    log('client', 'B client end');
    c.write('late words', () => log('client', 'B client write cb'));
    c.end();
  });
  c.on('close', () => log('client', 'B client close'));
}

serverEndsFirst(() => {});
