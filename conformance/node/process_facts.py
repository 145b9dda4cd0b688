# process facts whose shape ported code relies on: argv, execPath, hrtime,
# memoryUsage, uptime, umask, cwd/chdir, pid/ppid, platform, arch, exitCode.
import json
import os.path

from nodehttp import process


def show(label, f):
    try:
        print(label, json.dumps(f(), separators=(',', ':')))
    except Exception as e:
        name = 'TypeError' if isinstance(e, TypeError) else 'Error'
        code = getattr(e, 'code', None)
        print(label, name, code, json.dumps(str(e)))


show('argv', lambda: [len(process.argv), process.argv[0] == process.execPath,
                      os.path.isabs(process.argv[1]),
                      os.path.splitext(os.path.basename(process.argv[1]))[0], process.argv[2:]])
show('execPath absolute', lambda: os.path.isabs(process.execPath))


def hrtime():
    t = process.hrtime()
    d = process.hrtime(t)
    return [len(t), isinstance(t[0], int), t[1] < 1e9, d[0] >= 0, len(d)]


show('hrtime', hrtime)
show('hrtime bad', lambda: process.hrtime([1]))
show('hrtime type', lambda: process.hrtime('x'))
show('hrtime.bigint', lambda: 'bigint' if isinstance(process.hrtime.bigint(), int) else '?')


def memory():
    m = process.memoryUsage()
    return [list(m), m['rss'] > 0, m['heapUsed'] <= m['heapTotal']]


show('memoryUsage', memory)
show('uptime', lambda: isinstance(process.uptime(), float) and 0 <= process.uptime() < 60)
show('umask', lambda: [oct(process.umask(0o27))[2:], oct(process.umask())[2:],
                       oct(process.umask('022'))[2:], oct(process.umask())[2:]])


def cwd():
    before = process.cwd()
    process.chdir('/')
    r = process.cwd()
    process.chdir(before)
    return [r, process.cwd() == before]


show('cwd', cwd)
show('chdir missing', lambda: process.chdir('/nonexistent-dir-for-test'))
show('pid', lambda: [isinstance(process.pid, int), isinstance(process.ppid, int), process.pid != process.ppid])
show('platform arch', lambda: [process.platform, process.arch in ['x64', 'arm64', 'ia32', 'arm', 'ppc64', 's390x']])
show('version', lambda: [process.version, process.versions['node']])
show('exitCode', lambda: process.exitCode is None)
show('title', lambda: 'string' if isinstance(process.title, str) else '?')
