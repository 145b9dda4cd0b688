# http: STATUS_CODES for every code Node 10 knows, and METHODS.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


codes = []
for c in range(100, 600):
    if http.STATUS_CODES.get(c) is not None:
        codes.append(f'{c} {http.STATUS_CODES[c]}')
log(len(codes))
for c in codes:
    log(c)
log(http.METHODS)
