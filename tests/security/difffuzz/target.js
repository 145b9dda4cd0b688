// One target of the differential fuzzer (tests/security/difffuzz/), run under Node 10 or Node 20.
// tests/security/difffuzz/target.py is this file ported line by line to nodehttp.
//
// It starts two HTTP servers on 127.0.0.1 and prints their ports on one stdout line
// ("<fuzz port> <control port>"):
//
// - the fuzz server: the handler under test. It traces, per connection, every event a
//   handler sees (request line and raw headers, body bytes joined, trailers, 'aborted',
//   req/res 'close', res 'finish', clientError codes) and answers each request once its
//   body ended: '/...chunked...' with a chunked body, '/...close...' with Connection:
//   close, anything else with X-Body-Length and 'ok\n'. Options: requireHostHeader
//   false (Node 10's behaviour; Node 10 ignores the option), keepAliveTimeout 0 (no
//   idle timer; Node 20 then sends no Keep-Alive header). No 'upgrade', 'connect' or
//   'clientError' listener: the defaults are what is compared. clientError codes are
//   seen by wrapping server.emit, which keeps the default reply (emit returns false).
// - the control server, used by the fuzzer only:
//   GET /trace/<port>   answers, once the fuzz connection from that client port has
//                       closed, its trace as JSON.
//   GET /client/<port>/<id>/<method>   makes one http.request(agent: false) to
//                       127.0.0.1:<port>/c<id> and answers, once the request emitted
//                       'close', the trace of what the client API saw.
'use strict';
const http = require('http');

const traces = new Map(); // client port -> {events, done, waiters}
const sockets = new Map(); // socket -> its trace

function record(port) {
  let rec = traces.get(port);
  if (rec === undefined) {
    rec = { events: [], done: false, waiters: [] };
    traces.set(port, rec);
  }
  return rec;
}

// Append an event; consecutive 'data' events are joined (chunking is timing).
function push(events, name, value) {
  const last = events[events.length - 1];
  if (name === 'data' && last !== undefined && last[0] === 'data') {
    last[1] += value;
  } else if (value === undefined) {
    events.push([name]);
  } else {
    events.push([name, value]);
  }
}

function finish(rec) {
  rec.done = true;
  for (const res of rec.waiters) res.end(JSON.stringify(rec.events));
  rec.waiters = [];
}

const server = http.createServer({ requireHostHeader: false }, (req, res) => {
  const events = sockets.get(req.socket).events;
  let length = 0;
  events.push(['request', req.method, req.url, req.httpVersion, req.rawHeaders]);
  req.on('data', (chunk) => {
    length += chunk.length;
    push(events, 'data', chunk.toString('latin1'));
  });
  req.on('end', () => {
    events.push(['end', req.rawTrailers]);
    if (req.url.includes('close')) res.setHeader('Connection', 'close');
    if (req.url.includes('chunked')) {
      res.write('a');
      res.end('b');
    } else {
      res.setHeader('X-Body-Length', String(length));
      res.end('ok\n');
    }
  });
  req.on('aborted', () => push(events, 'aborted'));
  req.on('close', () => push(events, 'req-close'));
  res.on('finish', () => push(events, 'finish'));
  res.on('close', () => push(events, 'res-close'));
});
server.keepAliveTimeout = 0;

server.on('connection', (socket) => {
  const rec = record(socket.remotePort);
  sockets.set(socket, rec);
  socket.on('close', () => {
    sockets.delete(socket);
    // After the 'close' listeners the server added before this one, and their ticks.
    setImmediate(() => finish(rec));
  });
});

const emit = server.emit;
server.emit = function(name, ...args) {
  if (name === 'clientError') {
    const rec = sockets.get(args[1]);
    if (rec !== undefined) rec.events.push(['clientError', args[0].code || null]);
  }
  return emit.apply(this, [name, ...args]);
};

function client(port, id, method, reply) {
  const events = [];
  const req = http.request({ host: '127.0.0.1', port: port, path: '/c' + id, method: method, agent: false });
  req.on('information', (info) => push(events, 'information', info.statusCode));
  req.on('response', (res) => {
    events.push(['response', res.statusCode, res.statusMessage, res.httpVersion, res.rawHeaders]);
    res.on('data', (chunk) => push(events, 'data', chunk.toString('latin1')));
    res.on('end', () => events.push(['end', res.complete, res.rawTrailers]));
    res.on('aborted', () => push(events, 'aborted'));
    res.on('error', (err) => push(events, 'res-error', err.code || null));
    res.on('close', () => push(events, 'res-close'));
  });
  req.on('error', (err) => push(events, 'error', err.code || null));
  req.on('close', () => {
    push(events, 'close');
    setImmediate(() => reply.end(JSON.stringify(events)));
  });
  req.end();
}

const control = http.createServer((req, res) => {
  const parts = req.url.split('/');
  if (parts[1] === 'trace') {
    const port = Number(parts[2]);
    const rec = record(port);
    if (rec.done) {
      traces.delete(port);
      res.end(JSON.stringify(rec.events));
    } else {
      rec.waiters.push(res);
      res.on('finish', () => traces.delete(port));
    }
  } else if (parts[1] === 'client') {
    client(Number(parts[2]), parts[3], parts[4], res);
  } else {
    res.statusCode = 404;
    res.end();
  }
});

server.listen(0, '127.0.0.1', () => {
  control.listen(0, '127.0.0.1', () => {
    console.log(server.address().port + ' ' + control.address().port);
  });
});
