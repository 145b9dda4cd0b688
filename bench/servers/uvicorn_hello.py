"""Benchmark server: uvicorn (uvloop + httptools) with a raw ASGI app (python uvicorn_hello.py PORT [doc|cached]).

GET any path -> 200 "Hello, World!"; POST -> the request body, read fully, echoed back.
`doc` (default): as uvicorn's docs write a raw ASGI app -- a fresh header list per response,
Content-Type only (uvicorn then sends the body chunked, as Node does for the doc-style handler).
`cached`: module-level messages with a precomputed Content-Length.
"""
import sys

import uvicorn

HELLO = b'Hello, World!'
HELLO_START = {'type': 'http.response.start', 'status': 200,
               'headers': [(b'content-type', b'text/plain'), (b'content-length', b'13')]}
HELLO_BODY = {'type': 'http.response.body', 'body': HELLO}
CACHED = len(sys.argv) > 2 and sys.argv[2] == 'cached'


async def app(scope, receive, send):
    if scope['type'] != 'http':
        if scope['type'] == 'lifespan':
            while True:
                msg = await receive()
                if msg['type'] == 'lifespan.startup':
                    await send({'type': 'lifespan.startup.complete'})
                    print('ready', flush=True)
                elif msg['type'] == 'lifespan.shutdown':
                    await send({'type': 'lifespan.shutdown.complete'})
                    return
        return
    if scope['method'] == 'POST':
        if not CACHED:
            body = b''
            more = True
            while more:
                msg = await receive()
                body += msg.get('body', b'')
                more = msg.get('more_body', False)
            await send({'type': 'http.response.start', 'status': 200,
                        'headers': [[b'content-type', b'application/octet-stream']]})
            await send({'type': 'http.response.body', 'body': body})
            return
        chunks = []
        more = True
        while more:
            msg = await receive()
            chunks.append(msg.get('body', b''))
            more = msg.get('more_body', False)
        body = b''.join(chunks)
        await send({'type': 'http.response.start', 'status': 200,
                    'headers': [(b'content-type', b'application/octet-stream'),
                                (b'content-length', str(len(body)).encode())]})
        await send({'type': 'http.response.body', 'body': body})
        return
    if CACHED:
        await send(HELLO_START)
        await send(HELLO_BODY)
        return
    await send({'type': 'http.response.start', 'status': 200,
                'headers': [[b'content-type', b'text/plain']]})
    await send({'type': 'http.response.body', 'body': b'Hello, World!'})


if __name__ == '__main__':
    uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), loop='uvloop', http='httptools',
                log_level='warning', access_log=False, timeout_keep_alive=60)
