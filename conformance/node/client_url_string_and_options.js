// Client: http.request(url, options, cb): options override the URL; method is upper-cased.
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
  const req = http.request(`http://127.0.0.1:${port}/from-url?q=1`, { method: 'post', headers: { 'X-Opt': 'yes' } },
                           (res) => { res.resume(); res.on('end', () => server.close()); });
  log('client', req.method, req.path);
  req.end();
});
