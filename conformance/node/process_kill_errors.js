// process.kill: names, numbers, signal 0, and Node's errors.
const show = (label, f) => {
  try { console.log(label, 'ok', f()); } catch (e) {
    console.log(label, e.name, e.code, JSON.stringify(e.message), e.errno === undefined ? null : e.errno, e.syscall === undefined ? null : e.syscall);
  }
};
show('signal 0', () => process.kill(process.pid, 0));
show('bad number', () => process.kill(process.pid, 999));
show('no such pid', () => process.kill(2 ** 22 + 12345, 0));
show('unknown name', () => process.kill(process.pid, 'SIGFOO'));
show('pid string', () => process.kill('abc'));
show('pid fraction', () => process.kill(1.5));
show('SIGKILL listener', () => process.on('SIGKILL', () => {}) && 'added');
show('SIGBREAK is an ordinary event here', () => process.on('SIGBREAK', () => {}) && 'added');
console.log('internal listeners', process.listenerCount('newListener'), process.listenerCount('removeListener'));
