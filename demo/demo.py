"""`make demo`: two of the Node doc's own examples, run by nodehttp.

The server is the doc's `http.createServer` example (section
"response.setHeader"), extended to echo what it received; the client is the
doc's `http.request()` POST example, ported line by line, pointed at that
server instead of www.google.com.  Run: `python -m nodehttp demo/demo.py`.
"""

import json

from nodehttp import Buffer, http, querystring


def on_request(req, res):
    body = []
    print(f"[server] {req.method} {req.url} HTTP/{req.httpVersion}")
    for i in range(0, len(req.rawHeaders), 2):
        print(f"[server]   {req.rawHeaders[i]}: {req.rawHeaders[i + 1]}")
    req.on('data', lambda chunk: body.append(chunk))

    def on_end():
        received = b''.join(body).decode()
        print(f"[server] body: {received}")
        res.setHeader('Content-Type', 'text/html')
        res.setHeader('X-Foo', 'bar')
        res.writeHead(200, {'Content-Type': 'text/plain'})
        res.end(f"you sent {json.dumps(querystring.parse(received))}\n")

    req.on('end', on_end)


server = http.createServer(on_request)


def on_listening():
    port = server.address()['port']
    print(f"[server] listening on 127.0.0.1:{port}")

    # --- the doc's http.request() example, line by line ---------------------
    postData = querystring.stringify({
        'msg': 'Hello World!'
    })

    options = {
        'hostname': '127.0.0.1',
        'port': port,
        'path': '/upload',
        'method': 'POST',
        'headers': {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(postData)
        }
    }

    def on_response(res):
        print(f"STATUS: {res.statusCode}")
        headers = {k: v for k, v in res.headers.items() if k != 'date'}
        print(f"HEADERS: {json.dumps(headers)}")
        res.setEncoding('utf8')
        res.on('data', lambda chunk: print(f"BODY: {chunk}", end=''))

        def on_end():
            print('No more data in response.')
            server.close()

        res.on('end', on_end)

    req = http.request(options, on_response)

    req.on('error', lambda e: print(f"problem with request: {e.message}"))

    # write data to request body
    req.write(postData)
    req.end()


server.listen(0, '127.0.0.1', on_listening)
