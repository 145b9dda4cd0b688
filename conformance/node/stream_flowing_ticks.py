# A flowing Readable with only 'data'/'end' listeners, tick for tick (nextTick/setImmediate markers): pushes from _read (sync), from a tick, from an immediate, several per tick, while paused then resumed, EOF right after data, 'readable' and a second 'data' listener joining later, pause() inside 'data'.
from nodehttp import process, timers
from nodehttp.stream import Readable


def log(*a):
    print(' '.join(str(x).lower() if isinstance(x, bool) else str(x) for x in a))


def marks(tag):
    process.nextTick(lambda: log(tag, 'tick'))
    timers.setImmediate(lambda: log(tag, 'immediate'))


def mk(name, opts=None, read=None):
    def _read(n):
        log(name, 'read', n, r.readableLength)
        if read:
            read(r, n)

    r = Readable({'read': _read, **(opts or {})})
    r.on('data', lambda c: log(name, 'data', c if isinstance(c, str) else c.decode(), r.readableLength, r.readableFlowing))
    r.on('end', lambda: log(name, 'end'))
    return r


def s0(next):  # chunks pushed synchronously from _read
    k = [0]

    def read(self, n):
        if k[0] < 3:
            self.push('s' + str(k[0]))
            k[0] += 1
        else:
            self.push(None)
    r = mk('a', {}, read)
    marks('m1')
    r.on('end', lambda: timers.setImmediate(next))


def s1(next):  # chunks pushed from ticks and immediates, two at a time
    r = mk('b')
    marks('m2')

    def t():
        log('b push', r.push('t1'), r.push('t2'))
        process.nextTick(lambda: log('m3', 'tick'))
    process.nextTick(t)

    def i():
        log('b push', r.push('i1'))

        def t2():
            log('b push', r.push('i2'))
            r.push(None)
            marks('m4')
        process.nextTick(t2)
    timers.setImmediate(i)
    r.on('end', lambda: timers.setImmediate(next))


def s2(next):  # paused while chunks arrive, then resumed
    r = mk('c')

    def later():
        r.pause()
        log('c push', r.push('p1'), r.push('p2'), r.readableLength)
        marks('m5')
        r.resume()
        log('c resumed', r.readableLength)
        r.push('p3')
        r.push(None)
    timers.setImmediate(later)
    r.on('end', lambda: timers.setImmediate(next))


def s3(next):  # pause() inside 'data', resume() on an immediate
    r = mk('d', {'highWaterMark': 4})

    def resume():
        log('d resume', r.readableLength)
        r.resume()

    def first(c):
        r.pause()
        marks('m6')
        timers.setImmediate(resume)
    r.once('data', first)

    def later():
        r.push('x1')
        r.push('x2')
        r.push('x3')
        r.push(None)
    timers.setImmediate(later)
    r.on('end', lambda: timers.setImmediate(next))


def s4(next):  # a second 'data' listener and then 'readable' join a flowing stream
    r = mk('e')

    def later():
        r.push('y1')
        r.on('data', lambda c: log('e second', c.decode()))
        r.push('y2')
        r.on('readable', lambda: log('e readable', r.readableLength, r.readableFlowing))
        r.push('y3')
        marks('m7')

        def last():
            r.resume()
            r.push(None)

        def after():
            log('e flowing', r.readableFlowing, r.readableLength)
            r.removeAllListeners('readable')
            marks('m8')
            timers.setImmediate(last)
        timers.setImmediate(after)
    timers.setImmediate(later)
    r.on('end', lambda: timers.setImmediate(next))


def s5(next):  # empty chunk, EOF in the same tick as data, encoding set
    r = mk('f', {'encoding': 'utf8'})

    def later():
        log('f push', r.push(''), r.push(b'\xc3'), r.push(b'\xa9\x41'))
        r.push(None)
        marks('m9')
    timers.setImmediate(later)
    r.on('end', lambda: timers.setImmediate(next))


steps = [s0, s1, s2, s3, s4, s5]
i = 0


def next():
    global i
    if i < len(steps):
        log('---', i)
        i += 1
        steps[i - 1](next)


next()
