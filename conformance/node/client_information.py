# Client: 1xx responses before the final one fire 'information' with Node's object shape.
import json

from nodehttp import http, net

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


RESPONSE = 'HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nLink: </x.js>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone'


def onconnection(socket):
    buf = ''
    socket.setEncoding('latin1')

    def ondata(d):
        nonlocal buf
        buf += d
        if '\r\n\r\n' in buf:
            buf = ''
            socket.end(RESPONSE)
    socket.on('data', ondata)


server = net.createServer(onconnection)


def onlisten():
    port = server.address()['port']
    def onresponse(res):
        log('response', res.statusCode)
        res.setEncoding('utf8')
        res.on('data', lambda d: log('data', d))
        res.on('end', lambda: server.close())
    req = http.get({'port': port, 'host': '127.0.0.1'}, onresponse)

    def oninformation(info):
        log('information', info['statusCode'], info.get('statusMessage'), info.get('httpVersion'), info.get('httpVersionMajor'), info.get('httpVersionMinor'))
        log('  headers', info.get('headers'), info.get('rawHeaders'))
    req.on('information', oninformation)


server.listen(0, '127.0.0.1', onlisten)
