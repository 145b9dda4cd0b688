// Client: 1xx responses before the final one fire 'information' with Node's object shape.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const RESPONSE = 'HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nLink: </x.js>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone';
const server = net.createServer((socket) => {
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    buf += d;
    if (buf.includes('\r\n\r\n')) {
      buf = '';
      socket.end(RESPONSE);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.get({ port, host: '127.0.0.1' }, (res) => {
    log('response', res.statusCode);
    res.setEncoding('utf8');
    res.on('data', (d) => log('data', d));
    res.on('end', () => server.close());
  });
  req.on('information', (info) => {
    log('information', info.statusCode, info.statusMessage, info.httpVersion, info.httpVersionMajor, info.httpVersionMinor);
    log('  headers', info.headers, info.rawHeaders);
  });
});
