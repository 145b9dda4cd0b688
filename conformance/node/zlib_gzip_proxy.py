# A gzip-compressing proxy: the upstream server sends plain text (in
# several writes); the proxy pipes the upstream response through
# zlib.createGzip() into its own response with Content-Encoding: gzip; the
# client pipes the body through zlib.createGunzip() and prints the text.
from nodehttp import Buffer, http, zlib


def on_upstream(req, res):
    res.writeHead(200, {'Content-Type': 'text/plain'})
    for i in range(50):
        res.write(f'line {i} of {req.url}\n')
    res.end('the end\n')


upstream = http.createServer(on_upstream)


def on_proxy(req, res):
    def on_up(up):
        print('proxy: upstream', up.statusCode, up.headers['content-type'])
        res.writeHead(up.statusCode, {
            'Content-Type': up.headers['content-type'],
            'Content-Encoding': 'gzip',
        })
        up.pipe(zlib.createGzip()).pipe(res)
    http.get({'port': upstream.address()['port'], 'path': req.url}, on_up)


proxy = http.createServer(on_proxy)


def on_response(res):
    print('client:', res.statusCode, res.headers['content-encoding'],
          res.headers['transfer-encoding'])
    text = ''
    gunzip = zlib.createGunzip()
    res.pipe(gunzip)
    gunzip.setEncoding('utf8')

    def ondata(s):
        nonlocal text
        text += s
    gunzip.on('data', ondata)

    def onend():
        lines = text.split('\n')
        print('client: lines', len(lines), 'first', lines[0], 'last', lines[len(lines) - 2])
        print('client: bytes', Buffer.byteLength(text))
        proxy.close()
        upstream.close()
    gunzip.on('end', onend)


upstream.listen(0, lambda: proxy.listen(0, lambda: http.get(
    {'port': proxy.address()['port'], 'path': '/page', 'headers': {'Accept-Encoding': 'gzip'}},
    on_response)))
