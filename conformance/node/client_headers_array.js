// Client: headers given as an array of [name, value] pairs are sent as given.
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
  const req = http.request({ port, host: '127.0.0.1', headers: [['X-A', '1'], ['x-b', '2'], ['X-A', '3']] },
                           (res) => { res.resume(); res.on('end', () => server.close()); });
  req.end();
});
