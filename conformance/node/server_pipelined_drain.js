// Server: a response whose write returned false ('drain' awaited) while a pipelined response queues output behind it.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));

const server = http.createServer();
server.on('request', (req, res) => {
  log('request', req.url);
  res.on('drain', () => {
    log('drain', req.url);
    if (req.url === '/1') {
      log('ending /1');
      res.end('end');
    }
  });
  res.on('finish', () => log('finish', req.url));
  if (req.url === '/1') {
    res.setHeader('Content-Length', 65536 + 3);
    log('write returns', res.write(Buffer.alloc(65536, 97)));
  } else {
    log('write /2 returns', res.write('two'));
    log('end /2 returns', res.end('!') === res);
    process.nextTick(() => log('tick after end /2'));
  }
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  let got = 0;
  client.on('data', (d) => { got += d.length; });
  client.on('end', () => {
    log('client got bytes', got > 65536);
    client.end();
  });
  client.on('close', () => {
    log('client close');
    server.close(() => log('server close'));
  });
  client.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
