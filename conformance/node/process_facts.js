// process facts whose shape ported code relies on: argv, execPath, hrtime,
// memoryUsage, uptime, umask, cwd/chdir, pid/ppid, platform, arch, exitCode.
const path = require('path');
const show = (label, f) => {
  try { console.log(label, JSON.stringify(f())); } catch (e) {
    console.log(label, e instanceof TypeError ? 'TypeError' : 'Error', e.code, JSON.stringify(e.message));
  }
};
show('argv', () => [process.argv.length, process.argv[0] === process.execPath,
  path.isAbsolute(process.argv[1]), path.basename(process.argv[1]).replace(/\.(js|py)$/, ''),
  process.argv.slice(2)]);
show('execPath absolute', () => path.isAbsolute(process.execPath));
show('hrtime', () => { const t = process.hrtime(); const d = process.hrtime(t);
  return [t.length, Number.isInteger(t[0]), t[1] < 1e9, d[0] >= 0, d.length]; });
show('hrtime bad', () => process.hrtime([1]));
show('hrtime type', () => process.hrtime('x'));
show('hrtime.bigint', () => typeof process.hrtime.bigint());
show('memoryUsage', () => { const m = process.memoryUsage();
  return [Object.keys(m), m.rss > 0, m.heapUsed <= m.heapTotal]; });
show('uptime', () => { const u = process.uptime(); return typeof u === 'number' && u >= 0 && u < 60; });
show('umask', () => [process.umask(0o27).toString(8), process.umask().toString(8), process.umask('022').toString(8), process.umask().toString(8)]);
show('cwd', () => { const before = process.cwd(); process.chdir('/'); const r = process.cwd(); process.chdir(before); return [r, process.cwd() === before]; });
show('chdir missing', () => process.chdir('/nonexistent-dir-for-test'));
show('pid', () => [Number.isInteger(process.pid), Number.isInteger(process.ppid), process.pid !== process.ppid]);
show('platform arch', () => [process.platform, ['x64', 'arm64', 'ia32', 'arm', 'ppc64', 's390x'].includes(process.arch)]);
show('version', () => [process.version, process.versions.node]);
show('exitCode', () => process.exitCode === undefined);
show('title', () => typeof process.title);
