// fs callback/Sync API: Stats shape, readdir (withFileTypes), errors with code/errno/syscall/path/dest and message, validation errors, callback order vs nextTick.
const fs = require('fs');
const os = require('os');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const d = fs.mkdtempSync(os.tmpdir() + '/fs-api-');
const D = (s) => typeof s === 'string' ? s.split(d).join('D') : s;
const err = (tag, e) => log(tag, e.code, e.errno, D(e.syscall), D(e.path), D(e.dest), D(e.message));

fs.writeFileSync(d + '/a.txt', 'héllo');
fs.mkdirSync(d + '/sub/deep', { recursive: true });
fs.symlinkSync(d + '/a.txt', d + '/link');
const st = fs.statSync(d + '/a.txt');
log('stat', Object.keys(st), st.size, st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.nlink, (st.mode & 0o170000).toString(8), typeof st.mtimeMs, st.mtime.getTime() === Math.round(st.mtimeMs));
log('lstat link', fs.lstatSync(d + '/link').isSymbolicLink(), fs.statSync(d + '/link').isSymbolicLink());
log('readdir', fs.readdirSync(d).sort());
log('readdir types', fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name < y.name ? -1 : 1).map((e) => [e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()]));
log('readFile', fs.readFileSync(d + '/a.txt', 'utf8'), fs.readFileSync(d + '/a.txt').length, fs.readFileSync(d + '/a.txt', { encoding: 'hex' }));
fs.appendFileSync(d + '/a.txt', '!');
log('append', fs.readFileSync(d + '/a.txt', 'latin1'));
log('readlink', D(fs.readlinkSync(d + '/link')), 'realpath', D(fs.realpathSync(d + '/sub/deep/..')));
log('exists', fs.existsSync(d + '/a.txt'), fs.existsSync(d + '/nope'), fs.existsSync());
fs.copyFileSync(d + '/a.txt', d + '/b.txt');
try { fs.copyFileSync(d + '/a.txt', d + '/b.txt', fs.constants.COPYFILE_EXCL); } catch (e) { err('copyFile excl', e); }
const fd = fs.openSync(d + '/c.bin', 'w+');
log('write', fs.writeSync(fd, 'abc'), fs.writeSync(fd, Buffer.from('XYZ'), 1, 2), fs.writeSync(fd, 'Q', 0, 'latin1'));
const buf = Buffer.alloc(8);
log('read', fs.readSync(fd, buf, 0, 8, 0), buf.toString('latin1').replace(/\0/g, '.'));
fs.ftruncateSync(fd, 2);
log('fstat', fs.fstatSync(fd).size);
fs.closeSync(fd);
for (const [tag, f] of [
  ['open', () => fs.openSync(d + '/nope')],
  ['readFile dir', () => fs.readFileSync(d)],
  ['mkdir exists', () => fs.mkdirSync(d + '/sub')],
  ['rmdir notempty', () => fs.rmdirSync(d + '/sub')],
  ['rename', () => fs.renameSync(d + '/nope', d + '/x')],
  ['unlink', () => fs.unlinkSync(d + '/nope')],
  ['readdir file', () => fs.readdirSync(d + '/a.txt')],
  ['access', () => fs.accessSync(d + '/nope', fs.constants.R_OK)],
  ['close', () => fs.closeSync(65000)],
  ['bad path', () => fs.statSync(42)],
  ['nul path', () => fs.statSync('a\0b')],
  ['bad flags', () => fs.openSync(d + '/a.txt', 'z')],
  ['bad encoding', () => fs.readFileSync(d + '/a.txt', 5)],
  ['bad fd', () => fs.fstatSync('x')],
  ['no callback', () => fs.stat(d)],
  ['range', () => fs.createReadStream(d + '/a.txt', { start: 4, end: 1 })],
  ['readlink not a link', () => fs.readlinkSync(d + '/a.txt')],
  ['realpath missing part', () => fs.realpathSync(d + '/nope/x')],
  ['recursive not bool', () => fs.mkdirSync(d + '/q', { recursive: 'yes' })],
  ['truncate missing', () => fs.truncateSync(d + '/nope')],
  ['flag wx', () => fs.writeFileSync(d + '/a.txt', 'x', { flag: 'wx' })],
  ['ws start', () => fs.createWriteStream(d + '/ws', { start: -1 })],
  ['encoding name', () => fs.readFileSync(d + '/a.txt', { encoding: 'bogus' })],
  ['chmod no mode', () => fs.chmodSync(d + '/a.txt')],
]) {
  try { f(); log(tag, 'no error'); } catch (e) { err(tag, e); }
}
const order = [];
fs.stat(d + '/nope', (e) => { err('async stat', e); order.push('stat cb'); log('order', order); });
fs.readFile(d + '/a.txt', 'utf8', (e, data) => {
  log('async readFile', e, data);
  fs.readdir(d + '/sub', { withFileTypes: true }, (e2, list) => {
    log('async readdir', e2, list.map((x) => [x.name, x.isDirectory()]));
    fs.mkdtemp(d + '/tmp-', (e3, p) => {
      log('mkdtemp', e3, D(p).length);
      fs.exists(p, (ok) => {
        log('exists cb', ok);
        fs.rmdirSync(p);
        for (const f of ['a.txt', 'b.txt', 'c.bin', 'link']) fs.unlinkSync(d + '/' + f);
        fs.rmdirSync(d + '/sub/deep'); fs.rmdirSync(d + '/sub'); fs.rmdirSync(d);
        log('cleaned', fs.existsSync(d));
      });
    });
  });
});
process.nextTick(() => order.push('tick'));
fs.exists(42, (ok) => order.push('exists bad path ' + ok));
order.push('sync');
