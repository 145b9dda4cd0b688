# Node doc (crypto.md), "Class: Hash": using Hash objects as streams, and
# hash.update() with hash.digest() — the doc's two programs in sequence.
from nodehttp import crypto

hash = crypto.createHash('sha256')


def onreadable():
    data = hash.read()
    if data:
        print(data.hex())
        # Prints:
        #   6a2da20943931e9834fc12cfe5bb47bbd9ae43489a30726962b576f4e3993e50


hash.on('readable', onreadable)

hash.write('some data to hash')
hash.end()

hash2 = crypto.createHash('sha256')

hash2.update('some data to hash')
print(hash2.digest('hex'))
# Prints:
#   6a2da20943931e9834fc12cfe5bb47bbd9ae43489a30726962b576f4e3993e50
