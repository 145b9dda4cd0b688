# An async/await REST API on fs.promises: an async request handler, awaited file I/O, JSON replies,
# ENOENT as 404; a handler that throws is an unhandled rejection (Node 10: the process goes on).
import asyncio
import json
import tempfile

from nodehttp import fs, http, process

fsp = fs.promises


def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


dir = fs.mkdtempSync(tempfile.gettempdir() + '/fs-rest-')
process.on('unhandledRejection', lambda reason, promise: log('unhandledRejection', str(reason)))


def onexit(code):
    fs.rmdirSync(dir)
    log('exit', code)


process.on('exit', onexit)


def readBody(req):
    # new Promise((resolve, reject) => ...): a future resolved by the listeners.
    fut = asyncio.get_running_loop().create_future()
    chunks = []
    req.on('data', chunks.append)
    req.on('end', lambda: fut.set_result(b''.join(chunks).decode()))
    req.on('error', fut.set_exception)
    return fut


async def handler(req, res):
    parts = req.url.split('/')
    id = parts[2] if len(parts) > 2 else None
    if req.url == '/crash':
        raise Exception('handler crashed')
    try:
        if req.method == 'GET' and id:
            data = await fsp.readFile(f'{dir}/{id}.json', 'utf8')
            res.writeHead(200, {'Content-Type': 'application/json'})
            res.end(data)
        elif req.method == 'PUT' and id:
            body = await readBody(req)
            json.loads(body)
            await fsp.writeFile(f'{dir}/{id}.json', body)
            st = await fsp.stat(f'{dir}/{id}.json')
            res.writeHead(201, {'Content-Type': 'application/json'})
            res.end(json.dumps({'id': id, 'size': st.size}, separators=(',', ':')))
        elif req.method == 'DELETE' and id:
            await fsp.unlink(f'{dir}/{id}.json')
            res.writeHead(204)
            res.end()
        else:
            names = sorted(await fsp.readdir(dir))
            res.writeHead(200, {'Content-Type': 'application/json'})
            res.end(json.dumps(names, separators=(',', ':')))
    except Exception as err:
        code = getattr(err, 'code', None)
        res.writeHead(404 if code == 'ENOENT' else 400, {'Content-Type': 'application/json'})
        name = 'SyntaxError' if isinstance(err, json.JSONDecodeError) else type(err).__name__
        res.end(json.dumps({'error': code or name}, separators=(',', ':')))


server = http.createServer(handler)
calls = [
    ['PUT', '/items/1', '{"name":"one"}'],
    ['PUT', '/items/2', '{"name":"two"}'],
    ['PUT', '/items/3', 'not json'],
    ['GET', '/items/1'],
    ['GET', '/items'],
    ['GET', '/items/9'],
    ['DELETE', '/items/1'],
    ['DELETE', '/items/1'],
    ['DELETE', '/items/2'],
    ['GET', '/items'],
    ['GET', '/crash'],
]


def listening():
    def next():
        if not calls:
            server.close()
            return
        call = calls.pop(0)
        method, path = call[0], call[1]
        body = call[2] if len(call) > 2 else None

        def onres(res):
            data = []
            res.setEncoding('utf8')
            res.on('data', data.append)

            def onend():
                log(method, path, res.statusCode, ''.join(data))
                next()

            res.on('end', onend)

        req = http.request({'port': server.address()['port'], 'host': '127.0.0.1', 'method': method, 'path': path}, onres)

        def ontimeout():
            log(method, path, 'no reply: timeout')
            req.abort()

        def onerror(e):
            log(method, path, 'client error', e.code)
            next()

        req.setTimeout(300, ontimeout)
        req.on('error', onerror)
        req.end(body)

    next()


server.listen(0, '127.0.0.1', listening)
