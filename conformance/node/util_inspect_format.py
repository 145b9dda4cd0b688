# util.format / util.inspect as console.log prints values (Node 10 layout:
# breakLength 60, depth 2, one entry per line past the limit).
import math

from nodehttp import util


def log(*args):
    print(util.format(*args))


log({'a': 1, 'b': 'x'}, [1, 2, 3], [], {}, b'ab', None, True, 'str')
log(["it's", 'a"b', 'a\nb', 'x\\y', '\u0001', 'é', '\t\v'])
log({'a-b': 1, '_ok': 2, '$x': 3, '1a': 4, 12: 5, 'ünï': 6, 3: 7})
log({'a': {'b': {'c': {'d': 1}}}, 'arr': [[1, [2, [3, [4]]]]]})
log({'aaaaaaaaaa': 1111111111, 'bbbbbbbbbb': 2222222222, 'cccccccccc': 3333333333, 'd': 4})
log({'x': {'aaaaaaaaaa': 1111111111, 'bbbbbbbbbb': 2222222222, 'cccccccccc': 333333333, 'd': 4},
     'y': [1, 2]})
log({'x': {'aaaaaaaaaa': 1111111111, 'bbbbbbbbbb': 22222222}})
log({'xxxxxxx': {'aaaaaaaaaa': 1111111111, 'bbbbbbbbbb': 222222222222}})
log({'x': [{'aaaaaaaaaa': 1111111111, 'bbbbbbbbbb': 2222222222, 'cccccccccc': 333333333, 'd': 4}]})
log([['aaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']])
log({'a': {'b': {'c': 'x' * 50}}})
log(['a' * 47, 'b' * 10], ['a' * 43, 'b' * 10])
log({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10, 'k': 11})
log(bytes(60), b'', b'hello world')
log([0.1, 1e21, 1e-7, 0.00001, -0.0, 1.5, math.nan, math.inf, -math.inf, 1e16])
log([7] * 103)
log(len('x' * 101), [0] * 101)
log(util.format('%s %d %i %f %j %O %% %s', 'a', 1.5, 1.5, '2.5', {'a': 1}, {'c': 2}, 'extra',
                'more', 3, {'z': 1}))
log(util.format('%s', None), util.format('%s', {'a': 1}), util.format('%s', [1, 'a']))
log(util.format('%d', '0x10'), util.format('%i', 'abc'), util.format('%j', 'x'),
    util.format('%f', 'x'))
log(util.format(1, 2, 'a'), util.format('%s'), util.format('%z %s', 1), util.format('a', {'b': 'c'}))
log(util.format('%s', 1.0), util.format('%d', -0.0), util.format('%s', b'a'),
    util.format('%i', '42px'))
log(util.inspect('str'), util.inspect({'a': [{'b': {'c': 1}}]}, {'depth': 0}))
log(util.inspect({'a': {'b': {'c': {'d': {'e': 1}}}}}, {'depth': math.inf}))
log(util.inspect({'a': 1, 'b': [2]}, {'compact': False}))
log([[]], [{}], {'a': []}, {'a': {}}, [None, False])
log(util.format('%o', [1]), util.format('%s:%s', 'a'), util.format('100%'), util.format('%'))
