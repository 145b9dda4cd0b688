# Node 10: a timer that throws goes to 'uncaughtException', the rest of its list still runs, then all nextTicks.
import time

from nodehttp import process, timers


def log(s):
    print(s)


def onerror(err):
    log('uncaughtException ' + str(err))
    process.nextTick(lambda: log('tick from the handler'))


process.on('uncaughtException', onerror)


def t1():
    log('T1')
    process.nextTick(lambda: log('tt1'))
    raise Exception('tboom')


def t2():
    log('T2')
    process.nextTick(lambda: log('tt2'))


timers.setTimeout(t1, 1)
timers.setTimeout(t2, 1)

# Both timers are due when the loop first looks (one run of the list).
start = time.monotonic()
while time.monotonic() - start < 0.010:
    pass
