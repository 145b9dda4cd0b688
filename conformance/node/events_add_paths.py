# Which add goes through a subclass's on(): once() does (this.on(type, wrapper)), addListener/prependListener/prependOnceListener do not; Readable's on() hooks ('data' resumes, 'readable' pauses) run for on/once, not for prependListener; removeListener of a non-function throws whether or not the event has listeners.
import json

from nodehttp import process, timers
from nodehttp.events import EventEmitter
from nodehttp.stream import Readable


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x) for x in a))


def kind(fn):
    return 'wrapped' if getattr(fn, 'listener', None) else 'plain'


class Sub(EventEmitter):
    def on(self, ev, fn=None, extra=None):
        log('Sub.on', ev, kind(fn))
        return super().on(ev, fn)


s = Sub()
s.on('newListener', lambda ev, fn: log('newListener', ev, 'function' if callable(fn) else '?', kind(fn)))
s.once('x', lambda a: log('once x', a))
s.prependListener('y', lambda: None)
s.prependOnceListener('z', lambda: None)
s.addListener('w', lambda: None)
log('raw x', len(s.rawListeners('x')), 'function' if callable(s.rawListeners('x')[0].listener) else '?')
s.emit('x', 1)
s.emit('x', 2)
log('count x', s.listenerCount('x'))
for ev in ['x', 'nothing']:
    try:
        s.removeListener(ev, 42)
    except TypeError as e:
        log(ev, e.code, e.message)
s.on('q', lambda: log('q'), 'extra')
s.emit('q')


def main():
    r1 = Readable({'read': lambda n: None})
    r1.prependListener('data', lambda c: log('r1 data', c.decode()))
    log('r1 flowing after prependListener', r1.readableFlowing)
    r2 = Readable({'read': lambda n: None})
    r2.once('data', lambda c: log('r2 data', c.decode()))
    log('r2 flowing after once', r2.readableFlowing)
    r3 = Readable({'read': lambda n: None})
    r3.prependOnceListener('readable', lambda: log('r3 readable'))
    log('r3 flowing after prependOnceListener readable', r3.readableFlowing)
    r4 = Readable({'read': lambda n: None})
    r4.once('readable', lambda: log('r4 readable', r4.read().decode()))
    log('r4 flowing after once readable', r4.readableFlowing)
    r1.push('a')
    r2.push('b')
    r4.push('d')

    def later():
        log('later', r1.readableFlowing, r2.readableFlowing, r4.readableFlowing)
        r1.removeAllListeners('data')
        r2.on('data', lambda c: log('r2 data again', c.decode()))
        r2.push('c')
        process.nextTick(lambda: log('tick'))
    timers.setImmediate(later)


main()
