# util.promisify over callback APIs of crypto and zlib: resolved values,
# a rejection with Node's error, util.promisify.custom, the type check,
# and the order against synchronous code.
from nodehttp import crypto, loop, util, zlib

randomBytes = util.promisify(crypto.randomBytes)
pbkdf2 = util.promisify(crypto.pbkdf2)
gzip = util.promisify(zlib.gzip)
gunzip = util.promisify(zlib.gunzip)


async def main():
    b = await randomBytes(8)
    print('random', len(b))
    key = await pbkdf2('secret', 'salt', 10, 8, 'sha256')
    print('pbkdf2', key.hex())
    z = await gzip('hello')
    print('gunzip', (await gunzip(z)).decode())
    try:
        await gunzip(b'bad')
    except Exception as e:
        print('rejected', e.code, e.errno, e.message)

    def legacy(cb):
        cb(None, 'not used')

    async def custom():
        return 'custom'
    setattr(legacy, util.promisify.custom, custom)
    print(await util.promisify(legacy)())
    try:
        util.promisify(5)
    except Exception as e:
        print(e.code, e.message)
    return 'result'


loop.spawn(main()).add_done_callback(lambda t: print('done', t.result()))
print('sync end')
