// Client: setHeader/getHeader/getHeaders/getHeaderNames/hasHeader/removeHeader on a ClientRequest.
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
  const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: { 'X-Init': 'i' } },
                           (res) => { res.resume(); res.on('end', () => server.close()); });
  req.setHeader('X-Num', 1);
  req.setHeader('Cookie', ['a=1', 'b=2']);
  log(req.getHeader('x-init'), req.getHeader('X-NUM'), req.getHeader('cookie'), req.getHeader('none'));
  log(req.getHeaderNames());
  log(req.hasHeader('HOST'), req.hasHeader('x-num'));
  req.removeHeader('X-Init');
  log(JSON.stringify(req.getHeaders()).replace(String(port), '<port>'));
  req.end();
  try {
    req.setHeader('X-Late', 'x');
  } catch (err) {
    log('late', err.code);
  }
});
