# Node doc (http.md), "http.request(url[, options][, callback])": a URL
# object with credentials as the options; the stand-in (STANDIN_PORT, instead
# of example.com) answers with the Authorization header it received.
from nodehttp import http, process, url

options = url.URL(f"http://abc:xyz@127.0.0.1:{process.env['STANDIN_PORT']}")


def callback(res):
    # ...
    print(f"{res.statusCode} {res.headers['content-type']}")
    res.setEncoding('utf8')
    res.on('data', lambda chunk: print(chunk))


req = http.request(options, callback)
req.end()
