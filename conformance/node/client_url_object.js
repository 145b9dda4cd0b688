// Client: http.get(URL object) uses its host, port, path and search.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer((req, res) => {
  log('server', req.method, req.url);
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const u = new URL(`http://127.0.0.1:${server.address().port}/p%20a/th?x=1&y=%C3%A9#frag`);
  http.get(u, (res) => {
    log('response', res.statusCode);
    res.resume();
    res.on('end', () => server.close());
  });
});
