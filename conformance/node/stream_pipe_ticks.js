// pipe(): event order tick for tick (nextTick/setImmediate markers): 'pipe', 'data' -> write, back-pressure ('pause', 'drain', 'resume'), 'end' -> end(), 'finish', 'unpipe', the listeners pipe() adds and removes (counts at each step), unpipe mid-stream, two destinations, {end: false}, a destination's error, pipe() after 'end'.
const { Readable, Writable } = require('stream');
const log = (...a) => console.log(a.join(' '));
const EVS = ['data', 'end', 'drain', 'error', 'close', 'finish', 'unpipe', 'pipe', 'readable', 'pause', 'resume'];
const counts = (s) => EVS.map((e) => s.listenerCount(e)).join('');
function src(name, opts) {
  const r = new Readable(Object.assign({ read() {} }, opts));
  r.on('pause', () => log(name, 'pause', r.isPaused()));
  r.on('resume', () => log(name, 'resume', r.isPaused()));
  r.on('end', () => log(name, 'end'));
  return r;
}
function dst(name, opts, mode) {
  const w = new Writable(Object.assign({
    write(chunk, enc, cb) {
      log(name, 'write', chunk.toString(), w.writableLength);
      if (mode === 'sync') cb();
      else if (mode === 'tick') process.nextTick(cb);
      else setImmediate(cb);
    },
  }, opts));
  for (const ev of ['pipe', 'unpipe', 'drain', 'finish', 'close'])
    w.on(ev, (x) => log(name, ev, x && x.constructor ? x.constructor.name : ''));
  return w;
}
function marks(tag) {
  process.nextTick(() => log(tag, 'tick'));
  setImmediate(() => log(tag, 'immediate'));
}
const steps = [
  (next) => { // sync writes, one chunk at a time
    const r = src('a'); const w = dst('A', {}, 'sync');
    log('before', counts(r), counts(w));
    r.pipe(w); log('piped', counts(r), counts(w), r.readableFlowing);
    marks('m1');
    r.push('x'); r.push('y'); log('pushed', r.readableLength);
    setImmediate(() => { r.push('z'); marks('m2'); r.push(null); log('eof', counts(r), counts(w)); });
    w.on('finish', () => setImmediate(() => { log('after', counts(r), counts(w), r._readableState.pipesCount); next(); }));
  },
  (next) => { // back-pressure: highWaterMark 3, async writes
    const r = src('b', { highWaterMark: 4 }); const w = dst('B', { highWaterMark: 3 }, 'immediate');
    r.pipe(w);
    setImmediate(() => {
      for (const c of ['aa', 'bb', 'cc', 'dd']) log('push', c, r.push(c), r.readableLength, r.isPaused());
      marks('m3');
      r.push(null);
    });
    w.on('finish', () => { log('finished', counts(r), counts(w)); setImmediate(next); });
  },
  (next) => { // back-pressure with nextTick writes and a chunk per tick
    const r = src('c', { highWaterMark: 2 }); const w = dst('C', { highWaterMark: 2 }, 'tick');
    r.pipe(w);
    let i = 0;
    const feed = () => { if (i < 4) { log('push', i, r.push('p' + i)); i++; process.nextTick(feed); } else r.push(null); };
    setImmediate(feed);
    w.on('finish', () => setImmediate(next));
  },
  (next) => { // unpipe mid-stream: the listeners go, the source pauses
    const r = src('d'); const w = dst('D', {}, 'sync');
    r.pipe(w);
    setImmediate(() => {
      r.push('1');
      r.unpipe(w); log('unpiped', counts(r), counts(w), r.readableFlowing);
      r.push('2'); marks('m4');
      setImmediate(() => { log('buffered', r.readableLength); next(); });
    });
  },
  (next) => { // two destinations, one slower: awaitDrain counts both
    const r = src('e', { highWaterMark: 2 });
    const w1 = dst('E1', { highWaterMark: 1 }, 'immediate'); const w2 = dst('E2', { highWaterMark: 1 }, 'tick');
    r.pipe(w1); r.pipe(w2);
    setImmediate(() => { log('push', r.push('q1')); log('push', r.push('q2')); r.push(null); });
    let n = 0; const done = () => { if (++n === 2) setImmediate(next); };
    w1.on('finish', done); w2.on('finish', done);
  },
  (next) => { // {end: false}: the destination stays open; 'end' unpipes
    const r = src('f'); const w = dst('F', {}, 'sync');
    r.pipe(w, { end: false });
    r.push('k'); r.push(null);
    r.on('end', () => process.nextTick(() => { log('open', w.writable, counts(r), counts(w)); w.end(); setImmediate(next); }));
  },
  (next) => { // the destination errors: unpiped, error listener removed
    const r = src('g'); const w = new Writable({ write(c, e, cb) { cb(new Error('boom')); } });
    w.on('error', (e) => log('G error', e.message, counts(r), counts(w)));
    w.on('unpipe', () => log('G unpipe'));
    r.pipe(w);
    r.push('v');
    setImmediate(() => { log('after error', counts(r), counts(w), r.readableFlowing); next(); });
  },
  (next) => { // pipe() after 'end' was emitted: end() on the next tick
    const r = src('h'); r.resume(); r.push(null);
    r.on('end', () => {
      const w = dst('H', {}, 'sync');
      r.pipe(w); log('late pipe', counts(r), counts(w)); marks('m5');
      w.on('finish', () => setImmediate(() => { log('late done', counts(r), counts(w)); next(); }));
    });
  },
  (next) => { // an extra 'data' listener of the user's, and a 'readable' one added later
    const r = src('i'); const w = dst('I', {}, 'sync');
    r.on('data', (c) => log('i user data', c.toString()));
    r.pipe(w);
    r.push('u1');
    setImmediate(() => {
      r.push('u2');
      r.on('readable', () => { let c; while ((c = r.read()) !== null) log('i read', c.toString()); });
      r.push('u3'); r.push(null); marks('m6');
      w.on('finish', () => setImmediate(next));
    });
  },
];
let i = 0; const next = () => { if (i < steps.length) { log('---', i); steps[i++](next); } };
next();
