"""Benchmark server: uvicorn (uvloop + httptools) with a raw ASGI app (python uvicorn_hello.py PORT).

GET any path -> 200 "Hello, World!"; POST -> the request body, read fully, echoed back.
"""
import sys

import uvicorn

HELLO = b'Hello, World!'
HELLO_START = {'type': 'http.response.start', 'status': 200,
               'headers': [(b'content-type', b'text/plain'), (b'content-length', b'13')]}
HELLO_BODY = {'type': 'http.response.body', 'body': HELLO}


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
    await send(HELLO_START)
    await send(HELLO_BODY)


if __name__ == '__main__':
    uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), loop='uvloop', http='httptools',
                log_level='warning', access_log=False, timeout_keep_alive=60)
