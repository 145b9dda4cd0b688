# string_decoder: whole characters across write() boundaries and at end(), for every
# Node 10 encoding (split UTF-8 sequences, surrogate pairs, base64 groups, odd bytes).
import json

from nodehttp.string_decoder import StringDecoder

inputs = [
    [0xe2, 0x82, 0xac, 0x41], [0xf0, 0x9f, 0x98, 0x80, 0x42], [0x3d, 0xd8, 0x00, 0xde, 0x41, 0x00],
    [0xe2, 0x82], [0xff, 0x41, 0xc3], [0x61, 0x62, 0x63, 0x64, 0x65], [0x3d, 0xd8], [0x41],
    [0xed, 0xa0, 0x80, 0x41],
]
encs = ['utf8', 'utf16le', 'base64', 'hex', 'latin1', 'ascii']


def js(x):
    # JSON.stringify as console.log prints it (a lone surrogate goes out as U+FFFD)
    text = json.dumps(x, ensure_ascii=False, separators=(',', ':'))
    return text.encode('utf-8', 'nodehttp.js').decode('utf-8')


for data in inputs:
    for enc in encs:
        out = []
        for cut in range(len(data) + 1):
            d = StringDecoder(enc)
            out.append([d.write(bytes(data[:cut])), d.write(bytes(data[cut:])), d.end()])
        d = StringDecoder(enc)
        out.append([d.write(bytes([b])) for b in data] + [d.end(b'A')])
        print(enc, js(data), js(out))

for e in ['UTF-8', 'ucs2', 'binary', 'buffer', 'bogus']:
    try:
        print(e, StringDecoder(e).encoding)
    except TypeError as er:
        print(e, er.code, er.message)
