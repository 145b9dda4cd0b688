// A static file server: http + fs.createReadStream(file).pipe(res), 404 on ENOENT, content types.
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const join = path.join;
const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'application/javascript', '.txt': 'text/plain' };
const extname = (p) => { const m = /\.[^./]*$/.exec(p); return m ? m[0] : ''; };

const root = fs.mkdtempSync(os.tmpdir() + '/fs-static-');
fs.writeFileSync(join(root, 'index.html'), '<h1>hello</h1>\n');
fs.writeFileSync(join(root, 'style.css'), 'body { color: red }\n');
fs.writeFileSync(join(root, 'big.txt'), Buffer.alloc(200000, 'x'));
fs.mkdirSync(join(root, 'sub'));

const server = http.createServer((req, res) => {
  const file = join(root, req.url === '/' ? 'index.html' : req.url);
  const stream = fs.createReadStream(file);
  stream.on('open', () => {
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    stream.pipe(res);
  });
  stream.on('error', (err) => {
    log('server error', req.url, err.code, err.syscall);
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(err.code === 'ENOENT' ? 404 : 500, { 'Content-Type': 'text/plain' });
    res.end(err.code === 'ENOENT' ? 'Not Found\n' : 'Error\n');
  });
  stream.on('close', () => { closed[req.url] = stream.bytesRead; });
  res.on('finish', () => { finished[req.url] = true; });
});

const closed = {};
const finished = {};
process.on('exit', () => log('closed streams', closed, 'finished responses', finished));
const urls = ['/', '/style.css', '/big.txt', '/missing.html', '/sub'];
server.listen(0, '127.0.0.1', () => {
  const next = () => {
    const url = urls.shift();
    if (!url) {
      server.close(); fs.unlinkSync(join(root, 'index.html')); fs.unlinkSync(join(root, 'style.css')); fs.unlinkSync(join(root, 'big.txt')); fs.rmdirSync(join(root, 'sub')); fs.rmdirSync(root); return; }
    http.get({ port: server.address().port, host: '127.0.0.1', path: url }, (res) => {
      let n = 0; let body = '';
      res.on('data', (c) => { n += c.length; if (n < 100) body += c; });
      res.on('end', () => {
        log('client', url, res.statusCode, res.headers['content-type'], res.headers['transfer-encoding'], n, n < 100 ? body : '');
        next();
      });
      res.on('aborted', () => log('client aborted', url));
    }).on('error', (e) => { log('client error', url, e.code); next(); });
  };
  next();
});
