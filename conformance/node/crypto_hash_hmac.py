# crypto: createHash/createHmac digests in every output encoding, update
# chaining with input encodings, Node 10's errors (digest twice, unknown
# algorithm, bad argument types), Hash as a Transform stream, pbkdf2 and
# its argument checks, timingSafeEqual, randomBytes sizes and errors.
import json

from nodehttp import Buffer, require

crypto = require('crypto')


def t(label, f):
    try:
        v = f()
        print(label, 'buf:' + v.hex() if isinstance(v, bytes) else json.dumps(v, ensure_ascii=False, separators=(',', ':')))
    except Exception as e:
        print(label, 'ERR', str(isinstance(e, TypeError)).lower(),
              str(isinstance(e, ValueError)).lower(), getattr(e, 'code', None) or 'undefined',
              e.message)


def once(h, *calls):
    for c in calls:
        r = c(h)
    return r


for alg in ['md5', 'sha1', 'sha256', 'sha512', 'SHA256', 'RSA-SHA1', 'sha3-256',
            'sha512-256', 'blake2b512', 'shake128', 'sha256WithRSAEncryption', 'ripemd160']:
    t(alg, lambda: crypto.createHash(alg).update('abc').digest('hex'))
for alg in ['sha3_256', 'blake2b', 'SHA-256', 'Sha1', 'sha512_256', 'RSA-sha256', 'md5withrsa']:
    t('name ' + alg, lambda: crypto.createHash(alg).digest('hex'))
for enc in ['hex', 'base64', 'latin1', 'binary', 'buffer', 'bogus', None]:
    t(f"digest {'undefined' if enc is None else enc}",
      lambda: crypto.createHash('sha1').update('abc').digest(enc))
t('chain', lambda: crypto.createHash('sha256').update('a').update(Buffer.from_('b'))
  .update('63', 'hex').digest('base64'))
t('input latin1', lambda: crypto.createHash('md5').update('\u00e9', 'latin1').digest('hex'))
t('input utf8', lambda: crypto.createHash('md5').update('\u00e9').digest('hex'))
t('input base64', lambda: crypto.createHash('md5').update('YWJj', 'base64').digest('hex'))
t('digest twice', lambda: once(crypto.createHash('sha1'), lambda h: h.digest(), lambda h: h.digest()))
t('update after', lambda: once(crypto.createHash('sha1'), lambda h: h.digest(),
                               lambda h: h.update('x')))
t('ucs2', lambda: crypto.createHash('sha1').digest('ucs2'))
t('unknown', lambda: crypto.createHash('nope'))
t('alg type', lambda: crypto.createHash(1))
t('data type', lambda: crypto.createHash('sha1').update(1))
t('data undefined', lambda: crypto.createHash('sha1').update(None))

t('hmac hex', lambda: crypto.createHmac('sha256', 'a secret').update('I love cupcakes')
  .digest('hex'))
t('hmac buf key', lambda: crypto.createHmac('sha1', bytes([1, 2, 3])).update('x').digest('base64'))
t('hmac long key', lambda: crypto.createHmac('md5', 'k' * 200).update('x').digest('hex'))
t('hmac buffer', lambda: crypto.createHmac('sha512', '').digest())
t('hmac twice', lambda: once(crypto.createHmac('sha1', 'k'), lambda h: h.digest(),
                             lambda h: h.digest('hex')))
t('hmac twice buf', lambda: once(crypto.createHmac('sha1', 'k'), lambda h: h.digest(),
                                 lambda h: h.digest()))
t('hmac update after', lambda: once(crypto.createHmac('sha1', 'k'), lambda h: h.digest(),
                                    lambda h: h.update('x')))
t('hmac unknown', lambda: crypto.createHmac('nope', 'k'))
t('hmac key type', lambda: crypto.createHmac('sha1', 5))
t('hmac alg type', lambda: crypto.createHmac(5, 'k'))

t('pbkdf2Sync', lambda: crypto.pbkdf2Sync('secret', 'salt', 1000, 32, 'sha512'))
t('pbkdf2Sync 0 iter', lambda: crypto.pbkdf2Sync('p', 's', 0, 16, 'sha1'))
t('pbkdf2Sync 0 len', lambda: crypto.pbkdf2Sync('p', 's', 1, 0, 'sha1'))
t('pbkdf2Sync no digest', lambda: crypto.pbkdf2Sync('p', 's', 1, 32))
t('pbkdf2Sync digest type', lambda: crypto.pbkdf2Sync('p', 's', 1, 32, 5))
t('pbkdf2Sync bad digest', lambda: crypto.pbkdf2Sync('p', 's', 1, 32, 'nope'))
t('pbkdf2Sync password', lambda: crypto.pbkdf2Sync(1, 's', 1, 32, 'sha1'))
t('pbkdf2Sync salt', lambda: crypto.pbkdf2Sync('p', {}, 1, 32, 'sha1'))
t('pbkdf2Sync iter type', lambda: crypto.pbkdf2Sync('p', 's', '1', 32, 'sha1'))
t('pbkdf2Sync iter neg', lambda: crypto.pbkdf2Sync('p', 's', -1, 32, 'sha1'))
t('pbkdf2Sync iter frac', lambda: crypto.pbkdf2Sync('p', 's', 1.5, 32, 'sha1'))
t('pbkdf2Sync keylen big', lambda: crypto.pbkdf2Sync('p', 's', 1, 2 ** 32, 'sha1'))
t('pbkdf2 no cb', lambda: crypto.pbkdf2('p', 's', 1, 32, 'sha1'))
t('pbkdf2 cb type', lambda: crypto.pbkdf2('p', 's', 1, 32, 'sha1', 5))

t('tse equal', lambda: crypto.timingSafeEqual(b'abc', b'abc'))
t('tse differ', lambda: crypto.timingSafeEqual(b'abc', b'abd'))
t('tse length', lambda: crypto.timingSafeEqual(b'a', b'ab'))
t('tse type1', lambda: crypto.timingSafeEqual('a', b'a'))
t('tse type2', lambda: crypto.timingSafeEqual(b'a', 'a'))

t('randomBytes 8', lambda: len(crypto.randomBytes(8)))
t('randomBytes 0', lambda: len(crypto.randomBytes(0)))
t('randomBytes neg', lambda: crypto.randomBytes(-1))
t('randomBytes type', lambda: crypto.randomBytes('1'))
t('randomBytes big', lambda: crypto.randomBytes(2 ** 31))
t('randomBytes NaN', lambda: crypto.randomBytes(float('nan')))
t('randomBytes cb type', lambda: crypto.randomBytes(4, 5))
t('getHashes', lambda: [n in crypto.getHashes() for n in
                        ['md5', 'sha1', 'sha256', 'sha512', 'RSA-SHA256']])

# Hash is a Transform stream: write/end, then 'data' with the digest, then 'end'.
hs = crypto.createHash('sha1')
hs.on('data', lambda d: print('stream data', d.hex()))
hs.on('end', lambda: print('stream end'))
hs.on('finish', lambda: print('stream finish'))
hs.write('ab')
hs.end('c')
hr = crypto.createHmac('sha256', 'k')
hr.setEncoding('base64')
hr.end('abc', lambda: print('hmac stream read', hr.read()))


def on_key(err, key):
    print('pbkdf2 cb', 'null' if err is None else err, key.hex())
    crypto.randomBytes(16, lambda err2, buf: print('randomBytes cb',
                                                   'null' if err2 is None else err2, len(buf)))


crypto.pbkdf2('secret', 'salt', 1, 16, 'sha256', on_key)
print('sync end')
