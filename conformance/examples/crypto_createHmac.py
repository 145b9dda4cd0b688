# Node doc (crypto.md), "Class: Hmac": using Hmac objects as streams, and
# hmac.update() with hmac.digest() — the doc's two programs in sequence.
from nodehttp import crypto

hmac = crypto.createHmac('sha256', 'a secret')


def onreadable():
    data = hmac.read()
    if data:
        print(data.hex())
        # Prints:
        #   7fd04df92f636fd450bc841c9418e5825c17f33ad9c87c518115a45971f7f77e


hmac.on('readable', onreadable)

hmac.write('some data to hash')
hmac.end()

hmac2 = crypto.createHmac('sha256', 'a secret')

hmac2.update('some data to hash')
print(hmac2.digest('hex'))
# Prints:
#   7fd04df92f636fd450bc841c9418e5825c17f33ad9c87c518115a45971f7f77e
