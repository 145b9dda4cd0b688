// zlib: sync and callback round trips in every format, Node 10's errors
// (codes, errno, messages) from the Sync, callback and stream forms, option
// range checks, and the sizes of 'data' events (chunkSize pieces) for big
// inputs, several writes and flush().
const zlib = require('zlib');

function t(label, f) {
  try {
    const v = f();
    console.log(label, Buffer.isBuffer(v) ? v.length + ':' + v.toString('hex').slice(0, 48) : v);
  } catch (e) {
    console.log(label, 'ERR', e instanceof RangeError, e.code, e.errno, e.message);
  }
}

let seed = 7;
function data(n) {  // deterministic, partly compressible bytes
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    b[i] = (i % 7 === 0) ? (seed >> 16) & 0xff : 97 + (i % 13);
  }
  return b;
}
const big = data(200000);
const gz = zlib.gzipSync('hello');
t('gzipSync', () => gz);
t('deflateSync', () => zlib.deflateSync('hello'));
t('deflateRawSync', () => zlib.deflateRawSync('hello'));
t('gzip level 1', () => zlib.gzipSync('hello hello hello', { level: 1 }));
t('gzip level 0', () => zlib.gzipSync('hello', { level: 0 }));
t('deflate wb9 mem1', () => zlib.deflateSync('hello', { level: 9, windowBits: 9, memLevel: 1 }));
t('huffman', () => zlib.deflateSync('hello hello hello', { strategy: zlib.constants.Z_HUFFMAN_ONLY }));
t('big round trip', () => zlib.gunzipSync(zlib.gzipSync(big)).equals(big));
t('inflate', () => zlib.inflateSync(zlib.deflateSync('abc')).toString());
t('inflateRaw', () => zlib.inflateRawSync(zlib.deflateRawSync('abc')).toString());
t('unzip gzip', () => zlib.unzipSync(gz).toString());
t('unzip deflate', () => zlib.unzipSync(zlib.deflateSync('hi')).toString());
t('two members', () => zlib.gunzipSync(Buffer.concat([gz, gz])).toString());
t('trailing zeros', () => zlib.gunzipSync(Buffer.concat([gz, Buffer.alloc(4)])).toString());
t('trailing garbage', () => zlib.gunzipSync(Buffer.concat([gz, Buffer.from('xx')])));
t('not gzip', () => zlib.gunzipSync(Buffer.from('not gzip data')));
t('not zlib', () => zlib.inflateSync(Buffer.from('not zlib data')));
t('bad raw', () => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff])));
t('truncated', () => zlib.gunzipSync(gz.slice(0, 10)));
t('truncated trailer', () => zlib.gunzipSync(gz.slice(0, gz.length - 3)));
t('empty', () => zlib.gunzipSync(Buffer.alloc(0)));
t('sync flush finish', () => zlib.gunzipSync(gz.slice(0, gz.length - 8), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString());
t('level 10', () => zlib.deflateSync('x', { level: 10 }));
t('level type', () => zlib.deflateSync('x', { level: '1' }));
t('windowBits 7', () => zlib.deflateSync('x', { windowBits: 7 }));
t('chunkSize 10', () => zlib.deflateSync('x', { chunkSize: 10 }));
t('strategy 9', () => zlib.deflateSync('x', { strategy: 9 }));
t('memLevel 0', () => zlib.deflateSync('x', { memLevel: 0 }));
t('flush 9', () => zlib.deflateSync('x', { flush: 9 }));
t('input type', () => zlib.deflateSync(5));
t('constants', () => [zlib.constants.Z_SYNC_FLUSH, zlib.Z_BEST_COMPRESSION, zlib.Z_DATA_ERROR,
  zlib.codes.Z_BUF_ERROR, zlib.codes['-3'], zlib.constants.Z_DEFAULT_CHUNK].join(','));

function sizes(label, stream, writes, cb, compressing, expect, written) {
  const seen = [];
  let total = 0;
  stream.on('data', (d) => { seen.push(d.length); total += d.length; });
  stream.on('error', (e) => console.log(label, 'error', e.code, e.errno, e.message));
  stream.on('end', () => {
    // Compressed sizes depend on the zlib release (Node 10 has 1.2.11): for
    // compressors print the piece structure, not the byte counts.
    if (compressing) {
      const full = seen.slice(0, -2).every((n) => n === seen[0]);
      console.log(label, 'pieces of', seen[0], full, 'total ok', total === expect);
    } else {
      console.log(label, 'data sizes', seen.join(' '), 'total', total);
    }
    console.log(label, 'bytesWritten ok', stream.bytesWritten === written);
  });
  stream.on('close', () => { console.log(label, 'close'); if (cb) cb(); });
  writes(stream);
}

const steps = [
  (next) => sizes('gzip big', zlib.createGzip(), (s) => s.end(big), next, true, zlib.gzipSync(big).length, big.length),
  (next) => sizes('gunzip big', zlib.createGunzip(), (s) => s.end(zlib.gzipSync(big)), next, false, 0,
    zlib.gzipSync(big).length),
  (next) => sizes('inflate small chunks', zlib.createInflate({ chunkSize: 1024 }),
    (s) => { s.end(zlib.deflateSync(big.slice(0, 30000))); }, next, false, 0,
    zlib.deflateSync(big.slice(0, 30000)).length),
  (next) => sizes('deflate writes', zlib.createDeflate(), (s) => {
    for (let i = 0; i < 10; i++) s.write(big.slice(i * 5000, (i + 1) * 5000));
    s.end();
  }, next, true, zlib.deflateSync(big.slice(0, 50000)).length, 50000),
  (next) => sizes('gzip flush', zlib.createGzip(), (s) => {
    s.write('first part ');
    s.flush(() => {
      console.log('flushed');
      s.write('second part');
      s.flush(zlib.constants.Z_SYNC_FLUSH, () => { console.log('flushed sync'); s.end(); });
    });
  }, next, false, 0, 22),
  (next) => {
    const s = zlib.createGunzip();
    s.on('data', (d) => console.log('bad stream data', d.toString()));
    s.on('error', (e) => { console.log('bad stream error', e.code, e.errno, e.message); next(); });
    s.on('end', () => console.log('bad stream end'));
    s.on('close', () => console.log('bad stream close'));
    s.end(gz.slice(0, gz.length - 4));
  },
  (next) => {
    const s = zlib.createInflate();
    s.on('error', (e) => { console.log('garbage stream error', e.code, e.errno, e.message); next(); });
    s.write(Buffer.from('garbage!'));
  },
  (next) => zlib.gunzip(Buffer.from('bad'), (e, r) => {
    console.log('cb error', e.code, e.errno, e.message, r);
    next();
  }),
  (next) => zlib.deflate(big, (e, r) => {
    console.log('cb deflate', e, r.length === zlib.deflateSync(big).length);
    zlib.inflate(r, { chunkSize: 4096 }, (e2, r2) => {
      console.log('cb inflate', e2, r2.equals(big));
      next();
    });
  }),
  (next) => zlib.gunzip(gz.slice(0, 12), (e) => {
    console.log('cb truncated', e.code, e.errno, e.message);
    next();
  }),
];
(function run(i) { if (i < steps.length) steps[i](() => run(i + 1)); })(0);
