# path: a table of a few hundred calls (every function x a shared list of
# edge-case inputs: empty strings, '..' above the root, repeated and
# trailing slashes, dot files, 'a.b.c'), one JSON line per call.
# The input lists are written literally in path_table.js too.
import json
import os

from nodehttp import require

path = require('path')
os.chdir('/tmp')

INPUTS = ['', '.', '..', '...', '/', '//', '///', 'a', 'a/', 'a//', '/a', '//a',
          '/a/', 'a/b', 'a//b/', '/a/b/c/', '.a', '.a.b', '..a', 'a..', 'a.', 'a.b.c',
          '/a.b.c/', 'file.txt', '/home/user/.bashrc', '../a', './a/', '/..', '/../a',
          'a/../..', 'a/b/../../..', '/a/b/../c/./d', '/foo/bar//baz/asdf/quux/..',
          './', '../', 'a/./b/.', '.../a', 'a/.../b', '/a/..b/c..', 'x/y.', '/.']
EXTS = ['', '.txt', '.c', 'c', 'a.b.c', '.', 'b', '/', '.b.c', 'a']
ONE = ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'parse',
       'toNamespacedPath']


def show(fn, args, f):
    try:
        out = ['=', f()]
    except Exception as e:
        out = ['!', isinstance(e, TypeError), e.code, e.message]
    print(json.dumps([fn, args] + out, separators=(',', ':'), ensure_ascii=False))


for fn in ONE:
    for p in INPUTS:
        show(fn, [p], lambda: getattr(path, fn)(p))
for p in INPUTS:
    for ext in EXTS:
        show('basename', [p, ext], lambda: path.basename(p, ext))
for i in range(len(INPUTS)):
    for j in range(0, len(INPUTS), 3):
        a = INPUTS[i]
        b = INPUTS[(i + j) % len(INPUTS)]
        show('join', [a, b], lambda: path.join(a, b))
        show('resolve', [a, b], lambda: path.resolve(a, b))
        show('relative', [a, b], lambda: path.relative(a, b))
show('join', [], lambda: path.join())
show('resolve', [], lambda: path.resolve())
show('join', ['/a', 'b', '../../..', 'c/'], lambda: path.join('/a', 'b', '../../..', 'c/'))
show('resolve', ['/foo/bar', './baz'], lambda: path.resolve('/foo/bar', './baz'))
show('resolve', ['/foo/bar', '/tmp/file/'], lambda: path.resolve('/foo/bar', '/tmp/file/'))
show('resolve', ['wwwroot', 'static_files/png/', '../gif/image.gif'],
     lambda: path.resolve('wwwroot', 'static_files/png/', '../gif/image.gif'))
show('relative', ['/data/orandea/test/aaa', '/data/orandea/impl/bbb'],
     lambda: path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'))

OBJS = [
    {'root': '/ignored', 'dir': '/home/user/dir', 'base': 'file.txt'},
    {'root': '/', 'base': 'file.txt', 'ext': 'ignored'},
    {'root': '/', 'name': 'file', 'ext': '.txt'},
    {'dir': 'x', 'name': 'y'},
    {'root': '/', 'dir': '/'},
    {'dir': '//', 'base': 'b'},
    {'name': '.bashrc'},
    {},
]
for o in OBJS:
    show('format', [o], lambda: path.format(o))
for p in INPUTS:
    show('format(parse)', [p], lambda: path.format(path.parse(p)))

# argument type errors
show('join', ['a', 1], lambda: path.join('a', 1))
show('resolve', [{}], lambda: path.resolve({}))
show('normalize', [True], lambda: path.normalize(True))
show('basename', ['a', 1], lambda: path.basename('a', 1))
show('basename', [1], lambda: path.basename(1))
show('relative', ['a', []], lambda: path.relative('a', []))
show('relative', [2, 'a'], lambda: path.relative(2, 'a'))
show('format', ['x'], lambda: path.format('x'))
show('dirname', [None], lambda: path.dirname(None))
show('extname', [5], lambda: path.extname(5))
show('parse', [5], lambda: path.parse(5))
show('isAbsolute', [5], lambda: path.isAbsolute(5))
print(json.dumps([path.sep, path.delimiter, path.posix is path], separators=(',', ':')))
