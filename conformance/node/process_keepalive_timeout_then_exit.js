// After server.close(), an idle keep-alive connection still reads and keeps the
// process alive until keepAliveTimeout ends it; then the process exits 0.
const http = require('http');
const agent = new http.Agent({keepAlive: true});
const srv = http.createServer((req, res) => res.end('ok'));
srv.keepAliveTimeout = 300;
srv.listen(0, '127.0.0.1', () => {
  http.get({port: srv.address().port, host: '127.0.0.1', agent}, (res) => {
    res.resume();
    res.on('end', () => { console.log('end'); srv.close(() => console.log('server closed')); });
  });
});
const t0 = Date.now();
process.on('exit', (c) => console.log('exit', c, Date.now() - t0 > 250));
