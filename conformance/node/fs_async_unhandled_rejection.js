// Node 10: an async listener that throws is an unhandled rejection: a warning on stderr, and the process goes on (exit 0).
const EventEmitter = require('events');
const fs = require('fs');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const e = new EventEmitter();
e.on('job', async (name) => {
  await fs.promises.stat('.');
  log('job ran', name);
  throw new Error('job failed: ' + name);
});
e.emit('job', 'a');
setTimeout(() => { log('still alive'); fs.stat('/nonexistent-dir/x', (err) => log('fs after', err.code)); }, 100);
process.on('exit', (code) => log('exit', code));
