// Node 10: an immediate that throws goes to 'uncaughtException', the rest of the queue still runs, then all nextTicks.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => {
  log('uncaughtException ' + err.message);
  process.nextTick(() => log('tick from the handler'));
});
setImmediate(() => {
  log('i1');
  process.nextTick(() => log('t1'));
  throw new Error('boom');
});
setImmediate(() => {
  log('i2');
  process.nextTick(() => log('t2'));
});
setImmediate(() => log('i3'));
