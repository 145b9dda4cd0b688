// Node doc (http.md), "Event: 'information'": the doc's client, against a
// local server (port 0 instead of 8080) that sends 102 Processing first.
const http = require('http');

const server = http.createServer((req, res) => {
  res.writeProcessing();
  res.end('done');
  res.on('finish', () => server.close());
});

server.listen(0, '127.0.0.1', () => {
  const options = {
    host: '127.0.0.1',
    port: server.address().port,
    path: '/length_request'
  };

  // Make a request
  const req = http.request(options);
  req.end();

  req.on('information', (res) => {
    console.log(`Got information prior to main response: ${res.statusCode}`);
  });
});
