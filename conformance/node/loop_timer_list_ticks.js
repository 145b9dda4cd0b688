// Node 10: each timers list (one duration) is one entry: nextTicks run after its last due timer, before the next list.
const log = (s) => console.log(s);
setTimeout(() => { log('A1'); process.nextTick(() => log('ta1')); }, 60);
setTimeout(() => { log('A2'); process.nextTick(() => log('ta2')); }, 60);
setTimeout(() => { log('B1'); process.nextTick(() => log('tb1')); }, 20);
setTimeout(() => { log('B2'); process.nextTick(() => log('tb2')); }, 20);
setTimeout(() => {
  log('C1');
  process.nextTick(() => log('tc1'));
  setTimeout(() => log('C3 (next run of the list)'), 1);
}, 1);
setTimeout(() => log('C2'), 1);
// Every list is due when the loop first looks: they run by due time.
const start = Date.now();
while (Date.now() - start < 100);
