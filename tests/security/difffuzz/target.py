"""The nodehttp target of the differential fuzzer: target.js ported line by line.

Run with ``python -m nodehttp tests/security/difffuzz/target.py``. It starts two
HTTP servers on 127.0.0.1 and prints their ports on one stdout line
(``"<fuzz port> <control port>"``):

- the fuzz server: the handler under test. It traces, per connection, every
  event a handler sees (request line and raw headers, body bytes joined,
  trailers, ``'aborted'``, req/res ``'close'``, res ``'finish'``, clientError
  codes) and answers each request once its body ended: ``/...chunked...`` with
  a chunked body, ``/...close...`` with ``Connection: close``, anything else
  with ``X-Body-Length`` and ``ok\\n``. Options: ``requireHostHeader`` False,
  ``keepAliveTimeout`` 0. No ``'upgrade'``, ``'connect'`` or ``'clientError'``
  listener: the defaults are what is compared. clientError codes are seen by
  wrapping ``server.emit``, which keeps the default reply (emit returns False).
- the control server, used by the fuzzer only: ``GET /trace/<port>`` answers,
  once the fuzz connection from that client port has closed, its trace as
  JSON; ``GET /client/<port>/<id>/<method>`` makes one
  ``http.request(agent=False)`` to ``127.0.0.1:<port>/c<id>`` and answers, once
  the request emitted ``'close'``, the trace of what the client API saw.
"""

import json

from nodehttp import http, timers

traces = {}  # client port -> {events, done, waiters}
sockets = {}  # socket -> its trace


def record(port):
    rec = traces.get(port)
    if rec is None:
        rec = {'events': [], 'done': False, 'waiters': []}
        traces[port] = rec
    return rec


# Append an event; consecutive 'data' events are joined (chunking is timing).
def push(events, name, value=None):
    last = events[-1] if events else None
    if name == 'data' and last is not None and last[0] == 'data':
        last[1] += value
    elif value is None:
        events.append([name])
    else:
        events.append([name, value])


def finish(rec):
    rec['done'] = True
    for res in rec['waiters']:
        res.end(json.dumps(rec['events']))
    rec['waiters'] = []


def handler(req, res):
    events = sockets[req.socket]['events']
    length = 0
    events.append(['request', req.method, req.url, req.httpVersion, req.rawHeaders])

    def ondata(chunk):
        nonlocal length
        length += len(chunk)
        push(events, 'data', chunk.decode('latin-1'))

    def onend():
        events.append(['end', req.rawTrailers])
        if 'close' in req.url:
            res.setHeader('Connection', 'close')
        if 'chunked' in req.url:
            res.write('a')
            res.end('b')
        else:
            res.setHeader('X-Body-Length', str(length))
            res.end('ok\n')

    req.on('data', ondata)
    req.on('end', onend)
    req.on('aborted', lambda: push(events, 'aborted'))
    req.on('close', lambda: push(events, 'req-close'))
    res.on('finish', lambda: push(events, 'finish'))
    res.on('close', lambda: push(events, 'res-close'))


server = http.createServer({'requireHostHeader': False}, handler)
server.keepAliveTimeout = 0


def onconnection(socket):
    rec = record(socket.remotePort)
    sockets[socket] = rec

    def onclose(*_):
        del sockets[socket]
        # After the 'close' listeners the server added before this one, and their ticks.
        timers.setImmediate(lambda: finish(rec))
    socket.on('close', onclose)


server.on('connection', onconnection)

emit = server.emit


def traced_emit(name, *args):
    if name == 'clientError':
        rec = sockets.get(args[1])
        if rec is not None:
            rec['events'].append(['clientError', getattr(args[0], 'code', None)])
    return emit(name, *args)


server.emit = traced_emit


def client(port, id, method, reply):
    events = []
    req = http.request({'host': '127.0.0.1', 'port': port, 'path': '/c' + id, 'method': method,
                        'agent': False})
    req.on('information', lambda info: push(events, 'information', info['statusCode']))

    def onresponse(res):
        events.append(['response', res.statusCode, res.statusMessage, res.httpVersion, res.rawHeaders])
        res.on('data', lambda chunk: push(events, 'data', chunk.decode('latin-1')))
        res.on('end', lambda: events.append(['end', res.complete, res.rawTrailers]))
        res.on('aborted', lambda: push(events, 'aborted'))
        res.on('error', lambda err: push(events, 'res-error', getattr(err, 'code', None)))
        res.on('close', lambda: push(events, 'res-close'))

    req.on('response', onresponse)
    req.on('error', lambda err: push(events, 'error', getattr(err, 'code', None)))

    def onclose():
        push(events, 'close')
        timers.setImmediate(lambda: reply.end(json.dumps(events)))
    req.on('close', onclose)
    req.end()


def oncontrol(req, res):
    parts = req.url.split('/')
    if parts[1] == 'trace':
        port = int(parts[2])
        rec = record(port)
        if rec['done']:
            del traces[port]
            res.end(json.dumps(rec['events']))
        else:
            rec['waiters'].append(res)
            res.on('finish', lambda: traces.pop(port, None))
    elif parts[1] == 'client':
        client(int(parts[2]), parts[3], parts[4], res)
    else:
        res.statusCode = 404
        res.end()


control = http.createServer(oncontrol)


def onlisten():
    control.listen(0, '127.0.0.1', lambda: print(
        f"{server.address()['port']} {control.address()['port']}", flush=True))


server.listen(0, '127.0.0.1', onlisten)
