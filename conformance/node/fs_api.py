# fs callback/Sync API: Stats shape, readdir (withFileTypes), errors with code/errno/syscall/path/dest and message, validation errors, callback order vs nextTick.
import json
import tempfile

from nodehttp import Buffer, fs, process


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


d = fs.mkdtempSync(tempfile.gettempdir() + '/fs-api-')


def D(s):
    return s.replace(d, 'D') if isinstance(s, str) else s


def err(tag, e):
    log(tag, e.code, getattr(e, 'errno', None), D(getattr(e, 'syscall', None)), D(getattr(e, 'path', None)),
        D(getattr(e, 'dest', None)), D(e.message))


fs.writeFileSync(d + '/a.txt', 'héllo')
fs.mkdirSync(d + '/sub/deep', {'recursive': True})
fs.symlinkSync(d + '/a.txt', d + '/link')
st = fs.statSync(d + '/a.txt')
log('stat', list(st.toJSON()), st.size, st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.nlink,
    format(st.mode & 0o170000, 'o'), 'number' if isinstance(st.mtimeMs, float) else 'x',
    round(st.mtime.timestamp() * 1000) == round(st.mtimeMs))
log('lstat link', fs.lstatSync(d + '/link').isSymbolicLink(), fs.statSync(d + '/link').isSymbolicLink())
log('readdir', sorted(fs.readdirSync(d)))
log('readdir types', [[e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()]
                      for e in sorted(fs.readdirSync(d, {'withFileTypes': True}), key=lambda x: x.name)])
log('readFile', fs.readFileSync(d + '/a.txt', 'utf8'), len(fs.readFileSync(d + '/a.txt')), fs.readFileSync(d + '/a.txt', {'encoding': 'hex'}))
fs.appendFileSync(d + '/a.txt', '!')
log('append', fs.readFileSync(d + '/a.txt', 'latin1'))
log('readlink', D(fs.readlinkSync(d + '/link')), 'realpath', D(fs.realpathSync(d + '/sub/deep/..')))
log('exists', fs.existsSync(d + '/a.txt'), fs.existsSync(d + '/nope'), fs.existsSync(None))
fs.copyFileSync(d + '/a.txt', d + '/b.txt')
try:
    fs.copyFileSync(d + '/a.txt', d + '/b.txt', fs.constants['COPYFILE_EXCL'])
except Exception as e:
    err('copyFile excl', e)
fd = fs.openSync(d + '/c.bin', 'w+')
log('write', fs.writeSync(fd, 'abc'), fs.writeSync(fd, Buffer.from_('XYZ'), 1, 2), fs.writeSync(fd, 'Q', 0, 'latin1'))
buf = bytearray(8)
log('read', fs.readSync(fd, buf, 0, 8, 0), bytes(buf).decode('latin1').replace('\0', '.'))
fs.ftruncateSync(fd, 2)
log('fstat', fs.fstatSync(fd).size)
fs.closeSync(fd)
for tag, f in [
    ['open', lambda: fs.openSync(d + '/nope')],
    ['readFile dir', lambda: fs.readFileSync(d)],
    ['mkdir exists', lambda: fs.mkdirSync(d + '/sub')],
    ['rmdir notempty', lambda: fs.rmdirSync(d + '/sub')],
    ['rename', lambda: fs.renameSync(d + '/nope', d + '/x')],
    ['unlink', lambda: fs.unlinkSync(d + '/nope')],
    ['readdir file', lambda: fs.readdirSync(d + '/a.txt')],
    ['access', lambda: fs.accessSync(d + '/nope', fs.constants['R_OK'])],
    ['close', lambda: fs.closeSync(65000)],
    ['bad path', lambda: fs.statSync(42)],
    ['nul path', lambda: fs.statSync('a\0b')],
    ['bad flags', lambda: fs.openSync(d + '/a.txt', 'z')],
    ['bad encoding', lambda: fs.readFileSync(d + '/a.txt', 5)],
    ['bad fd', lambda: fs.fstatSync('x')],
    ['no callback', lambda: fs.stat(d)],
    ['range', lambda: fs.createReadStream(d + '/a.txt', {'start': 4, 'end': 1})],
    ['readlink not a link', lambda: fs.readlinkSync(d + '/a.txt')],
    ['realpath missing part', lambda: fs.realpathSync(d + '/nope/x')],
    ['recursive not bool', lambda: fs.mkdirSync(d + '/q', {'recursive': 'yes'})],
    ['truncate missing', lambda: fs.truncateSync(d + '/nope')],
    ['flag wx', lambda: fs.writeFileSync(d + '/a.txt', 'x', {'flag': 'wx'})],
    ['ws start', lambda: fs.createWriteStream(d + '/ws', {'start': -1})],
    ['encoding name', lambda: fs.readFileSync(d + '/a.txt', {'encoding': 'bogus'})],
    ['chmod no mode', lambda: fs.chmodSync(d + '/a.txt', None)],
]:
    try:
        f()
        log(tag, 'no error')
    except Exception as e:
        err(tag, e)
order = []


def onstat(e):
    err('async stat', e)
    order.append('stat cb')
    log('order', order)


fs.stat(d + '/nope', onstat)


def onread(e, data):
    log('async readFile', e, data)

    def onreaddir(e2, lst):
        log('async readdir', e2, [[x.name, x.isDirectory()] for x in lst])

        def ontmp(e3, p):
            log('mkdtemp', e3, len(D(p)))

            def onexists(ok):
                log('exists cb', ok)
                fs.rmdirSync(p)
                for f in ['a.txt', 'b.txt', 'c.bin', 'link']:
                    fs.unlinkSync(d + '/' + f)
                fs.rmdirSync(d + '/sub/deep')
                fs.rmdirSync(d + '/sub')
                fs.rmdirSync(d)
                log('cleaned', fs.existsSync(d))

            fs.exists(p, onexists)

        fs.mkdtemp(d + '/tmp-', ontmp)

    fs.readdir(d + '/sub', {'withFileTypes': True}, onreaddir)


fs.readFile(d + '/a.txt', 'utf8', onread)
process.nextTick(lambda: order.append('tick'))
fs.exists(42, lambda ok: order.append('exists bad path ' + ('true' if ok else 'false')))
order.append('sync')
