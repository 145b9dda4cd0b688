// tls: 'keylog' (Node >= 12.3) — NSS key-log lines on the client socket and on the server (line, tlsSocket), per TLS version.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const seen = { client: [], server: [] };
const label = (line) => `${line.toString().split(' ')[0]} ${line.length > 100} ${line[line.length - 1] === 10}`;
const server = tls.createServer({ key: read('localhost.key'), cert: read('localhost.pem') }, (s) => s.end('x'));
server.on('keylog', (line, socket) => seen.server.push(`${label(line)} ${socket instanceof tls.TLSSocket}`));

function attempt(versions, done) {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: read('ca.pem'),
    servername: 'localhost', maxVersion: versions }, () => {
    seen.client.push(`secureConnect ${c.getProtocol()}`);
  });
  c.on('keylog', (line) => seen.client.push(label(line)));
  c.on('data', () => {});
  c.on('close', done);
}

server.listen(0, '127.0.0.1', () => {
  attempt('TLSv1.3', () => attempt('TLSv1.2', () => {
    server.close();
    for (const side of ['client', 'server']) for (const l of seen[side]) console.log(side, l);
  }));
});
