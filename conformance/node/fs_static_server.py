# A static file server: http + fs.createReadStream(file).pipe(res), 404 on ENOENT, content types.
import json
import re
import tempfile

from nodehttp import Buffer, fs, http, path, process


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


join = path.join


TYPES = {'.html': 'text/html', '.css': 'text/css', '.js': 'application/javascript', '.txt': 'text/plain'}


def extname(p):
    m = re.search(r'\.[^./]*$', p)
    return m.group(0) if m else ''


root = fs.mkdtempSync(tempfile.gettempdir() + '/fs-static-')
fs.writeFileSync(join(root, 'index.html'), '<h1>hello</h1>\n')
fs.writeFileSync(join(root, 'style.css'), 'body { color: red }\n')
fs.writeFileSync(join(root, 'big.txt'), Buffer.alloc(200000, 'x'))
fs.mkdirSync(join(root, 'sub'))


def handler(req, res):
    file = join(root, 'index.html' if req.url == '/' else req.url)
    stream = fs.createReadStream(file)

    def onopen(fd):
        res.writeHead(200, {'Content-Type': TYPES.get(extname(file)) or 'application/octet-stream'})
        stream.pipe(res)

    def onerror(err):
        log('server error', req.url, err.code, err.syscall)
        if res.headersSent:
            res.destroy()
            return
        res.writeHead(404 if err.code == 'ENOENT' else 500, {'Content-Type': 'text/plain'})
        res.end('Not Found\n' if err.code == 'ENOENT' else 'Error\n')

    stream.on('open', onopen)
    stream.on('error', onerror)
    stream.on('close', lambda: closed.__setitem__(req.url, stream.bytesRead))
    res.on('finish', lambda: finished.__setitem__(req.url, True))


server = http.createServer(handler)

closed = {}
finished = {}
process.on('exit', lambda code: log('closed streams', closed, 'finished responses', finished))
urls = ['/', '/style.css', '/big.txt', '/missing.html', '/sub']


def listening():
    def next():
        if not urls:
            server.close()
            fs.unlinkSync(join(root, 'index.html'))
            fs.unlinkSync(join(root, 'style.css'))
            fs.unlinkSync(join(root, 'big.txt'))
            fs.rmdirSync(join(root, 'sub'))
            fs.rmdirSync(root)
            return
        url = urls.pop(0)

        def onres(res):
            state = {'n': 0, 'body': ''}

            def ondata(c):
                state['n'] += len(c)
                if state['n'] < 100:
                    state['body'] += c.decode()

            def onend():
                n = state['n']
                log('client', url, res.statusCode, res.headers.get('content-type'),
                    res.headers.get('transfer-encoding'), n, state['body'] if n < 100 else '')
                next()

            res.on('data', ondata)
            res.on('end', onend)
            res.on('aborted', lambda: log('client aborted', url))

        def onerror(e):
            log('client error', url, e.code)
            next()

        http.get({'port': server.address()['port'], 'host': '127.0.0.1', 'path': url}, onres).on('error', onerror)

    next()


server.listen(0, '127.0.0.1', listening)
