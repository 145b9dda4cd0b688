// string_decoder: whole characters across write() boundaries and at end(), for every
// Node 10 encoding (split UTF-8 sequences, surrogate pairs, base64 groups, odd bytes).
const { StringDecoder } = require('string_decoder');
const inputs = [
  [0xe2, 0x82, 0xac, 0x41], [0xf0, 0x9f, 0x98, 0x80, 0x42], [0x3d, 0xd8, 0x00, 0xde, 0x41, 0x00],
  [0xe2, 0x82], [0xff, 0x41, 0xc3], [0x61, 0x62, 0x63, 0x64, 0x65], [0x3d, 0xd8], [0x41],
  [0xed, 0xa0, 0x80, 0x41],
];
const encs = ['utf8', 'utf16le', 'base64', 'hex', 'latin1', 'ascii'];
for (const bytes of inputs) {
  for (const enc of encs) {
    const out = [];
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new StringDecoder(enc);
      out.push([d.write(Buffer.from(bytes.slice(0, cut))), d.write(Buffer.from(bytes.slice(cut))), d.end()]);
    }
    const d = new StringDecoder(enc);
    out.push(bytes.map((b) => d.write(Buffer.from([b]))).concat([d.end(Buffer.from([0x41]))]));
    console.log(enc, JSON.stringify(bytes), JSON.stringify(out));
  }
}
for (const e of ['UTF-8', 'ucs2', 'binary', 'buffer', 'bogus']) {
  try { console.log(e, new StringDecoder(e).encoding); } catch (er) { console.log(e, er.code, er.message); }
}
