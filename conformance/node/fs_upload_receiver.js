// An upload-to-disk receiver: req.pipe(fs.createWriteStream(tmp)), then stat the file and reply.
const http = require('http');
const fs = require('fs');
const os = require('os');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const dir = fs.mkdtempSync(os.tmpdir() + '/fs-upload-');
let n = 0;
const server = http.createServer((req, res) => {
  if (req.method !== 'PUT') { res.writeHead(405); res.end(); return; }
  const file = dir + '/upload-' + (++n);
  const out = fs.createWriteStream(file);
  const events = [];
  out.on('open', () => events.push('open'));
  out.on('ready', () => events.push('ready'));
  out.on('finish', () => events.push('finish'));
  out.on('error', (err) => {
    res.writeHead(500); res.end(err.code);
  });
  out.on('close', () => {
    events.push('close');
    fs.stat(file, (err, st) => {
      if (err) { res.writeHead(500); res.end(err.code); return; }
      log('server', req.url, events, 'bytesWritten', out.bytesWritten, 'size', st.size, st.isFile());
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ size: st.size, sha: fs.readFileSync(file).slice(0, 8).toString('hex') }));
    });
  });
  req.pipe(out);
});

const uploads = [
  ['/small', [Buffer.from('hello upload')]],
  ['/chunked', [Buffer.alloc(70000, 1), Buffer.alloc(70000, 2), Buffer.alloc(5, 3)]],
  ['/empty', []],
];
server.listen(0, '127.0.0.1', () => {
  const next = () => {
    const u = uploads.shift();
    if (!u) {
      server.close();
      for (const f of fs.readdirSync(dir).sort()) { log('file', f, fs.statSync(dir + '/' + f).size); fs.unlinkSync(dir + '/' + f); }
      fs.rmdirSync(dir);
      return;
    }
    const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'PUT', path: u[0] }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => { log('client', u[0], res.statusCode, body); next(); });
    });
    for (const c of u[1]) req.write(c);
    req.end();
  };
  next();
});
