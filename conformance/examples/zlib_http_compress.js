// Node doc (zlib.md), "Compressing HTTP requests and responses" and
// "zlib.deflate / zlib.unzip": the doc's server picks deflate, gzip or
// identity from Accept-Encoding and pipes the body through zlib into the
// response; the client pipes it through createGunzip/createInflate. The
// doc's fs streams (index.html, the output file) are replaced by an
// in-memory Readable and a collecting Writable (fs is not part of this case).
const zlib = require('zlib');
const http = require('http');
const { Readable, Writable } = require('stream');

const INDEX = '<html><body>' + 'hello zlib '.repeat(200) + '</body></html>\n';
function createReadStream() {
  return new Readable({ read() { this.push(INDEX); this.push(null); } });
}

// Running a gzip operation on every request is quite expensive.
// It would be much more efficient to cache the compressed buffer.
const server = http.createServer((request, response) => {
  const raw = createReadStream('index.html');
  let acceptEncoding = request.headers['accept-encoding'];
  if (!acceptEncoding) {
    acceptEncoding = '';
  }

  // Note: This is not a conformant accept-encoding parser.
  // See https://www.w3.org/Protocols/rfc2616/rfc2616-sec14.html#sec14.3
  if (/\bdeflate\b/.test(acceptEncoding)) {
    response.writeHead(200, { 'Content-Encoding': 'deflate' });
    raw.pipe(zlib.createDeflate()).pipe(response);
  } else if (/\bgzip\b/.test(acceptEncoding)) {
    response.writeHead(200, { 'Content-Encoding': 'gzip' });
    raw.pipe(zlib.createGzip()).pipe(response);
  } else {
    response.writeHead(200, {});
    raw.pipe(response);
  }
}).listen(0, () => get(['gzip,deflate', 'gzip', '']));

function get(encodings) {
  if (!encodings.length) return server.close();
  const request = http.get({ port: server.address().port, path: '/',
                             headers: { 'Accept-Encoding': encodings[0] } });
  request.on('response', (response) => {
    let body = '';
    const output = new Writable({ write(chunk, enc, cb) { body += chunk; cb(); } });
    output.on('finish', () => {
      console.log(JSON.stringify(encodings[0]), response.headers['content-encoding'],
        body.length, body === INDEX);
      get(encodings.slice(1));
    });
    switch (response.headers['content-encoding']) {
      // or, just use zlib.createUnzip() to handle both cases
      case 'gzip':
        response.pipe(zlib.createGunzip()).pipe(output);
        break;
      case 'deflate':
        response.pipe(zlib.createInflate()).pipe(output);
        break;
      default:
        response.pipe(output);
        break;
    }
  });
}

const input = '.................................';
zlib.deflate(input, (err, buffer) => {
  if (!err) {
    console.log(buffer.toString('base64'));
  } else {
    // handle error
  }
});

const buffer = Buffer.from('eJzT0yMAAGTvBe8=', 'base64');
zlib.unzip(buffer, (err, buffer) => {
  if (!err) {
    console.log(buffer.toString());
  } else {
    // handle error
  }
});
