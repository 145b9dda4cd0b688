// https: a server and keep-alive requests through an Agent with the test CA; URL forms; protocol errors.
const https = require('https');
const http = require('http');
const fs = require('fs');
const path = require('path');
const read = (f) => fs.readFileSync(path.join(process.env.TLS_FIXTURES, f));

const server = https.createServer({ key: read('localhost.key'), cert: read('localhost.pem') }, (req, res) => {
  res.setHeader('x-encrypted', String(req.socket.encrypted));
  res.end(`${req.method} ${req.url} ${req.headers.host === `localhost:${server.address().port}`}`);
});
let secure = 0;
server.on('secureConnection', () => { secure++; });

for (const f of [() => http.request('https://localhost/'), () => https.request('http://localhost/'),
  () => https.request({ protocol: 'http:', host: 'localhost' })]) {
  try { f(); } catch (e) { console.log(`${e instanceof TypeError}`, e.code, e.message); }
}
const agent = new https.Agent({ keepAlive: true, ca: read('ca.pem') });
console.log('agent', agent.protocol, agent.defaultPort, https.globalAgent instanceof https.Agent,
  https.globalAgent.defaultPort);

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let firstSocket;
  const one = (i) => {
    const opts = i === 0 ? `https://localhost:${port}/a?b=1` : i === 1
      ? new URL(`https://localhost:${port}/url`) : { host: 'localhost', port, path: '/opts', method: 'POST' };
    const req = (i === 2 ? https.request(opts, onres) : https.get(opts, { agent }, onres));
    if (i === 2) req.end('body');
    function onres(res) {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        console.log(`${i}`, res.statusCode, body, res.headers['x-encrypted'], res.socket.encrypted, res.socket.authorized);
        if (i === 0) firstSocket = res.socket;
        else if (i === 1) console.log('reused', res.socket === firstSocket, 'secureConnections', secure);
        if (i < 2) setImmediate(() => one(i + 1));
        else { agent.destroy(); server.close(); }
      });
    }
    req.on('error', (e) => { console.log(`${i}`, 'error', e.code); if (i === 2) { agent.destroy(); server.close(); } });
  };
  one(0);
});
