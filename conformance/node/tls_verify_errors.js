// tls: verification failures carry Node's codes and messages; rejectUnauthorized: false lets them through.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const servers = {
  leaf: { key: read('localhost.key'), cert: read('localhost.pem') },
  chain: { key: read('localhost.key'), cert: read('localhost-chain.pem') },
  self: { key: read('self.key'), cert: read('self.pem') },
  expired: { key: read('expired.key'), cert: read('expired.pem') },
};
const cases = [
  ['leaf', {}],
  ['chain', {}],
  ['self', {}],
  ['expired', { ca: read('ca.pem') }],
  ['leaf', { ca: read('ca.pem'), servername: 'wrong.test' }],
  ['leaf', { ca: read('ca.pem'), rejectUnauthorized: false, servername: 'wrong.test' }],
  ['self', { rejectUnauthorized: false }],
  ['leaf', { ca: read('ca.pem'), checkServerIdentity: (host, cert) => { console.log('check', host, cert.subject.CN); } }],
];

function next(i) {
  if (i === cases.length) return;
  const [name, opts] = cases[i];
  const server = tls.createServer(servers[name], (s) => s.end());
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1', () => {
    const c = tls.connect(Object.assign({ port: server.address().port, host: '127.0.0.1' }, opts), () => {
      console.log(`${i} ${name}`, 'secureConnect', c.authorized, c.authorizationError);
      c.destroy();
    });
    c.on('error', (e) => {
      console.log(`${i} ${name}`, 'error', e.code, e.message);
      if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') console.log('  ', e.reason, e.host, e.cert.subject.CN);
    });
    c.on('close', () => { server.close(); next(i + 1); });
  });
}
next(0);
