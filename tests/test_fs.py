"""nodehttp.fs: the callback/Sync/promise API, the threadpool, streams with pipe, errors."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

import nodehttp
from nodehttp import fs, http, process, require
from nodehttp.errors import UVException
from nodehttp import _threadpool


def test_require_and_import_give_the_same_module():
    assert require("fs") is fs
    assert fs.constants["COPYFILE_EXCL"] == 1 and fs.F_OK == 0


def test_system_error_is_an_oserror_with_node_fields(tmp_path):
    missing = str(tmp_path / "nope")
    with pytest.raises(FileNotFoundError) as info:
        fs.readFileSync(missing)
    e = info.value
    assert isinstance(e, UVException) and isinstance(e, OSError)
    assert (e.code, e.errno, e.syscall, e.path) == ("ENOENT", -2, "open", missing)
    assert str(e) == e.message == f"ENOENT: no such file or directory, open '{missing}'"


def test_rename_error_carries_dest(tmp_path):
    with pytest.raises(UVException) as info:
        fs.renameSync(str(tmp_path / "a"), str(tmp_path / "b"))
    assert info.value.dest == str(tmp_path / "b")
    assert str(info.value).endswith(f"rename '{tmp_path / 'a'}' -> '{tmp_path / 'b'}'")


def test_callbacks_run_off_the_loop_thread_and_complete_after_ticks(tmp_path):
    p = tmp_path / "f"
    p.write_bytes(b"abc")
    seen = []
    threads = []
    from nodehttp.fs import _binding

    def spy(*args):
        threads.append(threading.current_thread().name)
        return _binding.read_file(*args)

    def main():
        _threadpool.submit(spy, (str(p), os.O_RDONLY), lambda err, data: seen.append(("work", data)))
        fs.readFile(str(p), "utf8", lambda err, data: seen.append(("cb", err, data)))
        process.nextTick(lambda: seen.append("tick"))
        seen.append("sync")

    nodehttp.run(main)
    assert seen[:2] == ["sync", "tick"]
    assert ("cb", None, "abc") in seen and ("work", b"abc") in seen
    assert threads and threads[0].startswith("nodehttp-uv-")


def test_pending_request_keeps_the_loop_alive(tmp_path):
    # run() returns only after the callback ran: the request was referenced.
    done = []
    nodehttp.run(lambda: fs.stat(str(tmp_path), lambda err, st: done.append(st.isDirectory())))
    assert done == [True]


def test_threadpool_size_follows_uv_threadpool_size(monkeypatch):
    monkeypatch.setenv("UV_THREADPOOL_SIZE", "2")
    assert _threadpool.size() == 2
    monkeypatch.setenv("UV_THREADPOOL_SIZE", "0")
    assert _threadpool.size() == 1
    monkeypatch.delenv("UV_THREADPOOL_SIZE")
    assert _threadpool.size() == 4


def test_callback_exception_is_uncaught(tmp_path):
    def main():
        def cb(err, st):
            raise RuntimeError("in callback")
        fs.stat(str(tmp_path), cb)

    with pytest.raises(SystemExit) as info:
        nodehttp.run(main)
    assert info.value.code == 1


def test_validation_errors_are_synchronous():
    with pytest.raises(TypeError) as info:
        fs.stat("/tmp")
    assert info.value.code == "ERR_INVALID_CALLBACK"
    with pytest.raises(TypeError) as info:
        fs.readFile(42.5, lambda err: None)
    assert info.value.code == "ERR_INVALID_ARG_TYPE"


def test_write_both_forms_and_read_into_bytearray(tmp_path):
    fd = fs.openSync(str(tmp_path / "w"), "w+")
    assert fs.writeSync(fd, "héllo") == 6
    assert fs.writeSync(fd, b"XYZ", 1, 2, 0) == 2
    buf = bytearray(6)
    assert fs.readSync(fd, buf, 0, 6, 0) == 6
    assert bytes(buf) == b"YZ\xa9llo"
    with pytest.raises(TypeError):
        fs.readSync(fd, b"immutable", 0, 1, 0)
    fs.closeSync(fd)


def test_mkdir_recursive_and_readdir_with_file_types(tmp_path):
    fs.mkdirSync(str(tmp_path / "a" / "b"), {"recursive": True})
    fs.mkdirSync(str(tmp_path / "a" / "b"), {"recursive": True})  # exists: fine
    entries = fs.readdirSync(str(tmp_path / "a"), {"withFileTypes": True})
    assert [(e.name, e.isDirectory()) for e in entries] == [("b", True)]


def test_promises_resolve_and_reject(tmp_path, capsys):
    out = {}

    async def main():
        p = fs.promises
        await p.writeFile(str(tmp_path / "x"), "data")
        out["text"] = await p.readFile(str(tmp_path / "x"), "utf8")
        out["size"] = (await p.stat(str(tmp_path / "x"))).size
        fh = await p.open(str(tmp_path / "x"), "r")
        out["read"] = (await fh.read(bytearray(2), 0, 2, 0))["bytesRead"]
        await fh.close()
        try:
            await p.readFile(str(tmp_path / "nope"))
        except FileNotFoundError as e:
            out["code"] = e.code

    nodehttp.run(main)
    assert out == {"text": "data", "size": 4, "read": 2, "code": "ENOENT"}


def test_read_stream_piped_to_http_response(tmp_path):
    body = os.urandom(300_000)
    (tmp_path / "blob").write_bytes(body)
    got = []

    def main():
        def handler(req, res):
            res.writeHead(200)
            fs.createReadStream(str(tmp_path / "blob")).pipe(res)

        srv = http.createServer(handler)

        def listening():
            def onres(res):
                res.on("data", got.append)
                res.on("end", srv.close)
            http.get({"port": srv.address()["port"], "host": "127.0.0.1"}, onres)

        srv.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert b"".join(got) == body


def test_read_stream_chunks_are_the_pools(tmp_path):
    (tmp_path / "f").write_bytes(b"x" * 150_000)
    sizes = []

    def main():
        s = fs.createReadStream(str(tmp_path / "f"), {"highWaterMark": 50_000})
        s.on("data", lambda c: sizes.append(len(c)))

    nodehttp.run(main)
    assert sum(sizes) == 150_000 and max(sizes) <= 50_000


def test_write_stream_start_option_writes_at_offset(tmp_path):
    p = tmp_path / "f"
    p.write_bytes(b"0123456789")
    closed = []

    def main():
        ws = fs.createWriteStream(str(p), {"flags": "r+", "start": 3})
        ws.on("close", lambda: closed.append(ws.bytesWritten))
        ws.end("abc")

    nodehttp.run(main)
    assert closed == [3] and p.read_bytes() == b"012abc6789"


def test_async_handler_rest_api_port(tmp_path):
    # A literal port of an async REST API: async handler, await fs.promises, JSON out.
    (tmp_path / "items.json").write_text('[{"id": 1}]')
    replies = []

    def main():
        async def handler(req, res):
            data = await fs.promises.readFile(str(tmp_path / "items.json"), "utf8")
            await asyncio.sleep(0)
            res.writeHead(200, {"Content-Type": "application/json"})
            res.end(data)

        srv = http.createServer(lambda req, res: handler(req, res))  # a wrapper lambda too

        def listening():
            def onres(res):
                res.setEncoding("utf8")
                res.on("data", replies.append)
                res.on("end", srv.close)
            http.get({"port": srv.address()["port"], "host": "127.0.0.1", "path": "/items"}, onres)

        srv.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert replies == ['[{"id": 1}]']


def test_async_callback_given_to_an_api_is_started(tmp_path):
    seen = []

    def main():
        async def cb(err, st):
            await asyncio.sleep(0)
            seen.append(st.isDirectory())
        fs.stat(str(tmp_path), cb)

    nodehttp.run(main)
    assert seen == [True]


def test_unhandled_rejection_listener_gets_the_error():
    seen = []

    def main():
        process.on("unhandledRejection", lambda reason, p: seen.append(str(reason)))

        async def boom():
            raise ValueError("nope")
        srv = http.createServer()
        srv.on("listening", boom)
        srv.listen(0, "127.0.0.1", lambda: srv.close())

    nodehttp.run(main)
    process.removeAllListeners("unhandledRejection")
    assert seen == ["nope"]


def test_a_dropped_coroutine_fails_loudly(tmp_path):
    # An async def called from a plain def and dropped cannot run: the process
    # must not hang silently but fail with a clear error.
    import subprocess
    import sys

    script = tmp_path / "drop.py"
    script.write_text(
        "from nodehttp import http\n"
        "async def handle(req, res):\n"
        "    res.end('x')\n"
        "def handler(req, res):\n"
        "    handle(req, res)\n"
        "srv = http.createServer(handler)\n"
        "def go():\n"
        "    http.get({'port': srv.address()['port'], 'host': '127.0.0.1'}, lambda r: None)\n"
        "srv.listen(0, '127.0.0.1', go)\n")
    r = subprocess.run([sys.executable, "-m", "nodehttp", str(script)], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1
    assert "ERR_COROUTINE_NEVER_AWAITED" in r.stderr or "never awaited" in r.stderr
    assert "handle() is an async function" in r.stderr


def test_every_callback_form_calls_back_once(tmp_path):
    d = str(tmp_path)
    results = {}

    def rec(name):
        def cb(err=None, *values):
            assert name not in results, f"{name} called back twice"
            results[name] = (getattr(err, "code", err), values)
        return cb

    def main():
        fs.writeFileSync(d + "/f", "hello")
        fs.writeFileSync(d + "/u", "")  # utimes' own file: /f is written concurrently
        fd = fs.openSync(d + "/f", "r+")
        fs.writeFile(d + "/w", "x", rec("writeFile"))
        fs.appendFile(d + "/f", "!", {"encoding": "utf8"}, rec("appendFile"))
        fs.lstat(d + "/f", rec("lstat"))
        fs.fstat(fd, rec("fstat"))
        fs.access(d + "/f", fs.constants["R_OK"], rec("access"))
        fs.access(d + "/nope", rec("access missing"))
        fs.exists(d + "/f", rec("exists"))
        fs.exists(42, rec("exists bad path"))
        fs.mkdir(d + "/m", 0o755, rec("mkdir"))
        fs.readdir(d + "/nope", rec("readdir missing"))
        fs.unlink(d + "/nope", rec("unlink missing"))
        fs.rename(d + "/nope", d + "/x", rec("rename missing"))
        fs.rmdir(d + "/nope", rec("rmdir missing"))
        fs.realpath(d + "/nope/x", rec("realpath missing"))
        fs.realpath.native(d, rec("realpath native"))
        fs.open(d + "/nope", rec("open missing"))
        fs.read(fd, bytearray(3), 0, 3, 0, rec("read"))
        fs.write(fd, b"HE", 0, 2, 0, rec("write buffer"))
        fs.write(fd, "LL", 2, "utf8", rec("write string"))
        fs.copyFile(d + "/f", d + "/f", fs.constants["COPYFILE_EXCL"], rec("copyFile excl"))
        fs.ftruncate(fd, 10, rec("ftruncate"))
        fs.truncate(d + "/w2", rec("truncate missing"))
        fs.chmod(d + "/f", 0o644, rec("chmod"))
        fs.fchmod(fd, "644", rec("fchmod"))
        fs.symlink(d + "/f", d + "/ln", rec("symlink"))
        fs.readlink(d + "/f", rec("readlink not a link"))
        fs.mkdtemp(d + "/t-", rec("mkdtemp"))
        fs.fsync(fd, rec("fsync"))
        fs.utimes(d + "/u", 1000, 2000, rec("utimes"))
        fs.close(65001, rec("close bad fd"))
        fs.readFile(fd, rec("readFile fd"))

    nodehttp.run(main)
    assert results["writeFile"] == (None, ())
    assert results["lstat"][1][0].isFile()
    assert results["access missing"][0] == "ENOENT"
    assert results["exists"] == (True, ()) and results["exists bad path"] == (False, ())
    assert results["readdir missing"][0] == "ENOENT"
    assert results["realpath missing"][0] == "ENOENT"
    assert results["realpath native"] == (None, (os.path.realpath(d),))
    assert results["read"][1][0] == 3
    assert results["write buffer"][1][0] == 2 and results["write string"][1][0] == 2
    assert results["copyFile excl"][0] == "EEXIST"
    assert results["truncate missing"][0] == "ENOENT"
    assert results["readlink not a link"][0] == "EINVAL"
    assert results["close bad fd"][0] == "EBADF"
    assert len(results) == 31
    assert os.stat(d + "/u").st_mtime == 2000
    assert os.readlink(d + "/ln") == d + "/f"


def test_promise_forms(tmp_path):
    d = str(tmp_path)
    out = {}

    async def main():
        p = fs.promises
        await p.writeFile(d + "/f", b"abc")
        await p.appendFile(d + "/f", "d")
        await p.access(d + "/f")
        await p.copyFile(d + "/f", d + "/g")
        await p.mkdir(d + "/a/b", {"recursive": True})
        out["readdir"] = sorted(await p.readdir(d))
        await p.rename(d + "/g", d + "/h")
        await p.symlink(d + "/h", d + "/l")
        out["readlink"] = await p.readlink(d + "/l")
        out["lstat"] = (await p.lstat(d + "/l")).isSymbolicLink()
        out["realpath"] = await p.realpath(d + "/l")
        await p.chmod(d + "/h", 0o600)
        await p.truncate(d + "/h", 1)
        await p.utimes(d + "/h", 5, 6)
        await p.unlink(d + "/l")
        await p.rmdir(d + "/a/b")
        out["tmp"] = (await p.mkdtemp(d + "/t-")).startswith(d + "/t-")
        fh = await p.open(d + "/f", "r+")
        await fh.write(b"Z", 0, 1, 0)
        out["fh"] = (await fh.readFile("utf8"), (await fh.stat()).size)
        await fh.truncate(2)
        await fh.sync()
        await fh.chmod(0o644)
        await fh.close()
        out["f"] = await p.readFile(d + "/f")
        try:
            await p.stat(42)
        except TypeError as e:
            out["bad"] = e.code

    nodehttp.run(main)
    assert out["readdir"] == ["a", "f", "g"]
    assert out["readlink"] == d + "/h" and out["lstat"] is True and out["realpath"] == d + "/h"
    assert out["tmp"] and out["fh"] == ("Zbcd", 4) and out["f"] == b"Zb"
    assert out["bad"] == "ERR_INVALID_ARG_TYPE"
    assert os.path.getsize(d + "/h") == 1 and os.stat(d + "/h").st_mtime == 6


def test_read_stream_pipe_follows_back_pressure_of_the_response(tmp_path):
    # The client does not read until the server's ReadStream has been paused by
    # pipe (res.write returned False): the file is not slurped into memory.
    size = 16 * 1024 * 1024
    (tmp_path / "big").write_bytes(b"z" * size)
    paused_at = []
    got = [0]
    client = {}

    def maybe_resume():
        # both happened: the server's stream paused and the client holds the response
        if paused_at and "res" in client:
            client["res"].resume()

    def main():
        def handler(req, res):
            rs = fs.createReadStream(str(tmp_path / "big"))

            def onpause():
                if not paused_at:
                    paused_at.append(rs.bytesRead)
                    maybe_resume()
            rs.on("pause", onpause)

            def onend():  # read to the end without a pause: fail, don't hang
                if not paused_at:
                    paused_at.append(rs.bytesRead)
                    maybe_resume()
            rs.on("end", onend)
            rs.pipe(res)

        srv = http.createServer(handler)

        def listening():
            def onres(res):
                client["res"] = res
                res.pause()
                maybe_resume()

                def ondata(c):
                    got[0] += len(c)
                res.on("data", ondata)
                res.on("end", srv.close)
            http.get({"port": srv.address()["port"], "host": "127.0.0.1"}, onres)

        srv.listen(0, "127.0.0.1", listening)

    nodehttp.run(main)
    assert got[0] == size
    assert paused_at and paused_at[0] < size
