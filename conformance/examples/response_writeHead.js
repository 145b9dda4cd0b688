// Node doc (http.md), response.writeHead(statusCode[, statusMessage][, headers]): the doc's fragment, run inside the
// smallest server that runs it, and a client that prints what it received.
const http = require('http');

const server = http.createServer((request, response) => {
  // -- the doc's lines --
  const body = 'hello world';
  response
    .writeHead(200, {
      'Content-Length': Buffer.byteLength(body),
      'Content-Type': 'text/plain'
    })
    .end(body);
  // --

});

server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    delete res.headers.date;
    console.log(`${res.statusCode} ${JSON.stringify(res.statusMessage)} ${JSON.stringify(res.headers)}`);
    res.setEncoding('utf8');
    let data = '';
    res.on('data', (chunk) => { data += chunk; });
    res.on('end', () => {
      console.log(`${JSON.stringify(data)} ${JSON.stringify(res.trailers)}`);
      server.close();
    });
  });
});
