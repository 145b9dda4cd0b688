// tls: requestCert — a client certificate signed by the CA authorizes, none or a self-signed one does not.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const serverLog = [];
const server = tls.createServer({
  key: read('localhost.key'), cert: read('localhost.pem'), ca: read('ca.pem'),
  requestCert: true, rejectUnauthorized: false,
}, (s) => {
  const cert = s.getPeerCertificate();
  serverLog.push(['secureConnection', s.authorized, s.authorizationError, cert.subject ? cert.subject.CN : 'none']);
  s.end('bye');
});
const attempts = [
  { key: read('client.key'), cert: read('client.pem') },
  {},
  { key: read('self.key'), cert: read('self.pem') },
];
function next(i) {
  if (i === attempts.length) {
    server.close();
    strict();
    return;
  }
  const c = tls.connect(Object.assign({ port: server.address().port, host: '127.0.0.1',
    ca: read('ca.pem'), maxVersion: 'TLSv1.2' }, attempts[i]), () => console.log(`${i}`, 'secureConnect', c.authorized));
  c.on('data', (d) => console.log(`${i}`, 'data', d.toString()));
  c.on('close', () => next(i + 1));
}
function strict() {
  const s2 = tls.createServer({
    key: read('localhost.key'), cert: read('localhost.pem'), ca: read('ca.pem'),
    requestCert: true, rejectUnauthorized: true,
  }, (s) => { serverLog.push(['strict secureConnection', s.authorized]); s.end('ok'); });
  s2.on('tlsClientError', (e) => serverLog.push(['strict tlsClientError']));
  s2.listen(0, '127.0.0.1', () => {
    const c = tls.connect({ port: s2.address().port, host: '127.0.0.1', ca: read('ca.pem'),
      key: read('client.key'), cert: read('client.pem'), maxVersion: 'TLSv1.2' }, () => console.log('strict ok'));
    c.on('data', (d) => console.log('strict data', d.toString()));
    c.on('close', () => {
      const c2 = tls.connect({ port: s2.address().port, host: '127.0.0.1', ca: read('ca.pem'),
        maxVersion: 'TLSv1.2' }, () => console.log('strict no-cert secureConnect'));
      c2.on('error', (e) => console.log('strict no-cert error', typeof e.code));
      c2.on('close', () => s2.close());
    });
  });
}
server.listen(0, '127.0.0.1', () => next(0));
process.on('exit', () => serverLog.forEach((l) => console.log(...l)));
