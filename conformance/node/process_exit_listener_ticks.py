# 'exit' is emitted once; a nextTick or timer queued in an 'exit' listener never
# runs; an 'exit' listener may change process.exitCode.
from nodehttp import process
from nodehttp.timers import setTimeout


def onexit(code):
    print('exit', code)
    process.nextTick(lambda: print('tick in exit: never'))
    setTimeout(lambda: print('timer in exit: never'), 0)
    process.exitCode = 3


process.on('exit', onexit)
process.on('beforeExit', lambda code: print('beforeExit', code))
process.nextTick(lambda: print('tick'))
