// A signal listener is an unref'd handle: with nothing else to do the process exits 0.
process.on('SIGINT', () => console.log('never'));
process.on('SIGTERM', () => console.log('never'));
process.on('exit', (code) => console.log('exit', code, process.listenerCount('SIGINT')));
console.log('listening for signals');
