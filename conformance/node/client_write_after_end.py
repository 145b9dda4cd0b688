# Client: write() after end() emits 'error' ERR_STREAM_WRITE_AFTER_END.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


def handler(req, res):
    port = str(server.address()['port'])
    log('server', req.method, req.url, q('|'.join(req.rawHeaders).replace(port, '<port>')))
    req.resume()
    req.on('end', lambda: res.end())


server = http.createServer(handler)


def onlisten():
    port = server.address()['port']
    def onresponse(res):
        res.resume()
        res.on('end', lambda: server.close())
    req = http.request({'port': port, 'host': '127.0.0.1', 'method': 'POST'},
                       onresponse)
    req.on('error', lambda err: log('error', err.code, err.message))
    req.on('finish', lambda: log('finish'))
    req.end('one')
    log('write', req.write('two'))


server.listen(0, '127.0.0.1', onlisten)
