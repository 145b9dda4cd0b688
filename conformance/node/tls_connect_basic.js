// tls: a server and a client with the test CA: the secure events, the socket surface.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const serverLog = [];
const server = tls.createServer({ key: read('localhost.key'), cert: read('localhost.pem') }, (s) => {
  serverLog.push(['secureConnection', s.encrypted, s.authorized, s.authorizationError, s.servername,
    s.alpnProtocol, s instanceof tls.TLSSocket]);
  s.on('data', (d) => { serverLog.push(['server data', d.toString()]); s.end('pong'); });
  s.on('end', () => serverLog.push(['server end']));
  s.on('close', () => { serverLog.push(['server close']); server.close(); });
});
server.on('connection', (s) => serverLog.push(['connection', s instanceof tls.TLSSocket]));

server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: read('ca.pem'),
    servername: 'localhost', maxVersion: 'TLSv1.2' }, () => {
    console.log('secureConnect', c.encrypted, c.authorized, c.authorizationError, c.getProtocol(),
      typeof c.getCipher().name, c.alpnProtocol, c.servername);
    const cert = c.getPeerCertificate();
    console.log('subject', JSON.stringify(cert.subject), 'issuer', JSON.stringify(cert.issuer));
    console.log('san', cert.subjectaltname, 'fp', cert.fingerprint.length, cert.fingerprint256.length,
      'raw', Buffer.isBuffer(cert.raw), 'valid', typeof cert.valid_from, / GMT$/.test(cert.valid_to));
    c.write('ping');
  });
  c.on('connect', () => console.log('connect'));
  c.on('data', (d) => console.log('data', d.toString()));
  c.on('end', () => console.log('end'));
  c.on('close', (hadError) => console.log('close', hadError));
});
process.on('exit', () => serverLog.forEach((l) => console.log(...l)));
