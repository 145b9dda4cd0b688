// A flowing Readable with only 'data'/'end' listeners, tick for tick (nextTick/setImmediate markers): pushes from _read (sync), from a tick, from an immediate, several per tick, while paused then resumed, EOF right after data, 'readable' and a second 'data' listener joining later, pause() inside 'data'.
const { Readable } = require('stream');
const log = (...a) => console.log(a.join(' '));
function marks(tag) {
  process.nextTick(() => log(tag, 'tick'));
  setImmediate(() => log(tag, 'immediate'));
}
function mk(name, opts, read) {
  const r = new Readable(Object.assign({ read(n) { log(name, 'read', n, this.readableLength); if (read) read.call(this, n); } }, opts));
  r.on('data', (c) => log(name, 'data', c.toString(), r.readableLength, r.readableFlowing));
  r.on('end', () => log(name, 'end'));
  return r;
}
const steps = [
  (next) => { // chunks pushed synchronously from _read
    let k = 0;
    const r = mk('a', {}, function () { if (k < 3) this.push('s' + k++); else this.push(null); });
    marks('m1');
    r.on('end', () => setImmediate(next));
  },
  (next) => { // chunks pushed from ticks and immediates, two at a time
    const r = mk('b');
    marks('m2');
    process.nextTick(() => { log('b push', r.push('t1'), r.push('t2')); process.nextTick(() => log('m3', 'tick')); });
    setImmediate(() => {
      log('b push', r.push('i1'));
      process.nextTick(() => { log('b push', r.push('i2')); r.push(null); marks('m4'); });
    });
    r.on('end', () => setImmediate(next));
  },
  (next) => { // paused while chunks arrive, then resumed
    const r = mk('c');
    setImmediate(() => {
      r.pause(); log('c push', r.push('p1'), r.push('p2'), r.readableLength);
      marks('m5');
      r.resume(); log('c resumed', r.readableLength);
      r.push('p3'); r.push(null);
    });
    r.on('end', () => setImmediate(next));
  },
  (next) => { // pause() inside 'data', resume() on an immediate
    const r = mk('d', { highWaterMark: 4 });
    r.once('data', () => { r.pause(); marks('m6'); setImmediate(() => { log('d resume', r.readableLength); r.resume(); }); });
    setImmediate(() => { r.push('x1'); r.push('x2'); r.push('x3'); r.push(null); });
    r.on('end', () => setImmediate(next));
  },
  (next) => { // a second 'data' listener and then 'readable' join a flowing stream
    const r = mk('e');
    setImmediate(() => {
      r.push('y1');
      r.on('data', (c) => log('e second', c.toString()));
      r.push('y2');
      r.on('readable', () => log('e readable', r.readableLength, r.readableFlowing));
      r.push('y3'); marks('m7');
      setImmediate(() => { log('e flowing', r.readableFlowing, r.readableLength); r.removeAllListeners('readable'); marks('m8'); setImmediate(() => { r.resume(); r.push(null); }); });
    });
    r.on('end', () => setImmediate(next));
  },
  (next) => { // empty chunk, EOF in the same tick as data, encoding set
    const r = mk('f', { encoding: 'utf8' });
    setImmediate(() => { log('f push', r.push(''), r.push(Buffer.from([0xc3])), r.push(Buffer.from([0xa9, 0x41]))); r.push(null); marks('m9'); });
    r.on('end', () => setImmediate(next));
  },
];
let i = 0; const next = () => { if (i < steps.length) { log('---', i); steps[i++](next); } };
next();
