// Node 10: each timers list (one duration) is one entry: nextTicks run after its last due timer, before the next list.
const log = (s) => console.log(s);
setTimeout(() => { log('A1'); process.nextTick(() => log('ta1')); }, 10);
setTimeout(() => { log('A2'); process.nextTick(() => log('ta2')); }, 10);
setTimeout(() => { log('B1'); process.nextTick(() => log('tb1')); }, 2);
setTimeout(() => { log('B2'); process.nextTick(() => log('tb2')); }, 2);
const start = Date.now();
while (Date.now() - start < 30);
setTimeout(() => {
  log('C1');
  process.nextTick(() => log('tc1'));
  setTimeout(() => log('C3 (next run of the list)'), 1);
}, 1);
setTimeout(() => log('C2'), 1);
