// fs streams: event order ('open', 'ready', 'data', 'end', 'finish', 'close'), start/end, highWaterMark and pool chunk sizes, ENOENT/EISDIR, autoClose, destroy before open, paused read().
const fs = require('fs');
const os = require('os');
const d = fs.mkdtempSync(os.tmpdir() + '/p2-');
const big = Buffer.alloc(150000, 97);
fs.writeFileSync(d + '/big', big);
fs.writeFileSync(d + '/small', 'hello world');
process.on('exit', () => { for (const f of fs.readdirSync(d)) fs.unlinkSync(d + '/' + f); fs.rmdirSync(d); });
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
function trace(name, s) {
  for (const ev of ['open', 'ready', 'end', 'finish', 'close'])
    s.on(ev, (x) => log(name, ev, typeof x === 'number' ? 'fd' : x === undefined ? '' : x, 'pending' in s ? s.pending : ''));
  s.on('error', (e) => log(name, 'error', e.code, e.message.replace(d, 'D')));
  s.on('data', (c) => log(name, 'data', c.length));
}
const steps = [
  (next) => { const s = fs.createReadStream(d + '/big'); trace('big', s); log('pending', s.pending, s.path === d + '/big', s.bytesRead, s.readableHighWaterMark); s.on('close', () => { log('bytesRead', s.bytesRead, s.closed); next(); }); },
  (next) => { const s = fs.createReadStream(d + '/small', {start: 2, end: 5, encoding: 'utf8'}); trace('range', s); s.on('data', (c) => log('chunk', JSON.stringify(c))); s.on('close', next); },
  (next) => { const s = fs.createReadStream(d + '/big', {highWaterMark: 40000}); trace('hwm', s); s.on('close', next); },
  (next) => { const s = fs.createReadStream(d + '/nope'); trace('enoent', s); setTimeout(next, 50); },
  (next) => { const s = fs.createReadStream(d); trace('eisdir', s); setTimeout(next, 50); },
  (next) => { const s = fs.createWriteStream(d + '/out'); trace('ws', s); log(s.write('abc'), s.write(Buffer.alloc(20000)), s.writableHighWaterMark); s.end('z'); s.on('close', () => { log('bytesWritten', s.bytesWritten, fs.readFileSync(d + '/out').length); next(); }); },
  (next) => { const s = fs.createWriteStream(d + '/no/such'); trace('wsenoent', s); s.write('x'); setTimeout(next, 50); },
  (next) => { const s = fs.createReadStream(d + '/small'); trace('destroyEarly', s); s.destroy(); setTimeout(next, 50); },
  (next) => { const s = fs.createReadStream(d + '/small', {autoClose: false}); trace('noAutoClose', s); s.on('end', () => { setTimeout(() => { log('fd still', typeof s.fd === 'number'); s.close(() => log('closecb')); setTimeout(next, 50);}, 10); }); },
  (next) => { const s = fs.createReadStream(d + '/small'); s.pause(); trace('paused', s); s.on('readable', () => { let c; while ((c = s.read(3)) !== null) log('read', c.toString()); }); s.on('close', next); },
];
let i = 0; const next = () => { if (i < steps.length) { log('---', i); steps[i++](next); } };
next();
