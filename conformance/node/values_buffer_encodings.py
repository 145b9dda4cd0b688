# Buffer: Node 10's encodings, decoded and encoded as Node does (base64 stops at '=',
# skips what is not in the alphabet, url-safe alphabet; hex stops at the first bad
# pair; latin1/ascii/ucs2 of non-BMP characters per UTF-16 unit; encoding names).
import json

import nodehttp.encoding  # noqa: F401 - registers the 'nodehttp.js' error handler

from nodehttp.buffer import Buffer

inputs = [
    ['YWJj=ZGVm', 'base64'], ['YW Jj\nZA', 'base64'], ['-_-_', 'base64'], ['YWJjZA', 'base64'],
    ['YQ', 'base64'], ['Y', 'base64'], ['YW*Jj', 'base64'], ['YQ==YQ', 'base64'], ['=YQ', 'base64'],
    ['YWJjZA==', 'base64'], ['', 'base64'], ['\t\r\nYWJj', 'BASE64'], ['YWJjZGVm+/8=', 'base64'],
    ['abc', 'hex'], ['abzz12', 'hex'], ['zz12', 'hex'], ['1z', 'hex'], ['AbCd', 'HEX'], ['ab cd', 'hex'],
    ['a\U0001F600\u00e9', 'latin1'], ['a\U0001F600\u00e9', 'ascii'], ['a\U0001F600', 'ucs2'],
    ['a\U0001F600\u00e9', 'binary'], ['\u20ac', 'latin1'], ['\u20ac\U0001F600', 'utf8'],
    ['\ud800x', 'utf8'], ['h\u00e9', 'UTF-8'], ['h\u00e9', 'Utf16LE'], ['h\u00e9', 'UCS-2'],
]


def js(x):
    # JSON.stringify as console.log prints it (a lone surrogate goes out as U+FFFD)
    text = json.dumps(x, ensure_ascii=False, separators=(',', ':'))
    return text.encode('utf-8', 'nodehttp.js').decode('utf-8')


for s, enc in inputs:
    print(js([s, enc]), Buffer.toString(Buffer.from_(s, enc), 'hex'), Buffer.byteLength(s, enc))

bufs = [[0x80, 0xff, 0x41], [0xe2, 0x82], [0x61, 0x62, 0x63], [0xff, 0xfe, 0x00], [0xed, 0xa0, 0x80], []]
for b in bufs:
    buf = Buffer.from_(b)
    print(js(b), ' '.join(js(Buffer.toString(buf, e))
                          for e in ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'ucs2']))

for e in ['utf8', 'UTF8', 'utf-8', 'Utf-8', 'ucs2', 'UCS-2', 'utf16le', 'UTF-16LE',
          'latin1', 'binary', 'BINARY', 'base64', 'hex', 'ascii', 'base64url', 'utf16', '', 'raw',
          'buffer']:
    try:
        r = Buffer.toString(Buffer.from_('ab', e), 'hex')
    except TypeError as er:
        r = f'TypeError {er.code}: {er.message}'
    try:
        t = js(Buffer.toString(Buffer.from_('ab'), e))
    except TypeError as er:
        t = js(f'TypeError {er.code}: {er.message}')
    print(js(e), 'true' if Buffer.isEncoding(e) else 'false', r, t)

print(*('true' if Buffer.isEncoding(v) else 'false' for v in (None, 1, None)))
