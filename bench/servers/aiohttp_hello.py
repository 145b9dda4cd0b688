"""Benchmark server: aiohttp.web on uvloop (python aiohttp_hello.py PORT).

GET any path -> 200 "Hello, World!"; POST -> the request body, read fully, echoed back.
"""
import asyncio
import sys

import uvloop
from aiohttp import web

HELLO = b'Hello, World!'


async def hello(request):
    return web.Response(body=HELLO, content_type='text/plain')


async def echo(request):
    body = await request.read()
    return web.Response(body=body, content_type='application/octet-stream')


async def main(port):
    app = web.Application()
    app.router.add_route('GET', '/{tail:.*}', hello)
    app.router.add_route('POST', '/{tail:.*}', echo)
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=60)
    await runner.setup()
    await web.TCPSite(runner, '127.0.0.1', port).start()
    print('ready', flush=True)
    await asyncio.Event().wait()


if __name__ == '__main__':
    uvloop.run(main(int(sys.argv[1])))
