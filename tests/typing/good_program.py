"""A user program written as nodehttp users write it: mypy --strict and pyright accept it.

Checked (never run) by tests/test_typing.py.
"""

from __future__ import annotations

from typing import Any

from nodehttp import events, fs, http, net, path, stream
from nodehttp.types import AgentOptions, RequestOptions, ServerOptions

agent = http.Agent({"keepAlive": True, "maxSockets": 4})
agent_options: AgentOptions = {"keepAliveMsecs": 500, "timeout": 2000}
other_agent = http.Agent(agent_options)


def on_request(req: http.IncomingMessage, res: http.ServerResponse) -> None:
    chunks: list[bytes] = []
    req.on("data", lambda chunk: chunks.append(chunk))
    req.on("end", lambda: res.end(b"".join(chunks)))
    req.on("error", lambda err: print("request error", err))
    res.statusCode = 201
    res.setHeader("Content-Type", "text/plain")
    res.writeHead(201, {"X-Count": str(len(chunks))})


server_options: ServerOptions = {"maxHeaderSize": 16384, "insecureHTTPParser": False}
server = http.createServer(server_options, on_request)
server.on("request", lambda req, res: print(req.method, req.url, res.statusCode))
server.on("clientError", lambda err, socket: socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"))
server.on("upgrade", lambda req, socket, head: socket.destroy())
server.once("close", lambda: print("closed"))
server.on("my-custom-event", lambda a, b, c: print(a, b, c))  # custom events still work
server.emit("my-custom-event", 1, 2, 3)


@server.on("connection")
def on_connection(socket: net.Socket) -> None:
    socket.setTimeout(5000)


def on_response(res: http.IncomingMessage) -> None:
    res.setEncoding("utf8")
    body: list[str] = []
    res.on("data", lambda chunk: body.append(chunk))
    res.on("end", lambda: print(res.statusCode, res.headers.get("content-type"), "".join(body)))


def on_listening() -> None:
    address: Any = server.address()
    options: RequestOptions = {
        "host": "127.0.0.1",
        "port": address["port"],
        "method": "POST",
        "path": "/upload",
        "headers": {"Content-Type": "text/plain", "Content-Length": 5},
        "agent": agent,
        "timeout": 1000,
    }
    req = http.request(options, on_response)
    req.on("socket", lambda socket: socket.setNoDelay(True))
    req.on("error", lambda err: print("client error", err))
    req.write("hello")
    req.end()
    http.get(f"http://127.0.0.1:{address['port']}/", {"agent": False}, on_response)
    http.get({"port": address["port"], "path": "/x"}).on("response", lambda res: res.resume())


server.listen(0, "127.0.0.1", on_listening)
http.globalAgent = http.Agent({"keepAlive": True})

tcp = net.createServer(lambda socket: socket.pipe(socket))
tcp.listen({"port": 0, "host": "127.0.0.1"}, lambda: print("tcp listening"))
client = net.connect({"port": 9, "host": "127.0.0.1"}, lambda: print("connected"))
client.on("connect", lambda: client.end("bye"))
client.on("close", lambda had_error: print("closed", had_error))
client.on("data", lambda data: print(len(data)))

passthrough = stream.PassThrough()
passthrough.on("data", lambda chunk: print(chunk))
passthrough.end(b"x")


async def main() -> None:
    [err_or_req] = await events.once(server, "listening")
    print(err_or_req)
    text = fs.readFileSync(path.join("/tmp", "x.txt"), "utf8")
    print(path.resolve("a", "b"), text)


def tls_options() -> None:
    from nodehttp.types import HttpsAgentOptions, HttpsRequestOptions, TlsServerOptions

    server_tls: TlsServerOptions = {"cert": "-----BEGIN CERTIFICATE-----", "key": b"...",
                                    "requestCert": False, "ALPNProtocols": ["http/1.1"]}
    request_tls: HttpsRequestOptions = {"host": "example.com", "port": 443, "ca": ["..."],
                                        "servername": "example.com", "rejectUnauthorized": True}
    agent_tls: HttpsAgentOptions = {"keepAlive": True, "maxCachedSessions": 10}
    print(server_tls, request_tls, agent_tls)
