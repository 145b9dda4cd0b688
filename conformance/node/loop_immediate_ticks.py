# Node 10: the immediate queue is one entry; nextTicks run after the whole queue, and an immediate set meanwhile runs next turn.
from nodehttp import process, timers


def log(s):
    print(s)


def i1():
    log('i1')
    process.nextTick(lambda: log('t1'))

    def i3():
        log('i3')
        process.nextTick(lambda: log('t3'))
    timers.setImmediate(i3)


timers.setImmediate(i1)
cleared = timers.setImmediate(lambda: log('never'))


def i2():
    log('i2')

    def t2():
        log('t2')
        process.nextTick(lambda: log('t2b'))
    process.nextTick(t2)


timers.setImmediate(i2)
timers.clearImmediate(cleared)
