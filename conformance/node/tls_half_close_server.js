// tls: half-close — close_notify is 'end', the other side can still write (allowHalfOpen), the client ends first, the server (tls.createServer allowHalfOpen, Node >= 14 honours it) answers after its 'end'.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));
const seen = { client: [], server: [] };
const log = (side, ...a) => seen[side].push(a.join(' '));
process.on('exit', () => {
  for (const side of ['client', 'server']) for (const l of seen[side]) console.log(l);
});
const opts = { key: read('localhost.key'), cert: read('localhost.pem') };

function clientEndsFirst(done) {
  const server = tls.createServer(Object.assign({ allowHalfOpen: true }, opts), (s) => {
    let got = '';
    s.on('data', (d) => { got += d; });
    s.on('end', () => {
      log('server', 'A server end, got', got);
      s.write('pong after your end', () => log('server', 'A server write cb'));
      s.end();
    });
    s.on('close', () => { log('server', 'A server close'); server.close(done); });
  });
  server.listen(0, '127.0.0.1', () => {
    const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: read('ca.pem'),
      servername: 'localhost' }, () => {
      c.end('ping');
    });
    c.on('finish', () => log('client', 'A client finish'));
    c.on('data', (d) => log('client', 'A client data', d.toString()));
    c.on('end', () => log('client', 'A client end'));
    c.on('close', () => log('client', 'A client close'));
  });
}

clientEndsFirst(() => {});
