# process.exit() inside a callback: 'exit' once, nothing queued before or inside it runs.
from nodehttp import process
from nodehttp.timers import setTimeout


def onexit(code):
    print('exit', code)
    process.nextTick(lambda: print('tick in exit: never'))


process.on('exit', onexit)


def later():
    process.nextTick(lambda: print('tick before exit: never'))
    process.exit(4)


setTimeout(later, 1)
