// EventEmitter: Node's storage and emit rules (duplicates, once, prepend, snapshot, newListener/removeListener).
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const EventEmitter = require('events');
const e = new EventEmitter();
const f = (x) => log('f', x);
e.on('newListener', (name) => log('newListener', name));
e.on('removeListener', (name) => log('removeListener', name));
e.on('a', f);
e.on('a', f);
e.once('a', (x) => log('once', x));
e.prependListener('a', (x) => log('prepended', x));
e.prependOnceListener('a', (x) => log('prepended once', x));
log('count', e.listenerCount('a'), e.eventNames());
log('emit', e.emit('a', 1));
log('emit', e.emit('a', 2));
log('emit none', e.emit('none'));
e.removeListener('a', f);
log('count', e.listenerCount('a'));
const g = () => { log('g'); e.removeListener('b', h); };
const h = () => log('h still runs from the snapshot');
e.on('b', g);
e.on('b', h);
e.emit('b');
e.emit('b');
log('chain', e.on('c', () => {}) === e);
try {
  e.emit('error', new Error('boom'));
} catch (err) {
  log('thrown', err.message);
}
try {
  e.emit('error', 'not an error');
} catch (err) {
  log('thrown', err.code);
}
e.removeAllListeners('b');
log('names', e.eventNames());
