"""nodehttp from several threads: one loop state per process, as Node has."""

from __future__ import annotations

import asyncio
import threading

from nodehttp import http, loop, timers


def test_a_second_threads_running_loop_gets_a_clear_error_while_the_first_runs():
    """A thread running its own asyncio loop may not take over nodehttp's loop
    state while another thread's loop runs nodehttp: RuntimeError, and the
    first loop's server keeps working."""
    errors: list = []
    served: list = []

    def other_thread() -> None:
        async def use_nodehttp() -> None:
            http.createServer(lambda req, res: res.end())
            try:
                loop.get_loop()
            except RuntimeError as exc:
                errors.append(str(exc))
        asyncio.run(use_nodehttp())

    def main() -> None:
        server = http.createServer(lambda req, res: res.end("still serving"))

        def on_listening() -> None:
            timers.setTimeout(in_the_loop, 1)  # the loop is running by then

        def in_the_loop() -> None:
            t = threading.Thread(target=other_thread)
            t.start()
            t.join(30)

            def on_res(res):
                res.on("data", served.append)
                res.on("end", server.close)
            http.get({"port": server.address()["port"], "host": "127.0.0.1"}, on_res)
        server.listen(0, "127.0.0.1", on_listening)

    loop.run(main)
    assert len(errors) == 1 and "already running on another thread's event loop" in errors[0]
    assert served == [b"still serving"]


def test_another_thread_schedules_into_the_loop_with_call_soon_threadsafe():
    """The supported way in from a thread: the loop's call_soon_threadsafe."""
    got: list = []

    def main() -> None:
        aloop = loop.get_loop()
        timer = timers.setTimeout(lambda: None, 60000)

        def from_thread() -> None:
            aloop.call_soon_threadsafe(loop.entry, lambda: (got.append("ran on the loop"),
                                                           timer.unref()))
        threading.Thread(target=from_thread).start()

    loop.run(main)
    assert got == ["ran on the loop"]
