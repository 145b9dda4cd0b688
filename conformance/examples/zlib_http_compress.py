# Node doc (zlib.md), "Compressing HTTP requests and responses" and
# "zlib.deflate / zlib.unzip": the doc's server picks deflate, gzip or
# identity from Accept-Encoding and pipes the body through zlib into the
# response; the client pipes it through createGunzip/createInflate into a
# file. The doc's index.html is written to a temporary directory first.
import json
import re
import tempfile

from nodehttp import Buffer, fs, http, path, zlib

INDEX = '<html><body>' + 'hello zlib ' * 200 + '</body></html>\n'
dir = fs.mkdtempSync(path.join(tempfile.gettempdir(), 'zlib-doc-'))
fs.writeFileSync(path.join(dir, 'index.html'), INDEX)


# Running a gzip operation on every request is quite expensive.
# It would be much more efficient to cache the compressed buffer.
def handler(request, response):
    raw = fs.createReadStream(path.join(dir, 'index.html'))
    acceptEncoding = request.headers.get('accept-encoding')
    if not acceptEncoding:
        acceptEncoding = ''

    # Note: This is not a conformant accept-encoding parser.
    # See https://www.w3.org/Protocols/rfc2616/rfc2616-sec14.html#sec14.3
    if re.search(r'\bdeflate\b', acceptEncoding):
        response.writeHead(200, {'Content-Encoding': 'deflate'})
        raw.pipe(zlib.createDeflate()).pipe(response)
    elif re.search(r'\bgzip\b', acceptEncoding):
        response.writeHead(200, {'Content-Encoding': 'gzip'})
        raw.pipe(zlib.createGzip()).pipe(response)
    else:
        response.writeHead(200, {})
        raw.pipe(response)


server = http.createServer(handler)
server.listen(0, lambda: get(['gzip,deflate', 'gzip', '']))


def get(encodings):
    if not encodings:
        fs.unlinkSync(path.join(dir, 'index.html'))
        fs.unlinkSync(path.join(dir, 'out.html'))
        fs.rmdirSync(dir)
        return server.close()
    request = http.get({'port': server.address()['port'], 'path': '/',
                        'headers': {'Accept-Encoding': encodings[0]}})

    def on_response(response):
        output = fs.createWriteStream(path.join(dir, 'out.html'))

        def on_finish():
            body = fs.readFileSync(path.join(dir, 'out.html'), 'utf8')
            print(json.dumps(encodings[0]), response.headers.get('content-encoding', 'undefined'),
                  len(body), str(body == INDEX).lower())
            get(encodings[1:])
        output.on('finish', on_finish)
        enc = response.headers.get('content-encoding')
        # or, just use zlib.createUnzip() to handle both cases
        if enc == 'gzip':
            response.pipe(zlib.createGunzip()).pipe(output)
        elif enc == 'deflate':
            response.pipe(zlib.createInflate()).pipe(output)
        else:
            response.pipe(output)
    request.on('response', on_response)


input = '.................................'


def on_deflate(err, buffer):
    if not err:
        print(Buffer.toString(buffer, 'base64'))
    else:
        pass  # handle error


zlib.deflate(input, on_deflate)

buffer = Buffer.from_('eJzT0yMAAGTvBe8=', 'base64')


def on_unzip(err, buffer):
    if not err:
        print(Buffer.toString(buffer))
    else:
        pass  # handle error


zlib.unzip(buffer, on_unzip)
