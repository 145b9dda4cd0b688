// A gzip-compressing proxy: the upstream server sends plain text (in
// several writes); the proxy pipes the upstream response through
// zlib.createGzip() into its own response with Content-Encoding: gzip; the
// client pipes the body through zlib.createGunzip() and prints the text.
const http = require('http');
const zlib = require('zlib');

const upstream = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  for (let i = 0; i < 50; i++) res.write(`line ${i} of ${req.url}\n`);
  res.end('the end\n');
});

const proxy = http.createServer((req, res) => {
  http.get({ port: upstream.address().port, path: req.url }, (up) => {
    console.log('proxy: upstream', up.statusCode, up.headers['content-type']);
    res.writeHead(up.statusCode, {
      'Content-Type': up.headers['content-type'],
      'Content-Encoding': 'gzip',
    });
    up.pipe(zlib.createGzip()).pipe(res);
  });
});

upstream.listen(0, () => proxy.listen(0, () => {
  http.get({ port: proxy.address().port, path: '/page', headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
    console.log('client:', res.statusCode, res.headers['content-encoding'],
      res.headers['transfer-encoding']);
    let text = '';
    const gunzip = zlib.createGunzip();
    res.pipe(gunzip);
    gunzip.setEncoding('utf8');
    gunzip.on('data', (s) => { text += s; });
    gunzip.on('end', () => {
      const lines = text.split('\n');
      console.log('client: lines', lines.length, 'first', lines[0], 'last', lines[lines.length - 2]);
      console.log('client: bytes', Buffer.byteLength(text));
      proxy.close();
      upstream.close();
    });
  });
}));
