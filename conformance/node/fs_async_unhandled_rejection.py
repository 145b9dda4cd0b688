# Node 10: an async listener that throws is an unhandled rejection: a warning on stderr, and the process goes on (exit 0).
import json

from nodehttp import events, fs, process, timers


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


e = events.EventEmitter()


async def job(name):
    await fs.promises.stat('.')
    log('job ran', name)
    raise Exception('job failed: ' + name)


e.on('job', job)
e.emit('job', 'a')


def later():
    log('still alive')
    fs.stat('/nonexistent-dir/x', lambda err: log('fs after', err.code))


timers.setTimeout(later, 100)
process.on('exit', lambda code: log('exit', code))
