# Node 10: each timers list (one duration) is one entry: nextTicks run after its last due timer, before the next list.
import time

from nodehttp import process, timers


def log(s):
    print(s)


def timer(name, tick):
    def fn():
        log(name)
        process.nextTick(lambda: log(tick))
    return fn


timers.setTimeout(timer('A1', 'ta1'), 60)
timers.setTimeout(timer('A2', 'ta2'), 60)
timers.setTimeout(timer('B1', 'tb1'), 20)
timers.setTimeout(timer('B2', 'tb2'), 20)


def c1():
    log('C1')
    process.nextTick(lambda: log('tc1'))
    timers.setTimeout(lambda: log('C3 (next run of the list)'), 1)


timers.setTimeout(c1, 1)
timers.setTimeout(lambda: log('C2'), 1)
# Every list is due when the loop first looks: they run by due time.
start = time.monotonic()
while time.monotonic() - start < 0.100:
    pass
