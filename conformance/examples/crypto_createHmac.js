// Node doc (crypto.md), "Class: Hmac": using Hmac objects as streams, and
// hmac.update() with hmac.digest() — the doc's two programs in sequence.
const crypto = require('crypto');
const hmac = crypto.createHmac('sha256', 'a secret');

hmac.on('readable', () => {
  const data = hmac.read();
  if (data) {
    console.log(data.toString('hex'));
    // Prints:
    //   7fd04df92f636fd450bc841c9418e5825c17f33ad9c87c518115a45971f7f77e
  }
});

hmac.write('some data to hash');
hmac.end();

const hmac2 = crypto.createHmac('sha256', 'a secret');

hmac2.update('some data to hash');
console.log(hmac2.digest('hex'));
// Prints:
//   7fd04df92f636fd450bc841c9418e5825c17f33ad9c87c518115a45971f7f77e
