// The Node docs' fs.createReadStream examples: the last ten bytes of a 100-byte file ({start: 90, end: 99}),
// an encoding given as a string, and a stream over an already-open fd ({fd, autoClose}).
const fs = require('fs');
const os = require('os');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const dir = fs.mkdtempSync(os.tmpdir() + '/fs-doc-');
const file = dir + '/sample.txt';
let text = '';
for (let i = 0; i < 10; i++) text += `line ${i}...\n`;
fs.writeFileSync(file, text);

const tail = fs.createReadStream(file, { start: 90, end: 99 });
tail.on('data', (chunk) => log('tail data', chunk.toString()));
tail.on('end', () => {
  log('tail end', tail.bytesRead);
  const enc = fs.createReadStream(file, 'utf8');
  let n = 0;
  enc.on('data', (chunk) => { n += 1; log('enc data', typeof chunk, chunk.length); });
  enc.on('close', () => {
    log('enc close', n);
    const fd = fs.openSync(file, 'r');
    const byFd = fs.createReadStream(null, { fd, start: 0, end: 5, autoClose: false });
    byFd.on('open', () => log('never: no open event for an fd'));
    byFd.on('data', (chunk) => log('fd data', chunk.toString()));
    byFd.on('end', () => {
      log('fd end', byFd.path, byFd.fd === fd);
      fs.closeSync(fd);
      fs.unlinkSync(file);
      fs.rmdirSync(dir);
    });
  });
});
