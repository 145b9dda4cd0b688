"""Deliberate slips a type checker must reject: mypy --strict and pyright each
report an error on every line marked ``# slip: <name>`` and on no other line.

Checked (never run) by tests/test_typing.py.
"""

from __future__ import annotations

from nodehttp import http, net
from nodehttp.types import RequestOptions


def on_request(req: http.IncomingMessage, res: http.ServerResponse) -> None:
    res.status_code = 404  # slip: snake_case attribute (Node's name is statusCode)
    res.writeHead("404")  # slip: writeHead with a str status
    req.setEncoding("utf-9")  # slip: misspelt encoding passed to a Literal-only API
    res.end()


def express_style(req: http.IncomingMessage, res: http.ServerResponse, next: object) -> None:
    res.end()


server = http.createServer(express_style)  # slip: wrong listener arity for 'request'
server2 = http.createServer(lambda req: None)  # slip: wrong listener arity for 'request'
server3 = http.createServer({"maxHeaderSize": "16k"}, on_request)  # slip: wrong option type
options: RequestOptions = {"port": 80, "method": 1}  # slip: wrong option key type
options2: RequestOptions = {"hostnmae": "example.com"}  # slip: misspelt option key
agent = http.Agent({"keepAlive": "yes"})  # slip: wrong agent option type
http.request("http://example.com", {"timeout": "5s"})  # slip: wrong request option type
http.createServer(on_request).listen({"port": 0, "backlog": "x"})  # slip: wrong listen option type
net.connect({"port": 80, "allowHalfOpen": 1})  # slip: wrong socket option type
http.request("http://example.com", lambda res, extra: None)  # slip: wrong 'response' arity
