# Node 10: an immediate that throws goes to 'uncaughtException', the rest of the queue still runs, then all nextTicks.
from nodehttp import process, timers


def log(s):
    print(s)


def onerror(err):
    log('uncaughtException ' + str(err))
    process.nextTick(lambda: log('tick from the handler'))


process.on('uncaughtException', onerror)


def i1():
    log('i1')
    process.nextTick(lambda: log('t1'))
    raise Exception('boom')


def i2():
    log('i2')
    process.nextTick(lambda: log('t2'))


timers.setImmediate(i1)
timers.setImmediate(i2)
timers.setImmediate(lambda: log('i3'))
