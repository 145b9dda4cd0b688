// tls: SNI picks a context (addContext, SNICallback) and ALPN picks a protocol, seen on both sides.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const serverLog = [];
const other = tls.createSecureContext({ key: read('other.key'), cert: read('other.pem') });
const server = tls.createServer({
  key: read('localhost.key'), cert: read('localhost.pem'), ALPNProtocols: ['h2', 'http/1.1'],
}, (s) => {
  serverLog.push(['secureConnection', s.servername, s.alpnProtocol]);
  s.end();
});
server.addContext('*.test', { key: read('other.key'), cert: read('other.pem') });

const attempts = [
  { servername: 'other.test', ALPNProtocols: ['http/1.1'] },
  { servername: 'localhost', ALPNProtocols: ['h2', 'http/1.1'] },
  { servername: 'x.test', maxVersion: 'TLSv1.2' },
];
function next(i) {
  if (i === attempts.length) {
    server.close();
    const s2 = tls.createServer({
      key: read('localhost.key'), cert: read('localhost.pem'),
      SNICallback: (name, cb) => { serverLog.push(['SNICallback', name]); cb(null, other); },
    }, (s) => s.end());
    s2.listen(0, '127.0.0.1', () => {
      const c = tls.connect({ port: s2.address().port, host: '127.0.0.1', servername: 'other.test',
        ca: read('ca.pem') }, () => {
        console.log('SNICallback cert', c.getPeerCertificate().subject.CN, c.authorized);
      });
      c.on('close', () => s2.close());
    });
    return;
  }
  const c = tls.connect(Object.assign({ port: server.address().port, host: '127.0.0.1',
    ca: read('ca.pem') }, attempts[i]), () => {
    console.log(`${i}`, 'cert', c.getPeerCertificate().subject.CN, 'alpn', c.alpnProtocol, c.authorized);
  });
  c.on('error', (e) => console.log(`${i}`, 'error', e.code));
  c.on('close', () => next(i + 1));
}
server.listen(0, '127.0.0.1', () => next(0));
process.on('exit', () => serverLog.forEach((l) => console.log(...l)));
