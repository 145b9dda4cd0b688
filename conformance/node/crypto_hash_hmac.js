// crypto: createHash/createHmac digests in every output encoding, update
// chaining with input encodings, Node 10's errors (digest twice, unknown
// algorithm, bad argument types), Hash as a Transform stream, pbkdf2 and
// its argument checks, timingSafeEqual, randomBytes sizes and errors.
const crypto = require('crypto');

function t(label, f) {
  try {
    const v = f();
    console.log(label, Buffer.isBuffer(v) ? 'buf:' + v.toString('hex') : JSON.stringify(v));
  } catch (e) {
    console.log(label, 'ERR', e instanceof TypeError, e instanceof RangeError, e.code, e.message);
  }
}

for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'SHA256', 'RSA-SHA1', 'sha3-256',
  'sha512-256', 'blake2b512', 'shake128', 'sha256WithRSAEncryption', 'ripemd160'])
  t(alg, () => crypto.createHash(alg).update('abc').digest('hex'));
for (const alg of ['sha3_256', 'blake2b', 'SHA-256', 'Sha1', 'sha512_256', 'RSA-sha256', 'md5withrsa'])
  t('name ' + alg, () => crypto.createHash(alg).digest('hex'));
for (const enc of ['hex', 'base64', 'latin1', 'binary', 'buffer', 'bogus', undefined])
  t('digest ' + enc, () => crypto.createHash('sha1').update('abc').digest(enc));
t('chain', () => crypto.createHash('sha256').update('a').update(Buffer.from('b')).update('63', 'hex').digest('base64'));
t('input latin1', () => crypto.createHash('md5').update('\u00e9', 'latin1').digest('hex'));
t('input utf8', () => crypto.createHash('md5').update('\u00e9').digest('hex'));
t('input base64', () => crypto.createHash('md5').update('YWJj', 'base64').digest('hex'));
t('digest twice', () => { const h = crypto.createHash('sha1'); h.digest(); return h.digest(); });
t('update after', () => { const h = crypto.createHash('sha1'); h.digest(); return h.update('x'); });
t('ucs2', () => crypto.createHash('sha1').digest('ucs2'));
t('unknown', () => crypto.createHash('nope'));
t('alg type', () => crypto.createHash(1));
t('data type', () => crypto.createHash('sha1').update(1));
t('data undefined', () => crypto.createHash('sha1').update(undefined));

t('hmac hex', () => crypto.createHmac('sha256', 'a secret').update('I love cupcakes').digest('hex'));
t('hmac buf key', () => crypto.createHmac('sha1', Buffer.from([1, 2, 3])).update('x').digest('base64'));
t('hmac long key', () => crypto.createHmac('md5', 'k'.repeat(200)).update('x').digest('hex'));
t('hmac buffer', () => crypto.createHmac('sha512', '').digest());
t('hmac twice', () => { const h = crypto.createHmac('sha1', 'k'); h.digest(); return h.digest('hex'); });
t('hmac twice buf', () => { const h = crypto.createHmac('sha1', 'k'); h.digest(); return h.digest(); });
t('hmac update after', () => { const h = crypto.createHmac('sha1', 'k'); h.digest(); return h.update('x'); });
t('hmac unknown', () => crypto.createHmac('nope', 'k'));
t('hmac key type', () => crypto.createHmac('sha1', 5));
t('hmac alg type', () => crypto.createHmac(5, 'k'));

t('pbkdf2Sync', () => crypto.pbkdf2Sync('secret', 'salt', 1000, 32, 'sha512'));
t('pbkdf2Sync 0 iter', () => crypto.pbkdf2Sync('p', 's', 0, 16, 'sha1'));
t('pbkdf2Sync 0 len', () => crypto.pbkdf2Sync('p', 's', 1, 0, 'sha1'));
t('pbkdf2Sync no digest', () => crypto.pbkdf2Sync('p', 's', 1, 32));
t('pbkdf2Sync digest type', () => crypto.pbkdf2Sync('p', 's', 1, 32, 5));
t('pbkdf2Sync bad digest', () => crypto.pbkdf2Sync('p', 's', 1, 32, 'nope'));
t('pbkdf2Sync password', () => crypto.pbkdf2Sync(1, 's', 1, 32, 'sha1'));
t('pbkdf2Sync salt', () => crypto.pbkdf2Sync('p', {}, 1, 32, 'sha1'));
t('pbkdf2Sync iter type', () => crypto.pbkdf2Sync('p', 's', '1', 32, 'sha1'));
t('pbkdf2Sync iter neg', () => crypto.pbkdf2Sync('p', 's', -1, 32, 'sha1'));
t('pbkdf2Sync iter frac', () => crypto.pbkdf2Sync('p', 's', 1.5, 32, 'sha1'));
t('pbkdf2Sync keylen big', () => crypto.pbkdf2Sync('p', 's', 1, 2 ** 32, 'sha1'));
t('pbkdf2 no cb', () => crypto.pbkdf2('p', 's', 1, 32, 'sha1'));
t('pbkdf2 cb type', () => crypto.pbkdf2('p', 's', 1, 32, 'sha1', 5));

t('tse equal', () => crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')));
t('tse differ', () => crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
t('tse length', () => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')));
t('tse type1', () => crypto.timingSafeEqual('a', Buffer.from('a')));
t('tse type2', () => crypto.timingSafeEqual(Buffer.from('a'), 'a'));

t('randomBytes 8', () => crypto.randomBytes(8).length);
t('randomBytes 0', () => crypto.randomBytes(0).length);
t('randomBytes neg', () => crypto.randomBytes(-1));
t('randomBytes type', () => crypto.randomBytes('1'));
t('randomBytes big', () => crypto.randomBytes(2 ** 31));
t('randomBytes NaN', () => crypto.randomBytes(NaN));
t('randomBytes cb type', () => crypto.randomBytes(4, 5));
t('getHashes', () => ['md5', 'sha1', 'sha256', 'sha512', 'RSA-SHA256'].map((n) => crypto.getHashes().includes(n)));

// Hash is a Transform stream: write/end, then 'data' with the digest, then 'end'.
const hs = crypto.createHash('sha1');
hs.on('data', (d) => console.log('stream data', d.toString('hex')));
hs.on('end', () => console.log('stream end'));
hs.on('finish', () => console.log('stream finish'));
hs.write('ab');
hs.end('c');
const hr = crypto.createHmac('sha256', 'k');
hr.setEncoding('base64');
hr.end('abc', () => console.log('hmac stream read', hr.read()));

crypto.pbkdf2('secret', 'salt', 1, 16, 'sha256', (err, key) => {
  console.log('pbkdf2 cb', err, key.toString('hex'));
  crypto.randomBytes(16, (err2, buf) => {
    console.log('randomBytes cb', err2, buf.length);
  });
});
console.log('sync end');
