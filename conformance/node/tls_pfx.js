// tls: pfx (PKCS#12) with passphrase — createSecureContext's errors, and a server whose credentials come from a pfx.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const tries = [
  ['good passphrase', { pfx: read('localhost.pfx'), passphrase: 'sample' }],
  ['wrong passphrase', { pfx: read('localhost.pfx'), passphrase: 'wrong' }],
  ['no passphrase', { pfx: read('localhost.pfx') }],
  ['no passphrase needed', { pfx: read('localhost-nopass.pfx') }],
  ['empty passphrase', { pfx: read('localhost-nopass.pfx'), passphrase: '' }],
  ['PEM instead', { pfx: read('ca.pem'), passphrase: 'x' }],
  ['a short string', { pfx: 'abc' }],
  ['array with buf', { pfx: [{ buf: read('localhost.pfx'), passphrase: 'sample' }], passphrase: 'wrong' }],
  ['array, shared passphrase', { pfx: [read('localhost.pfx')], passphrase: 'sample' }],
];
for (const [name, options] of tries) {
  try {
    tls.createSecureContext(options);
    console.log(name, 'ok');
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
}

const server = tls.createServer({ pfx: read('localhost.pfx'), passphrase: 'sample' }, (s) => {
  console.log('server secureConnection', s.authorized);
  s.end('from pfx');
});
server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: read('ca.pem'),
    servername: 'localhost', maxVersion: 'TLSv1.2' }, () => {
    const cert = c.getPeerCertificate();
    console.log('client secureConnect', c.authorized, cert.subject.CN, cert.issuer.CN);
  });
  c.on('data', (d) => console.log('client data', d.toString()));
  c.on('close', () => {
    console.log('client close');
    server.close(() => console.log('server close'));
  });
});
