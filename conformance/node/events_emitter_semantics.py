# EventEmitter: Node's storage and emit rules (duplicates, once, prepend, snapshot, newListener/removeListener).
import json

from nodehttp import events

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


EventEmitter = events.EventEmitter
e = EventEmitter()
f = lambda x: log('f', x)
e.on('newListener', lambda name: log('newListener', name))
e.on('removeListener', lambda name: log('removeListener', name))
e.on('a', f)
e.on('a', f)
e.once('a', lambda x: log('once', x))
e.prependListener('a', lambda x: log('prepended', x))
e.prependOnceListener('a', lambda x: log('prepended once', x))
log('count', e.listenerCount('a'), e.eventNames())
log('emit', e.emit('a', 1))
log('emit', e.emit('a', 2))
log('emit none', e.emit('none'))
e.removeListener('a', f)
log('count', e.listenerCount('a'))


def g():
    log('g')
    e.removeListener('b', h)


h = lambda: log('h still runs from the snapshot')
e.on('b', g)
e.on('b', h)
e.emit('b')
e.emit('b')
log('chain', e.on('c', lambda: None) is e)
try:
    e.emit('error', Exception('boom'))
except Exception as err:
    log('thrown', str(err))
try:
    e.emit('error', 'not an error')
except Exception as err:
    log('thrown', err.code)
e.removeAllListeners('b')
log('names', e.eventNames())
