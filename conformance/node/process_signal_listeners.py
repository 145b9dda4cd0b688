# Signals: a listener replaces the default action and gets (name, number); a
# signal listener alone does not keep the process alive; removing the last
# listener restores the default action (the process dies by the signal).
import json

from nodehttp import process
from nodehttp.timers import setTimeout


def onterm(*args):
    print('SIGTERM listener', json.dumps(list(args), separators=(',', ':')))
    process.removeListener('SIGTERM', onterm)

    def again():
        print('SIGTERM again, no listener', flush=True)
        process.kill(process.pid, 'SIGTERM')
        setTimeout(lambda: print('not reached'), 5000)

    setTimeout(again, 10)


process.on('SIGTERM', onterm)


def onhup(name):
    print('SIGHUP once', name, process.listenerCount('SIGHUP'))
    setTimeout(lambda: process.kill(process.pid, 'SIGTERM'), 10)


process.once('SIGHUP', onhup)
process.on('SIGUSR2', lambda *_: print('never'))
process.on('exit', lambda code: print('exit', code))
setTimeout(lambda: print('kill returns', 'true' if process.kill(process.pid, 1) else 'false'), 10)
