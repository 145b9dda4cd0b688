// Node 10: the immediate queue is one entry; nextTicks run after the whole queue, and an immediate set meanwhile runs next turn.
const log = (s) => console.log(s);
setImmediate(() => {
  log('i1');
  process.nextTick(() => log('t1'));
  setImmediate(() => {
    log('i3');
    process.nextTick(() => log('t3'));
  });
});
const cleared = setImmediate(() => log('never'));
setImmediate(() => {
  log('i2');
  process.nextTick(() => {
    log('t2');
    process.nextTick(() => log('t2b'));
  });
});
clearImmediate(cleared);
