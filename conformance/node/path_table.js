// path: a table of a few hundred calls (every function x a shared list of
// edge-case inputs: empty strings, '..' above the root, repeated and
// trailing slashes, dot files, 'a.b.c'), one JSON line per call.
// The input lists are written literally in path_table.py too.
const path = require('path');
process.chdir('/tmp');

const INPUTS = ['', '.', '..', '...', '/', '//', '///', 'a', 'a/', 'a//', '/a', '//a',
  '/a/', 'a/b', 'a//b/', '/a/b/c/', '.a', '.a.b', '..a', 'a..', 'a.', 'a.b.c',
  '/a.b.c/', 'file.txt', '/home/user/.bashrc', '../a', './a/', '/..', '/../a',
  'a/../..', 'a/b/../../..', '/a/b/../c/./d', '/foo/bar//baz/asdf/quux/..',
  './', '../', 'a/./b/.', '.../a', 'a/.../b', '/a/..b/c..', 'x/y.', '/.'];
const EXTS = ['', '.txt', '.c', 'c', 'a.b.c', '.', 'b', '/', '.b.c', 'a'];
const ONE = ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'parse',
  'toNamespacedPath'];

function show(fn, args, f) {
  let out;
  try {
    out = ['=', f()];
  } catch (e) {
    out = ['!', e instanceof TypeError, e.code, e.message];
  }
  console.log(JSON.stringify([fn, args].concat(out)));
}

for (const fn of ONE)
  for (const p of INPUTS) show(fn, [p], () => path[fn](p));
for (const p of INPUTS)
  for (const ext of EXTS) show('basename', [p, ext], () => path.basename(p, ext));
for (let i = 0; i < INPUTS.length; i++)
  for (let j = 0; j < INPUTS.length; j += 3) {
    const a = INPUTS[i];
    const b = INPUTS[(i + j) % INPUTS.length];
    show('join', [a, b], () => path.join(a, b));
    show('resolve', [a, b], () => path.resolve(a, b));
    show('relative', [a, b], () => path.relative(a, b));
  }
show('join', [], () => path.join());
show('resolve', [], () => path.resolve());
show('join', ['/a', 'b', '../../..', 'c/'], () => path.join('/a', 'b', '../../..', 'c/'));
show('resolve', ['/foo/bar', './baz'], () => path.resolve('/foo/bar', './baz'));
show('resolve', ['/foo/bar', '/tmp/file/'], () => path.resolve('/foo/bar', '/tmp/file/'));
show('resolve', ['wwwroot', 'static_files/png/', '../gif/image.gif'],
  () => path.resolve('wwwroot', 'static_files/png/', '../gif/image.gif'));
show('relative', ['/data/orandea/test/aaa', '/data/orandea/impl/bbb'],
  () => path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'));

const OBJS = [
  { root: '/ignored', dir: '/home/user/dir', base: 'file.txt' },
  { root: '/', base: 'file.txt', ext: 'ignored' },
  { root: '/', name: 'file', ext: '.txt' },
  { dir: 'x', name: 'y' },
  { root: '/', dir: '/' },
  { dir: '//', base: 'b' },
  { name: '.bashrc' },
  {},
];
for (const o of OBJS) show('format', [o], () => path.format(o));
for (const p of INPUTS) show('format(parse)', [p], () => path.format(path.parse(p)));

// argument type errors
show('join', ['a', 1], () => path.join('a', 1));
show('resolve', [{}], () => path.resolve({}));
show('normalize', [true], () => path.normalize(true));
show('basename', ['a', 1], () => path.basename('a', 1));
show('basename', [1], () => path.basename(1));
show('relative', ['a', []], () => path.relative('a', []));
show('relative', [2, 'a'], () => path.relative(2, 'a'));
show('format', ['x'], () => path.format('x'));
show('dirname', [undefined], () => path.dirname(undefined));
show('extname', [5], () => path.extname(5));
show('parse', [5], () => path.parse(5));
show('isAbsolute', [5], () => path.isAbsolute(5));
console.log(JSON.stringify([path.sep, path.delimiter, path.posix === path]));
