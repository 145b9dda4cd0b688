# http: values as Node renders them in errors (NaN, Infinity, [object Object], true,
# undefined), omitted arguments as undefined, and a bare OutgoingMessage's write().
import json
import math

from nodehttp import http


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


class FakeReq:
    method = 'GET'
    httpVersionMajor = 1
    httpVersionMinor = 1
    headers: dict = {}


def mk():
    return http.ServerResponse(FakeReq())


def t(name, f):
    try:
        f()
        log(name, 'ok')
    except Exception as e:
        log(name, getattr(e, 'code', None), e.message, isinstance(e, TypeError), isinstance(e, ValueError))


t('setHeader()', lambda: mk().setHeader())
t('setHeader(x)', lambda: mk().setHeader('x'))
t('setHeader({},1)', lambda: mk().setHeader({}, 1))
t('getHeader()', lambda: mk().getHeader())
t('removeHeader()', lambda: mk().removeHeader())
t('hasHeader()', lambda: mk().hasHeader())
t('addTrailers()', lambda: mk().addTrailers())
t('addTrailers(null)', lambda: mk().addTrailers(None))
t('writeHead()', lambda: mk().writeHead())
for name, v in [['NaN', math.nan], ['Infinity', math.inf], ['-Infinity', -math.inf], ['{}', {}],
                ['true', True], ['[1,2]', [1, 2]], ['1.5', 1.5], ['99.5', 99.5], ['abc', 'abc'],
                ['1e21', 1e21], ['Buffer 2', b'2'], ['1000', 1000]]:
    t('writeHead(' + name + ')', lambda v=v: mk().writeHead(v))
for v in ['200.7', 200.7, [201], ' 202 ', '0xcc']:
    r = mk()
    r.writeHead(v)
    log('writeHead', v, r.statusCode)

r = mk()
r.setHeader('X', {})
r.setHeader('Y', 'v\u00e9'.encode())
r.setHeader('Z', [b'a', 1.0, True])
r.writeHead(200)
log([line for line in r._header.split('\r\n') if not line.startswith('Date')])
t('setHeader(euro buffer)', lambda: mk().setHeader('X', '\u20ac'.encode()))

o = http.OutgoingMessage()
o.on('error', lambda e: log('error event', e.code, e.message))
t('OutgoingMessage.write("")', lambda: log('write returns', o.write('')))
t('OutgoingMessage.end() without listener', lambda: http.OutgoingMessage().end())

req = http.request({'host': '127.0.0.1', 'port': 1})
req.on('error', lambda *a: None)
for shown, v in [('undefined', None), ('NaN', math.nan), ('x', 'x'), ('-1', -1),
                 ('[object Object]', {}), ('Infinity', math.inf)]:
    t('req.setTimeout(' + shown + ')', lambda v=v: req.setTimeout(v))
t('req.setTimeout()', lambda: req.setTimeout())
req.abort()
