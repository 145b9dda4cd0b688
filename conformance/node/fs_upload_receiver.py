# An upload-to-disk receiver: req.pipe(fs.createWriteStream(tmp)), then stat the file and reply.
import json
import tempfile

from nodehttp import Buffer, fs, http


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


dir = fs.mkdtempSync(tempfile.gettempdir() + '/fs-upload-')
n = 0


def handler(req, res):
    global n
    if req.method != 'PUT':
        res.writeHead(405)
        res.end()
        return
    n += 1
    file = dir + '/upload-' + str(n)
    out = fs.createWriteStream(file)
    events = []
    out.on('open', lambda fd: events.append('open'))
    out.on('ready', lambda: events.append('ready'))
    out.on('finish', lambda: events.append('finish'))

    def onerror(err):
        res.writeHead(500)
        res.end(err.code)

    def onclose():
        events.append('close')

        def onstat(err, st):
            if err:
                res.writeHead(500)
                res.end(err.code)
                return
            log('server', req.url, events, 'bytesWritten', out.bytesWritten, 'size', st.size, st.isFile())
            res.writeHead(201, {'Content-Type': 'application/json'})
            res.end(json.dumps({'size': st.size, 'sha': fs.readFileSync(file)[:8].hex()}, separators=(',', ':')))

        fs.stat(file, onstat)

    out.on('error', onerror)
    out.on('close', onclose)
    req.pipe(out)


server = http.createServer(handler)

uploads = [
    ['/small', [Buffer.from_('hello upload')]],
    ['/chunked', [Buffer.alloc(70000, 1), Buffer.alloc(70000, 2), Buffer.alloc(5, 3)]],
    ['/empty', []],
]


def listening():
    def next():
        if not uploads:
            server.close()
            for f in sorted(fs.readdirSync(dir)):
                log('file', f, fs.statSync(dir + '/' + f).size)
                fs.unlinkSync(dir + '/' + f)
            fs.rmdirSync(dir)
            return
        u = uploads.pop(0)

        def onres(res):
            body = []
            res.setEncoding('utf8')
            res.on('data', lambda c: body.append(c))

            def onend():
                log('client', u[0], res.statusCode, ''.join(body))
                next()

            res.on('end', onend)

        req = http.request({'port': server.address()['port'], 'host': '127.0.0.1', 'method': 'PUT', 'path': u[0]}, onres)
        for c in u[1]:
            req.write(c)
        req.end()

    next()


server.listen(0, '127.0.0.1', listening)
