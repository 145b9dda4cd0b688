# Client: errors thrown synchronously by http.request, with their codes and messages.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


tries = [
    lambda: http.request('https://example.com/'),
    lambda: http.request('ftp://example.com/'),
    lambda: http.request({'host': '127.0.0.1', 'path': '/has space'}),
    lambda: http.request({'host': '127.0.0.1', 'method': 'BAD METHOD'}),
    lambda: http.request({'host': '127.0.0.1', 'method': 42}),
    lambda: http.request({'host': 42}),
    lambda: http.request({'host': '127.0.0.1', 'headers': {'bad name': 'x'}}),
    lambda: http.request({'host': '127.0.0.1', 'headers': {'x-ok': 'bad\rvalue'}}),
    lambda: http.request({'host': '127.0.0.1', 'agent': 'nope'}),
    lambda: http.request({'host': '127.0.0.1', 'createConnection': 1, 'agent': False, 'timeout': 'x'}),
]
for t in tries:
    try:
        req = t()
        log('no error')
        req.abort()
    except Exception as err:
        log('TypeError' if isinstance(err, TypeError) else 'Error', err.code, err.message)
