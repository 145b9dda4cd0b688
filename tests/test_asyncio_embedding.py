"""nodehttp inside an asyncio program (asyncio.run), next to httpx, with
Node's rule for an exception in a handler and a clean shutdown path."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import httpx

from nodehttp import events, http, process


def test_server_inside_asyncio_run_answers_httpx_and_closes_cleanly():
    async def main() -> list:
        server = http.createServer(lambda req, res: res.end("hi " + req.url))
        server.listen(0, "127.0.0.1")
        await events.once(server, "listening")
        port = server.address()["port"]
        async with httpx.AsyncClient() as client:
            replies = [(r.status_code, r.text) for r in await asyncio.gather(
                client.get(f"http://127.0.0.1:{port}/a"), client.get(f"http://127.0.0.1:{port}/b"))]
        server.close()
        await events.once(server, "close")
        return replies

    assert asyncio.run(main()) == [(200, "hi /a"), (200, "hi /b")]


def test_an_exception_in_a_handler_is_uncaught_unless_process_listens(tmp_path):
    """Node's rule: the process dies (SystemExit(1) out of asyncio.run, with
    the traceback), unless process.on('uncaughtException') is listening."""
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent("""
        import asyncio
        from nodehttp import events, http

        async def main():
            def handler(req, res):
                raise ValueError('handler bug')
            server = http.createServer(handler)
            server.listen(0, '127.0.0.1')
            await events.once(server, 'listening')
            reader, writer = await asyncio.open_connection('127.0.0.1', server.address()['port'])
            writer.write(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')
            await reader.read()

        try:
            asyncio.run(main())
        except SystemExit as exc:
            print('SystemExit', exc.code)
    """))
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "SystemExit 1"
    assert "ValueError: handler bug" in r.stderr


def test_uncaught_exception_listener_keeps_the_asyncio_program_running():
    seen: list = []

    async def main() -> str:
        def handler(req, res):
            if req.url == "/bug":
                raise ValueError("handler bug")
            res.end("fine")
        process.on("uncaughtException", lambda err: seen.append(str(err)))
        server = http.createServer(handler)
        server.listen(0, "127.0.0.1")
        await events.once(server, "listening")
        port = server.address()["port"]
        async with httpx.AsyncClient() as client:
            try:
                await client.get(f"http://127.0.0.1:{port}/bug", timeout=2)
            except httpx.HTTPError:
                pass  # the buggy request got no answer
            ok = await client.get(f"http://127.0.0.1:{port}/ok")
        server.close()
        await events.once(server, "close")
        return ok.text

    try:
        assert asyncio.run(main()) == "fine"
    finally:
        process.removeAllListeners("uncaughtException")
    assert seen == ["handler bug"]
