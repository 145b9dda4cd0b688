# Node doc (http.md), "http.get(url[, options][, callback])": the doc's
# program against the stand-in (STANDIN_PORT) instead of nodejs.org; the
# parsed JSON is printed with JSON.stringify (util.inspect is not ported).
import json
import re
import sys

from nodehttp import http, process


def callback(res):
    statusCode = res.statusCode
    contentType = res.headers['content-type']

    error = None
    if statusCode != 200:
        error = Exception('Request Failed.\n' +
                          f'Status Code: {statusCode}')
    elif not re.match(r'^application/json', contentType):
        error = Exception('Invalid content-type.\n' +
                          f'Expected application/json but received {contentType}')
    if error:
        print(str(error), file=sys.stderr)
        # consume response data to free up memory
        res.resume()
        return

    res.setEncoding('utf8')
    rawData = ''

    def ondata(chunk):
        nonlocal rawData
        rawData += chunk
    res.on('data', ondata)

    def onend():
        try:
            parsedData = json.loads(rawData)
            print(json.dumps(parsedData, separators=(',', ':')))
        except ValueError as e:
            print(str(e), file=sys.stderr)
    res.on('end', onend)


http.get(f"http://127.0.0.1:{process.env['STANDIN_PORT']}/dist/index.json", callback).on(
    'error', lambda e: print(f'Got error: {e.message}', file=sys.stderr))
