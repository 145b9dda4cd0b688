// Server: responses queued behind a slow first one: end/write callbacks, 'finish' and nextTicks keep Node's order.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const server = http.createServer();
const pending = [];
server.on('request', (req, res) => {
  log('request', req.url);
  pending.push(res);
  res.on('finish', () => {
    log('finish', req.url);
    process.nextTick(() => log('tick after finish', req.url));
  });
  if (req.url === '/2') {
    log('end returns', res.end('two', () => log('end cb', req.url)) === res);
    process.nextTick(() => log('tick after end', req.url));
  } else if (req.url === '/3') {
    res.setHeader('Content-Length', 5);
    log('write returns', res.write('thr', () => log('write cb', req.url)));  // Node 10: false (queued)
    res.end('ee', () => log('end cb', req.url));
  } else if (req.url === '/4') {
    res.writeHead(204);
    res.end(() => log('end cb', req.url));
  }
  if (pending.length === 4) {
    setTimeout(() => {
      log('ending /1');
      pending[0].end('one', () => log('end cb /1'));
      process.nextTick(() => log('tick after /1'));
    }, 20);
  }
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.setEncoding('latin1');
  let got = '';
  client.on('data', (d) => { got += d; });
  client.on('end', () => {
    log('client got', q(got.replace(/Date: .*\r\n/g, 'Date: <date>\r\n')));
    client.end();
  });
  client.on('close', () => {
    log('client close');
    server.close(() => log('server close'));
  });
  client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\nGET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
