// Which add goes through a subclass's on(): once() does (this.on(type, wrapper)),
// addListener/prependListener/prependOnceListener do not; Readable's on() hooks
// ('data' resumes, 'readable' pauses) run for on/once, not for prependListener;
// removeListener of a non-function throws whether or not the event has listeners.
const EE = require('events');
const { Readable } = require('stream');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x)).join(' '));

class Sub extends EE {
  on(ev, fn) {
    log('Sub.on', ev, fn.listener ? 'wrapped' : 'plain');
    return super.on(ev, fn);
  }
}
const s = new Sub();
s.on('newListener', (ev, fn) => log('newListener', ev, typeof fn, fn.listener ? 'wrapped' : 'plain'));
s.once('x', (a) => log('once x', a));
s.prependListener('y', () => {});
s.prependOnceListener('z', () => {});
s.addListener('w', () => {});
log('raw x', s.rawListeners('x').length, typeof s.rawListeners('x')[0].listener);
s.emit('x', 1);
s.emit('x', 2);
log('count x', s.listenerCount('x'));
for (const ev of ['x', 'nothing']) {
  try { s.removeListener(ev, 42); } catch (e) { log(ev, e.code, e.message); }
}
s.on('q', () => log('q'), 'extra');
s.emit('q');

const r1 = new Readable({ read() {} });
r1.prependListener('data', (c) => log('r1 data', String(c)));
log('r1 flowing after prependListener', r1.readableFlowing);
const r2 = new Readable({ read() {} });
r2.once('data', (c) => log('r2 data', String(c)));
log('r2 flowing after once', r2.readableFlowing);
const r3 = new Readable({ read() {} });
r3.prependOnceListener('readable', () => log('r3 readable'));
log('r3 flowing after prependOnceListener readable', r3.readableFlowing);
const r4 = new Readable({ read() {} });
r4.once('readable', () => log('r4 readable', String(r4.read())));
log('r4 flowing after once readable', r4.readableFlowing);
r1.push('a');
r2.push('b');
r4.push('d');
setImmediate(() => {
  log('later', r1.readableFlowing, r2.readableFlowing, r4.readableFlowing);
  r1.removeAllListeners('data');
  r2.on('data', (c) => log('r2 data again', String(c)));
  r2.push('c');
  process.nextTick(() => log('tick'));
});
