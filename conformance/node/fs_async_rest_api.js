// An async/await REST API on fs.promises: an async request handler, awaited file I/O, JSON replies,
// ENOENT as 404; a handler that throws is an unhandled rejection (Node 10: the process goes on).
const http = require('http');
const fs = require('fs');
const os = require('os');
const fsp = fs.promises;
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const dir = fs.mkdtempSync(os.tmpdir() + '/fs-rest-');
process.on('unhandledRejection', (reason) => log('unhandledRejection', reason.message));
process.on('exit', (code) => { fs.rmdirSync(dir); log('exit', code); });

const readBody = (req) => new Promise((resolve, reject) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  req.on('error', reject);
});

async function handler(req, res) {
  const id = req.url.split('/')[2];
  if (req.url === '/crash') throw new Error('handler crashed');
  try {
    if (req.method === 'GET' && id) {
      const data = await fsp.readFile(`${dir}/${id}.json`, 'utf8');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(data);
    } else if (req.method === 'PUT' && id) {
      const body = await readBody(req);
      JSON.parse(body);
      await fsp.writeFile(`${dir}/${id}.json`, body);
      const st = await fsp.stat(`${dir}/${id}.json`);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id, size: st.size }));
    } else if (req.method === 'DELETE' && id) {
      await fsp.unlink(`${dir}/${id}.json`);
      res.writeHead(204);
      res.end();
    } else {
      const names = (await fsp.readdir(dir)).sort();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(names));
    }
  } catch (err) {
    res.writeHead(err.code === 'ENOENT' ? 404 : 400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: err.code || err.name }));
  }
}

const server = http.createServer(handler);
const calls = [
  ['PUT', '/items/1', '{"name":"one"}'],
  ['PUT', '/items/2', '{"name":"two"}'],
  ['PUT', '/items/3', 'not json'],
  ['GET', '/items/1'],
  ['GET', '/items'],
  ['GET', '/items/9'],
  ['DELETE', '/items/1'],
  ['DELETE', '/items/1'],
  ['DELETE', '/items/2'],
  ['GET', '/items'],
  ['GET', '/crash'],
];
server.listen(0, '127.0.0.1', () => {
  const next = () => {
    const call = calls.shift();
    if (!call) { server.close(); return; }
    const [method, path, body] = call;
    const req = http.request({ port: server.address().port, host: '127.0.0.1', method, path }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => { log(method, path, res.statusCode, data); next(); });
    });
    req.setTimeout(300, () => { log(method, path, 'no reply: timeout'); req.abort(); });
    req.on('error', (e) => { log(method, path, 'client error', e.code); next(); });
    req.end(body);
  };
  next();
});
