// http: values as Node renders them in errors (NaN, Infinity, [object Object], true,
// undefined), omitted arguments as undefined, and a bare OutgoingMessage's write().
const http = require('http');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const mk = () => new http.ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1 });
function t(name, f) {
  try {
    f();
    log(name, 'ok');
  } catch (e) {
    log(name, e.code === undefined ? null : e.code, e.message, e instanceof TypeError, e instanceof RangeError);
  }
}
t('setHeader()', () => mk().setHeader());
t('setHeader(x)', () => mk().setHeader('x'));
t('setHeader({},1)', () => mk().setHeader({}, 1));
t('getHeader()', () => mk().getHeader());
t('removeHeader()', () => mk().removeHeader());
t('hasHeader()', () => mk().hasHeader());
t('addTrailers()', () => mk().addTrailers());
t('addTrailers(null)', () => mk().addTrailers(null));
t('writeHead()', () => mk().writeHead());
for (const [name, v] of [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['{}', {}],
  ['true', true], ['[1,2]', [1, 2]], ['1.5', 1.5], ['99.5', 99.5], ['abc', 'abc'], ['1e21', 1e21],
  ['Buffer 2', Buffer.from('2')], ['1000', 1000]]) {
  t('writeHead(' + name + ')', () => mk().writeHead(v));
}
for (const v of ['200.7', 200.7, [201], ' 202 ', '0xcc']) {
  const r = mk();
  r.writeHead(v);
  log('writeHead', v, r.statusCode);
}
{
  const r = mk();
  r.setHeader('X', {});
  r.setHeader('Y', Buffer.from('v\u00e9'));
  r.setHeader('Z', [Buffer.from('a'), 1.0, true]);
  r.writeHead(200);
  log(r._header.split('\r\n').filter((l) => !l.startsWith('Date')));
}
t('setHeader(euro buffer)', () => mk().setHeader('X', Buffer.from('\u20ac')));
const o = new http.OutgoingMessage();
o.on('error', (e) => log('error event', e.code, e.message));
t('OutgoingMessage.write("")', () => log('write returns', o.write('')));
t('OutgoingMessage.end() without listener', () => new http.OutgoingMessage().end());
const req = http.request({ host: '127.0.0.1', port: 1 });
req.on('error', () => {});
for (const v of [undefined, NaN, 'x', -1, {}, Infinity]) {
  t('req.setTimeout(' + String(v) + ')', () => req.setTimeout(v));
}
t('req.setTimeout()', () => req.setTimeout());
req.abort();
