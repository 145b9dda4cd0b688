# Node doc (http.md), "Event: 'information'": the doc's client, against a
# local server (port 0 instead of 8080) that sends 102 Processing first.
from nodehttp import http


def handler(req, res):
    res.writeProcessing()
    res.end('done')
    res.on('finish', lambda: server.close())


server = http.createServer(handler)


def onlisten():
    options = {
        'host': '127.0.0.1',
        'port': server.address()['port'],
        'path': '/length_request'
    }

    # Make a request
    req = http.request(options)
    req.end()

    req.on('information', lambda res: print(
        f"Got information prior to main response: {res['statusCode']}"))


server.listen(0, '127.0.0.1', onlisten)
