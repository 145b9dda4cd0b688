// process.exit() inside a callback: 'exit' once, nothing queued before or inside it runs.
process.on('exit', (code) => {
  console.log('exit', code);
  process.nextTick(() => console.log('tick in exit: never'));
});
setTimeout(() => {
  process.nextTick(() => console.log('tick before exit: never'));
  process.exit(4);
}, 1);
