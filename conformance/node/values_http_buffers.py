# http: a Buffer where Node accepts a string -- header values (setHeader, writeHead's
# headers, an array of them), the body, a client's path, auth and header values -- goes on
# the wire as String(buffer): its UTF-8 text, written latin1 in the head.
import json
import re

from nodehttp import http, net


def handler(req, res):
    res.setHeader('X', bytes([0x76, 0xc3, 0xa9]))
    res.setHeader('Y', [b'a', 'b'])
    res.writeHead(302, {'Location': b'/x'})
    res.write(b'o')
    res.end(b'k')


server = http.createServer(handler)


def onlistening():
    c = net.connect(server.address()['port'], '127.0.0.1',
                    lambda: c.write('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'))
    got = []
    c.setEncoding('latin1')
    c.on('data', got.append)

    def onend():
        print(json.dumps(re.sub(r'Date: .*\r\n', '', ''.join(got)), ensure_ascii=False))
        head = []

        def onconn(s):
            s.setEncoding('latin1')

            def ondata(d):
                head.append(d)
                text = ''.join(head)
                if '\r\n\r\n' not in text:
                    return
                print('client sent', json.dumps(re.sub(r'Host: .*\r\n', '', text), ensure_ascii=False))
                s.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')

            s.on('data', ondata)

        raw = net.createServer(onconn)

        def onraw():
            def onresponse(res):
                res.resume()

                def done():
                    print('response', res.statusCode)
                    raw.close()
                    server.close()

                res.on('end', done)

            r = http.request({'host': '127.0.0.1', 'port': raw.address()['port'], 'path': b'/p?q=1', 'auth': b'u:p',
                              'headers': {'H': bytes([0x68, 0xc3, 0xa9])}}, onresponse)
            r.end()

        raw.listen(0, '127.0.0.1', onraw)

    c.on('end', onend)


server.listen(0, '127.0.0.1', onlistening)
