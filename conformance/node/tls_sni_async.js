// tls: an SNICallback that answers later (setTimeout) — a context for one name, the default for another, an error for a third.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const other = tls.createSecureContext({ key: read('other.key'), cert: read('other.pem') });
const server = tls.createServer({
  key: read('localhost.key'), cert: read('localhost.pem'),
  SNICallback: (name, cb) => {
    console.log('SNICallback', name);
    setTimeout(() => {
      if (name === 'other.test') cb(null, other);
      else if (name === 'bad.test') cb(new Error('no context for ' + name));
      else cb(null);
    }, 20);
  },
}, (s) => {
  console.log('secureConnection', s.servername);
  s.end('hello ' + s.servername);
});
server.on('tlsClientError', (err, s) => console.log('tlsClientError', err.message, s instanceof tls.TLSSocket));

const names = ['other.test', 'localhost', 'bad.test', null];
function next(i) {
  if (i === names.length) return server.close(() => console.log('server close'));
  const opts = { port: server.address().port, host: '127.0.0.1', ca: read('ca.pem'), maxVersion: 'TLSv1.2' };
  if (names[i]) opts.servername = names[i];
  else opts.checkServerIdentity = () => undefined;
  const c = tls.connect(opts, () => {
    console.log(`${i} secureConnect ${c.getPeerCertificate().subject.CN}`);
  });
  c.on('data', (d) => console.log(`${i} data ${d}`));
  c.on('error', (e) => console.log(`${i} error ${e.code}`));
  c.on('close', () => next(i + 1));
}
server.listen(0, '127.0.0.1', () => next(0));
