// pipe() in a reverse proxy's two shapes, tick for tick: req.pipe(proxyReq) of a bodyless request (the source has pushed null before pipe() and before or after resume) and proxyRes.pipe(res) of a one-chunk body; every listener pipe() adds and removes is logged through 'newListener'/'removeListener' on both ends, with nextTick/setImmediate markers and listener counts.
const { Readable, Writable } = require('stream');
const log = (...a) => console.log(a.join(' '));
const EVS = ['data', 'end', 'drain', 'error', 'close', 'finish', 'unpipe'];
const counts = (s) => EVS.map((e) => s.listenerCount(e)).join('');
const fname = (fn) => (fn.name === 'pipeOnDrainFunctionResult' ? 'ondrain' : fn.name || 'anon');
function watch(name, e) {
  e.on('newListener', (ev, fn) => { if (ev !== 'removeListener') log(name, '+', ev, fname(fn)); });
  e.on('removeListener', (ev, fn) => log(name, '-', ev, fname(fn)));
}
function src(name) {
  const r = new Readable({ read() {} });
  watch(name, r);
  return r;
}
function dst(name, mode) {
  const w = new Writable({
    write(chunk, enc, cb) {
      log(name, 'write', chunk.toString(), w.writableLength);
      if (mode === 'sync') cb(); else setImmediate(cb);
    },
  });
  watch(name, w);
  for (const ev of ['pipe', 'unpipe', 'finish']) w.on(ev, () => log(name, ev, 'event'));
  return w;
}
function marks(tag) {
  process.nextTick(() => log(tag, 'tick'));
  setImmediate(() => log(tag, 'immediate'));
}
const steps = [
  (next) => { // bodyless request: push(null) already done, piped at once
    const r = src('req'); const w = dst('preq', 'sync');
    r.push(null);
    r.pipe(w); log('piped', counts(r), counts(w), r.readableFlowing);
    marks('m1');
    w.on('finish', () => setImmediate(() => { log('done', counts(r), counts(w)); next(); }));
  },
  (next) => { // bodyless request piped one tick after its push(null)
    const r = src('req2'); const w = dst('preq2', 'immediate');
    r.push(null);
    process.nextTick(() => { r.pipe(w); log('piped', counts(r), counts(w)); marks('m2'); });
    w.on('finish', () => setImmediate(() => { log('done', counts(r), counts(w)); next(); }));
  },
  (next) => { // one-chunk response: push(chunk), pipe, push(null) in the same tick
    const r = src('pres'); const w = dst('res', 'sync');
    r.push('hello world!\n');
    r.pipe(w); r.push(null); log('piped', counts(r), counts(w), r.readableLength);
    marks('m3');
    w.on('finish', () => setImmediate(() => { log('done', counts(r), counts(w)); next(); }));
  },
  (next) => { // one-chunk response whose write completes later (a slow socket)
    const r = src('pres2'); const w = dst('res2', 'immediate');
    r.pipe(w);
    setImmediate(() => { r.push('hello world!\n'); r.push(null); marks('m4'); });
    w.on('finish', () => setImmediate(() => { log('done', counts(r), counts(w)); next(); }));
  },
];
let i = 0; const next = () => { if (i < steps.length) { log('---', i); steps[i++](next); } };
next();
