// Signals: a listener replaces the default action and gets (name, number); a
// signal listener alone does not keep the process alive; removing the last
// listener restores the default action (the process dies by the signal).
function onterm(...args) {
  console.log('SIGTERM listener', JSON.stringify(args));
  process.removeListener('SIGTERM', onterm);
  setTimeout(() => {
    console.log('SIGTERM again, no listener');
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => console.log('not reached'), 5000);
  }, 10);
}
process.on('SIGTERM', onterm);
process.once('SIGHUP', (name) => {
  console.log('SIGHUP once', name, process.listenerCount('SIGHUP'));
  setTimeout(() => process.kill(process.pid, 'SIGTERM'), 10);
});
process.on('SIGUSR2', () => console.log('never'));
process.on('exit', (code) => console.log('exit', code));
setTimeout(() => console.log('kill returns', process.kill(process.pid, 1)), 10);
