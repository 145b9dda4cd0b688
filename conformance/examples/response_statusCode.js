// Node doc (http.md), response.statusCode: the doc's fragment, run inside the
// smallest server that runs it, and a client that prints what it received.
const http = require('http');

const server = http.createServer((request, response) => {
  // -- the doc's lines --
  response.statusCode = 404;
  // --
  response.end('not here');
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
