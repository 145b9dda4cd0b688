# pipe(): event order tick for tick (nextTick/setImmediate markers): 'pipe', 'data' -> write, back-pressure ('pause', 'drain', 'resume'), 'end' -> end(), 'finish', 'unpipe', the listeners pipe() adds and removes (counts at each step), unpipe mid-stream, two destinations, {end: false}, a destination's error, pipe() after 'end'.
from nodehttp import process, timers
from nodehttp.stream import Readable, Writable


def log(*a):
    print(' '.join(str(x).lower() if isinstance(x, bool) else str(x) for x in a))


EVS = ['data', 'end', 'drain', 'error', 'close', 'finish', 'unpipe', 'pipe', 'readable', 'pause', 'resume']


def counts(s):
    return ''.join(str(s.listenerCount(e)) for e in EVS)


def src(name, opts=None):
    r = Readable({'read': lambda n: None, **(opts or {})})
    r.on('pause', lambda: log(name, 'pause', r.isPaused()))
    r.on('resume', lambda: log(name, 'resume', r.isPaused()))
    r.on('end', lambda: log(name, 'end'))
    return r


def dst(name, opts, mode):
    def write(chunk, enc, cb):
        log(name, 'write', chunk.decode(), w.writableLength)
        if mode == 'sync':
            cb()
        elif mode == 'tick':
            process.nextTick(cb)
        else:
            timers.setImmediate(cb)

    w = Writable({'write': write, **opts})
    for ev in ['pipe', 'unpipe', 'drain', 'finish', 'close']:
        w.on(ev, lambda x=None, *_, ev=ev: log(name, ev, type(x).__name__ if x is not None else ''))
    return w


def marks(tag):
    process.nextTick(lambda: log(tag, 'tick'))
    timers.setImmediate(lambda: log(tag, 'immediate'))


def s0(next):  # sync writes, one chunk at a time
    r = src('a')
    w = dst('A', {}, 'sync')
    log('before', counts(r), counts(w))
    r.pipe(w)
    log('piped', counts(r), counts(w), r.readableFlowing)
    marks('m1')
    r.push('x')
    r.push('y')
    log('pushed', r.readableLength)

    def later():
        r.push('z')
        marks('m2')
        r.push(None)
        log('eof', counts(r), counts(w))
    timers.setImmediate(later)

    def after():
        log('after', counts(r), counts(w), r._readableState.pipesCount)
        next()
    w.on('finish', lambda: timers.setImmediate(after))


def s1(next):  # back-pressure: highWaterMark 3, async writes
    r = src('b', {'highWaterMark': 4})
    w = dst('B', {'highWaterMark': 3}, 'immediate')
    r.pipe(w)

    def later():
        for c in ['aa', 'bb', 'cc', 'dd']:
            log('push', c, r.push(c), r.readableLength, r.isPaused())
        marks('m3')
        r.push(None)
    timers.setImmediate(later)

    def finished():
        log('finished', counts(r), counts(w))
        timers.setImmediate(next)
    w.on('finish', finished)


def s2(next):  # back-pressure with nextTick writes and a chunk per tick
    r = src('c', {'highWaterMark': 2})
    w = dst('C', {'highWaterMark': 2}, 'tick')
    r.pipe(w)
    i = [0]

    def feed():
        if i[0] < 4:
            log('push', i[0], r.push('p' + str(i[0])))
            i[0] += 1
            process.nextTick(feed)
        else:
            r.push(None)
    timers.setImmediate(feed)
    w.on('finish', lambda: timers.setImmediate(next))


def s3(next):  # unpipe mid-stream: the listeners go, the source pauses
    r = src('d')
    w = dst('D', {}, 'sync')
    r.pipe(w)

    def later():
        r.push('1')
        r.unpipe(w)
        log('unpiped', counts(r), counts(w), r.readableFlowing)
        r.push('2')
        marks('m4')

        def buffered():
            log('buffered', r.readableLength)
            next()
        timers.setImmediate(buffered)
    timers.setImmediate(later)


def s4(next):  # two destinations, one slower: awaitDrain counts both
    r = src('e', {'highWaterMark': 2})
    w1 = dst('E1', {'highWaterMark': 1}, 'immediate')
    w2 = dst('E2', {'highWaterMark': 1}, 'tick')
    r.pipe(w1)
    r.pipe(w2)

    def later():
        log('push', r.push('q1'))
        log('push', r.push('q2'))
        r.push(None)
    timers.setImmediate(later)
    n = [0]

    def done():
        n[0] += 1
        if n[0] == 2:
            timers.setImmediate(next)
    w1.on('finish', done)
    w2.on('finish', done)


def s5(next):  # {end: false}: the destination stays open; 'end' unpipes
    r = src('f')
    w = dst('F', {}, 'sync')
    r.pipe(w, {'end': False})
    r.push('k')
    r.push(None)

    def still_open():
        log('open', w.writable, counts(r), counts(w))
        w.end()
        timers.setImmediate(next)
    r.on('end', lambda: process.nextTick(still_open))


def s6(next):  # the destination errors: unpiped, error listener removed
    r = src('g')
    w = Writable({'write': lambda c, e, cb: cb(Exception('boom'))})
    w.on('error', lambda e: log('G error', str(e), counts(r), counts(w)))
    w.on('unpipe', lambda *a: log('G unpipe'))
    r.pipe(w)
    r.push('v')

    def after():
        log('after error', counts(r), counts(w), r.readableFlowing)
        next()
    timers.setImmediate(after)


def s7(next):  # pipe() after 'end' was emitted: end() on the next tick
    r = src('h')
    r.resume()
    r.push(None)

    def onend():
        w = dst('H', {}, 'sync')
        r.pipe(w)
        log('late pipe', counts(r), counts(w))
        marks('m5')

        def done():
            log('late done', counts(r), counts(w))
            next()
        w.on('finish', lambda: timers.setImmediate(done))
    r.on('end', onend)


def s8(next):  # an extra 'data' listener of the user's, and a 'readable' one added later
    r = src('i')
    w = dst('I', {}, 'sync')
    r.on('data', lambda c: log('i user data', c.decode()))
    r.pipe(w)
    r.push('u1')

    def later():
        r.push('u2')

        def onreadable():
            while (c := r.read()) is not None:
                log('i read', c.decode())
        r.on('readable', onreadable)
        r.push('u3')
        r.push(None)
        marks('m6')
        w.on('finish', lambda: timers.setImmediate(next))
    timers.setImmediate(later)


steps = [s0, s1, s2, s3, s4, s5, s6, s7, s8]
i = 0


def next():
    global i
    if i < len(steps):
        log('---', i)
        i += 1
        steps[i - 1](next)


next()
