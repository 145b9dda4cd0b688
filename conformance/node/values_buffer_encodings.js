// Buffer: Node 10's encodings, decoded and encoded as Node does (base64 stops at '=',
// skips what is not in the alphabet, url-safe alphabet; hex stops at the first bad
// pair; latin1/ascii/ucs2 of non-BMP characters per UTF-16 unit; encoding names).
const inputs = [
  ['YWJj=ZGVm', 'base64'], ['YW Jj\nZA', 'base64'], ['-_-_', 'base64'], ['YWJjZA', 'base64'],
  ['YQ', 'base64'], ['Y', 'base64'], ['YW*Jj', 'base64'], ['YQ==YQ', 'base64'], ['=YQ', 'base64'],
  ['YWJjZA==', 'base64'], ['', 'base64'], ['\t\r\nYWJj', 'BASE64'], ['YWJjZGVm+/8=', 'base64'],
  ['abc', 'hex'], ['abzz12', 'hex'], ['zz12', 'hex'], ['1z', 'hex'], ['AbCd', 'HEX'], ['ab cd', 'hex'],
  ['a\u{1F600}\u00e9', 'latin1'], ['a\u{1F600}\u00e9', 'ascii'], ['a\u{1F600}', 'ucs2'],
  ['a\u{1F600}\u00e9', 'binary'], ['\u20ac', 'latin1'], ['\u20ac\u{1F600}', 'utf8'],
  ['\ud800x', 'utf8'], ['h\u00e9', 'UTF-8'], ['h\u00e9', 'Utf16LE'], ['h\u00e9', 'UCS-2'],
];
for (const [s, enc] of inputs) {
  console.log(JSON.stringify([s, enc]), Buffer.from(s, enc).toString('hex'), Buffer.byteLength(s, enc));
}
const bufs = [[0x80, 0xff, 0x41], [0xe2, 0x82], [0x61, 0x62, 0x63], [0xff, 0xfe, 0x00], [0xed, 0xa0, 0x80], []];
for (const b of bufs) {
  const buf = Buffer.from(b);
  console.log(JSON.stringify(b), ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'ucs2']
    .map((e) => JSON.stringify(buf.toString(e))).join(' '));
}
for (const e of ['utf8', 'UTF8', 'utf-8', 'Utf-8', 'ucs2', 'UCS-2', 'utf16le', 'UTF-16LE',
  'latin1', 'binary', 'BINARY', 'base64', 'hex', 'ascii', 'base64url', 'utf16', '', 'raw', 'buffer']) {
  let r;
  try { r = Buffer.from('ab', e).toString('hex'); } catch (er) { r = 'TypeError ' + er.code + ': ' + er.message; }
  let t;
  try { t = Buffer.from('ab').toString(e); } catch (er) { t = 'TypeError ' + er.code + ': ' + er.message; }
  console.log(JSON.stringify(e), Buffer.isEncoding(e), r, JSON.stringify(t));
}
console.log(Buffer.isEncoding(null), Buffer.isEncoding(1), Buffer.isEncoding(undefined));
