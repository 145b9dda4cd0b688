# fs.createReadStream ranges and chunking: end only, start only, start === end, small highWaterMark, encoding with a range.
import json
import tempfile

from nodehttp import fs

dir = fs.mkdtempSync(tempfile.gettempdir() + '/fs-ranges-')
file = dir + '/s'
fs.writeFileSync(file, 'abcdefghij')
cases = [{'end': 4}, {'start': 0, 'end': 0}, {'highWaterMark': 3}, {'start': 8}, {'start': 3, 'end': 100, 'highWaterMark': 2}, {'encoding': 'hex', 'start': 1, 'end': 2}, {'start': 10}]


def next():
    if not cases:
        fs.unlinkSync(file)
        fs.rmdirSync(dir)
        return
    o = cases.pop(0)
    s = fs.createReadStream(file, o)
    got = []
    s.on('data', lambda c: got.append(c if isinstance(c, str) else c.decode()))

    def onclose():
        print(json.dumps(o, separators=(',', ':')), json.dumps(got, separators=(',', ':')), s.bytesRead)
        next()

    s.on('close', onclose)


next()
