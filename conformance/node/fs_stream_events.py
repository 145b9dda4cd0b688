# fs streams: event order ('open', 'ready', 'data', 'end', 'finish', 'close'), start/end, highWaterMark and pool chunk sizes, ENOENT/EISDIR, autoClose, destroy before open, paused read().
import json
import tempfile

from nodehttp import fs, process, timers

d = fs.mkdtempSync(tempfile.gettempdir() + '/p2-')
fs.writeFileSync(d + '/big', b'a' * 150000)
fs.writeFileSync(d + '/small', 'hello world')


def cleanup(code):
    for f in fs.readdirSync(d):
        fs.unlinkSync(d + '/' + f)
    fs.rmdirSync(d)


process.on('exit', cleanup)


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def trace(name, s):
    for ev in ['open', 'ready', 'end', 'finish', 'close']:
        def h(x=None, ev=ev):
            log(name, ev, 'fd' if isinstance(x, int) else '' if x is None else x, s.pending)
        s.on(ev, h)
    s.on('error', lambda e: log(name, 'error', e.code, e.message.replace(d, 'D')))
    s.on('data', lambda c: log(name, 'data', len(c)))


def s0(next):
    s = fs.createReadStream(d + '/big')
    trace('big', s)
    log('pending', s.pending, s.path == d + '/big', s.bytesRead, s.readableHighWaterMark)
    s.on('close', lambda: (log('bytesRead', s.bytesRead, s.closed), next()))


def s1(next):
    s = fs.createReadStream(d + '/small', {'start': 2, 'end': 5, 'encoding': 'utf8'})
    trace('range', s)
    s.on('data', lambda c: log('chunk', json.dumps(c)))
    s.on('close', next)


def s2(next):
    s = fs.createReadStream(d + '/big', {'highWaterMark': 40000})
    trace('hwm', s)
    s.on('close', next)


def s3(next):
    s = fs.createReadStream(d + '/nope')
    trace('enoent', s)
    timers.setTimeout(next, 50)


def s4(next):
    s = fs.createReadStream(d)
    trace('eisdir', s)
    timers.setTimeout(next, 50)


def s5(next):
    s = fs.createWriteStream(d + '/out')
    trace('ws', s)
    log(s.write('abc'), s.write(bytes(20000)), s.writableHighWaterMark)
    s.end('z')
    s.on('close', lambda: (log('bytesWritten', s.bytesWritten, len(fs.readFileSync(d + '/out'))), next()))


def s6(next):
    s = fs.createWriteStream(d + '/no/such')
    trace('wsenoent', s)
    s.write('x')
    timers.setTimeout(next, 50)


def s7(next):
    s = fs.createReadStream(d + '/small')
    trace('destroyEarly', s)
    s.destroy()
    timers.setTimeout(next, 50)


def s8(next):
    s = fs.createReadStream(d + '/small', {'autoClose': False})
    trace('noAutoClose', s)

    def onend():
        def later():
            log('fd still', isinstance(s.fd, int))
            s.close(lambda: log('closecb'))
            timers.setTimeout(next, 50)
        timers.setTimeout(later, 10)
    s.on('end', onend)


def s9(next):
    s = fs.createReadStream(d + '/small')
    s.pause()
    trace('paused', s)

    def onr():
        while True:
            c = s.read(3)
            if c is None:
                break
            log('read', c.decode())
    s.on('readable', onr)
    s.on('close', next)


steps = [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9]
i = 0


def next():
    global i
    if i < len(steps):
        log('---', i)
        i += 1
        steps[i - 1](next)


next()
