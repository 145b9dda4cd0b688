// Client: write() after end() emits 'error' ERR_STREAM_WRITE_AFTER_END.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  const port = String(server.address().port);
  log('server', req.method, req.url, q(req.rawHeaders.join('|').replace(port, '<port>')));
  req.resume();
  req.on('end', () => res.end());
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.request({ port, host: '127.0.0.1', method: 'POST' },
                           (res) => { res.resume(); res.on('end', () => server.close()); });
  req.on('error', (err) => log('error', err.code, err.message));
  req.on('finish', () => log('finish'));
  req.end('one');
  log('write', req.write('two'));
});
