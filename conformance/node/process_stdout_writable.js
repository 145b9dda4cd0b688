// process.stdout/stderr are Writable streams: write() returns true, callbacks
// run, a Readable pipes into stdout; stdin that is never read does not keep
// the process alive.
const { Readable, Writable } = require('stream');
console.log(process.stdout instanceof Writable, process.stderr instanceof Writable,
  process.stdout.writable, process.stdout.fd, process.stderr.fd, process.stdin.fd);
console.log(process.stdin instanceof Readable, process.stdin.isPaused());
console.log(process.stdout.write('direct\n'));
process.stdout.write(Buffer.from('buffer\n'), () => {
  const r = new Readable({ read() {} });
  r.pipe(process.stdout);
  r.on('end', () => console.log('readable end'));
  r.push('piped 1\n');
  r.push(Buffer.from('piped 2\n'));
  r.push(null);
});
process.stderr.write('to stderr\n');
process.on('exit', (code) => console.log('exit', code));
