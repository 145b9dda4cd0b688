# Node doc (http.md), "http.request(url[, options][, callback])": the doc's
# POST against the stand-in (STANDIN_PORT) instead of www.google.com:80.
import json
import sys

from nodehttp import Buffer, http, process, querystring

postData = querystring.stringify({
    'msg': 'Hello World!'
})

options = {
    'hostname': '127.0.0.1',
    'port': int(process.env['STANDIN_PORT']),
    'path': '/upload',
    'method': 'POST',
    'headers': {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(postData)
    }
}


def callback(res):
    print(f'STATUS: {res.statusCode}')
    print(f"HEADERS: {json.dumps(res.headers, separators=(',', ':'))}")
    res.setEncoding('utf8')
    res.on('data', lambda chunk: print(f'BODY: {chunk}'))
    res.on('end', lambda: print('No more data in response.'))


req = http.request(options, callback)

req.on('error', lambda e: print(f'problem with request: {e.message}', file=sys.stderr))

# write data to request body
req.write(postData)
req.end()
