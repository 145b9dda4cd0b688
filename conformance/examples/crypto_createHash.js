// Node doc (crypto.md), "Class: Hash": using Hash objects as streams, and
// hash.update() with hash.digest() — the doc's two programs in sequence.
const crypto = require('crypto');
const hash = crypto.createHash('sha256');

hash.on('readable', () => {
  const data = hash.read();
  if (data) {
    console.log(data.toString('hex'));
    // Prints:
    //   6a2da20943931e9834fc12cfe5bb47bbd9ae43489a30726962b576f4e3993e50
  }
});

hash.write('some data to hash');
hash.end();

const hash2 = crypto.createHash('sha256');

hash2.update('some data to hash');
console.log(hash2.digest('hex'));
// Prints:
//   6a2da20943931e9834fc12cfe5bb47bbd9ae43489a30726962b576f4e3993e50
