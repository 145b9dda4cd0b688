// Server: a response written after its client went away; what reaches the server's 'clientError'.
const http = require('http');
const net = require('net');
function log(...a) { console.log(a.map(x => typeof x === 'string' ? x : JSON.stringify(x)).join(' ')); }
let kept = null;
const server = http.createServer((req, res) => {
  log('request', req.url);
  kept = res;
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.write('a');
  req.socket.on('close', (hadError) => {
    log('socket close', hadError);
    setImmediate(() => {
      log('writing after close');
      res.on('error', (e) => log('res error', e.code));
      res.on('finish', () => log('res finish'));
      req.socket.on('error', (e) => log('socket error', e.code));
      const r = res.write('b', (e) => log('write cb', e ? e.code : null));
      log('write returned', r);
      res.end();
      setTimeout(() => { log('listeners', req.socket.listenerCount('error')); server.close(() => log('server closed')); }, 50);
    });
  });
});
server.on('clientError', (e, socket) => log('clientError', e.code));
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    c.write('GET /x HTTP/1.1\r\nHost: x\r\n\r\n');
  });
  c.on('data', (d) => { log('client got data'); c.destroy(); });
});
