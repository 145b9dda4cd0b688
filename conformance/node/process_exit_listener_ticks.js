// 'exit' is emitted once; a nextTick or timer queued in an 'exit' listener never
// runs; an 'exit' listener may change process.exitCode.
process.on('exit', (code) => {
  console.log('exit', code);
  process.nextTick(() => console.log('tick in exit: never'));
  setTimeout(() => console.log('timer in exit: never'), 0);
  process.exitCode = 3;
});
process.on('beforeExit', (code) => console.log('beforeExit', code));
process.nextTick(() => console.log('tick'));
