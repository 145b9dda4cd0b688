# The Node docs' fs.createReadStream examples: the last ten bytes of a 100-byte file ({start: 90, end: 99}),
# an encoding given as a string, and a stream over an already-open fd ({fd, autoClose}).
import json
import tempfile

from nodehttp import fs


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


dir = fs.mkdtempSync(tempfile.gettempdir() + '/fs-doc-')
file = dir + '/sample.txt'
text = ''
for i in range(10):
    text += f'line {i}...\n'
fs.writeFileSync(file, text)

tail = fs.createReadStream(file, {'start': 90, 'end': 99})
tail.on('data', lambda chunk: log('tail data', chunk.decode()))


def ontailend():
    log('tail end', tail.bytesRead)
    enc = fs.createReadStream(file, 'utf8')
    n = [0]

    def ondata(chunk):
        n[0] += 1
        log('enc data', 'string' if isinstance(chunk, str) else 'object', len(chunk))

    def onclose():
        log('enc close', n[0])
        fd = fs.openSync(file, 'r')
        byFd = fs.createReadStream(None, {'fd': fd, 'start': 0, 'end': 5, 'autoClose': False})
        byFd.on('open', lambda: log('never: no open event for an fd'))
        byFd.on('data', lambda chunk: log('fd data', chunk.decode()))

        def onend():
            log('fd end', byFd.path, byFd.fd == fd)
            fs.closeSync(fd)
            fs.unlinkSync(file)
            fs.rmdirSync(dir)

        byFd.on('end', onend)

    enc.on('data', ondata)
    enc.on('close', onclose)


tail.on('end', ontailend)
