// Client: the headers Node sends by default for GET, POST with end(data), and write() (chunked).
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
  let left = 3;
  const done = (res) => { res.resume(); res.on('end', () => { if (--left === 0) server.close(); }); };
  http.get({ port, host: '127.0.0.1', path: '/get' }, (res) => {
    done(res);
    const post = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/post' }, (res) => {
      done(res);
      const chunked = http.request({ port, host: '127.0.0.1', method: 'PUT', path: '/chunked' }, done);
      chunked.write('a');
      chunked.end('b');
    });
    post.end('data');
  });
});
