// fs.createReadStream ranges and chunking: end only, start only, start === end, small highWaterMark, encoding with a range.
const fs = require('fs');
const os = require('os');
const dir = fs.mkdtempSync(os.tmpdir() + '/fs-ranges-');
const file = dir + '/s';
fs.writeFileSync(file, 'abcdefghij');
const cases = [{ end: 4 }, { start: 0, end: 0 }, { highWaterMark: 3 }, { start: 8 }, { start: 3, end: 100, highWaterMark: 2 }, { encoding: 'hex', start: 1, end: 2 }, { start: 10 }];
const next = () => {
  const o = cases.shift();
  if (!o) { fs.unlinkSync(file); fs.rmdirSync(dir); return; }
  const s = fs.createReadStream(file, o);
  const got = [];
  s.on('data', (c) => got.push(c.toString()));
  s.on('close', () => { console.log(JSON.stringify(o), JSON.stringify(got), s.bytesRead); next(); });
};
next();
