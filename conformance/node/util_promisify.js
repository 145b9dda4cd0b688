// util.promisify over callback APIs of crypto and zlib: resolved values,
// a rejection with Node's error, util.promisify.custom, the type check,
// and the order against synchronous code.
const util = require('util');
const crypto = require('crypto');
const zlib = require('zlib');

const randomBytes = util.promisify(crypto.randomBytes);
const pbkdf2 = util.promisify(crypto.pbkdf2);
const gzip = util.promisify(zlib.gzip);
const gunzip = util.promisify(zlib.gunzip);

async function main() {
  const b = await randomBytes(8);
  console.log('random', b.length);
  const key = await pbkdf2('secret', 'salt', 10, 8, 'sha256');
  console.log('pbkdf2', key.toString('hex'));
  const z = await gzip('hello');
  console.log('gunzip', (await gunzip(z)).toString());
  try {
    await gunzip(Buffer.from('bad'));
  } catch (e) {
    console.log('rejected', e.code, e.errno, e.message);
  }
  function legacy(cb) { cb(null, 'not used'); }
  legacy[util.promisify.custom] = () => Promise.resolve('custom');
  console.log(await util.promisify(legacy)());
  try {
    util.promisify(5);
  } catch (e) {
    console.log(e.code, e.message);
  }
  return 'result';
}

main().then((r) => console.log('done', r));
console.log('sync end');
