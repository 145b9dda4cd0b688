# pipe() in a reverse proxy's two shapes, tick for tick: req.pipe(proxyReq) of a bodyless request (the source has pushed null before pipe() and before or after resume) and proxyRes.pipe(res) of a one-chunk body; every listener pipe() adds and removes is logged through 'newListener'/'removeListener' on both ends, with nextTick/setImmediate markers and listener counts.
from nodehttp import process, timers
from nodehttp.stream import Readable, Writable


def log(*a):
    print(' '.join(str(x).lower() if isinstance(x, bool) else str(x) for x in a))


EVS = ['data', 'end', 'drain', 'error', 'close', 'finish', 'unpipe']


def counts(s):
    return ''.join(str(s.listenerCount(e)) for e in EVS)


def fname(fn):
    name = getattr(fn, '__name__', '')
    return 'anon' if name in ('', '<lambda>') else name


def watch(name, e):
    def added(ev, fn):
        if ev != 'removeListener':
            log(name, '+', ev, fname(fn))
    e.on('newListener', added)
    e.on('removeListener', lambda ev, fn: log(name, '-', ev, fname(fn)))


def src(name):
    r = Readable({'read': lambda n: None})
    watch(name, r)
    return r


def dst(name, mode):
    def write(chunk, enc, cb):
        log(name, 'write', chunk.decode(), w.writableLength)
        if mode == 'sync':
            cb()
        else:
            timers.setImmediate(cb)

    w = Writable({'write': write})
    watch(name, w)
    for ev in ['pipe', 'unpipe', 'finish']:
        w.on(ev, lambda *_, ev=ev: log(name, ev, 'event'))
    return w


def marks(tag):
    process.nextTick(lambda: log(tag, 'tick'))
    timers.setImmediate(lambda: log(tag, 'immediate'))


def finished(r, w, next):
    def done():
        log('done', counts(r), counts(w))
        next()
    w.on('finish', lambda: timers.setImmediate(done))


def s0(next):  # bodyless request: push(null) already done, piped at once
    r = src('req')
    w = dst('preq', 'sync')
    r.push(None)
    r.pipe(w)
    log('piped', counts(r), counts(w), r.readableFlowing)
    marks('m1')
    finished(r, w, next)


def s1(next):  # bodyless request piped one tick after its push(null)
    r = src('req2')
    w = dst('preq2', 'immediate')
    r.push(None)

    def later():
        r.pipe(w)
        log('piped', counts(r), counts(w))
        marks('m2')
    process.nextTick(later)
    finished(r, w, next)


def s2(next):  # one-chunk response: push(chunk), pipe, push(null) in the same tick
    r = src('pres')
    w = dst('res', 'sync')
    r.push('hello world!\n')
    r.pipe(w)
    r.push(None)
    log('piped', counts(r), counts(w), r.readableLength)
    marks('m3')
    finished(r, w, next)


def s3(next):  # one-chunk response whose write completes later (a slow socket)
    r = src('pres2')
    w = dst('res2', 'immediate')
    r.pipe(w)

    def later():
        r.push('hello world!\n')
        r.push(None)
        marks('m4')
    timers.setImmediate(later)
    finished(r, w, next)


steps = [s0, s1, s2, s3]
i = 0


def next():
    global i
    if i < len(steps):
        log('---', i)
        i += 1
        steps[i - 1](next)


next()
