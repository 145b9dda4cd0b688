// Node doc (zlib.md), "Compressing HTTP requests and responses" and
// "zlib.deflate / zlib.unzip": the doc's server picks deflate, gzip or
// identity from Accept-Encoding and pipes the body through zlib into the
// response; the client pipes it through createGunzip/createInflate into a
// file. The doc's index.html is written to a temporary directory first.
const zlib = require('zlib');
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');

const INDEX = '<html><body>' + 'hello zlib '.repeat(200) + '</body></html>\n';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zlib-doc-'));
fs.writeFileSync(path.join(dir, 'index.html'), INDEX);

// Running a gzip operation on every request is quite expensive.
// It would be much more efficient to cache the compressed buffer.
const server = http.createServer((request, response) => {
  const raw = fs.createReadStream(path.join(dir, 'index.html'));
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
  if (!encodings.length) {
    fs.unlinkSync(path.join(dir, 'index.html'));
    fs.unlinkSync(path.join(dir, 'out.html'));
    fs.rmdirSync(dir);
    return server.close();
  }
  const request = http.get({ port: server.address().port, path: '/',
                             headers: { 'Accept-Encoding': encodings[0] } });
  request.on('response', (response) => {
    const output = fs.createWriteStream(path.join(dir, 'out.html'));
    output.on('finish', () => {
      const body = fs.readFileSync(path.join(dir, 'out.html'), 'utf8');
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
