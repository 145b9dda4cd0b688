// Node 10: a timer that throws goes to 'uncaughtException', the rest of its list still runs, then all nextTicks.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => {
  log('uncaughtException ' + err.message);
  process.nextTick(() => log('tick from the handler'));
});
setTimeout(() => {
  log('T1');
  process.nextTick(() => log('tt1'));
  throw new Error('tboom');
}, 1);
setTimeout(() => {
  log('T2');
  process.nextTick(() => log('tt2'));
}, 1);

// Both timers are due when the loop first looks (one run of the list).
const start = Date.now();
while (Date.now() - start < 10);
