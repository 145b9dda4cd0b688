// http: a Buffer where Node accepts a string -- header values (setHeader, writeHead's
// headers, an array of them), the body, a client's path, auth and header values -- goes on
// the wire as String(buffer): its UTF-8 text, written latin1 in the head.
const http = require('http');
const net = require('net');

const server = http.createServer((req, res) => {
  res.setHeader('X', Buffer.from([0x76, 0xc3, 0xa9]));
  res.setHeader('Y', [Buffer.from('a'), 'b']);
  res.writeHead(302, { Location: Buffer.from('/x') });
  res.write(Buffer.from('o'));
  res.end(Buffer.from('k'));
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    c.write('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  });
  let got = '';
  c.setEncoding('latin1');
  c.on('data', (d) => { got += d; });
  c.on('end', () => {
    console.log(JSON.stringify(got.replace(/Date: .*\r\n/, '')));
    const raw = net.createServer((s) => {
      s.setEncoding('latin1');
      let head = '';
      s.on('data', (d) => {
        head += d;
        if (!head.includes('\r\n\r\n')) return;
        console.log('client sent', JSON.stringify(head.replace(/Host: .*\r\n/, '')));
        s.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
    });
    raw.listen(0, '127.0.0.1', () => {
      const r = http.request({
        host: '127.0.0.1', port: raw.address().port, path: Buffer.from('/p?q=1'), auth: Buffer.from('u:p'),
        headers: { H: Buffer.from([0x68, 0xc3, 0xa9]) },
      }, (res) => {
        res.resume();
        res.on('end', () => { console.log('response', res.statusCode); raw.close(); server.close(); });
      });
      r.end();
    });
  });
});
