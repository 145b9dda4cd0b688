// Node doc (http.md), "http.request(url[, options][, callback])": a URL
// object with credentials as the options; the stand-in (STANDIN_PORT, instead
// of example.com) answers with the Authorization header it received.
const http = require('http');

const options = new URL(`http://abc:xyz@127.0.0.1:${process.env.STANDIN_PORT}`);

const req = http.request(options, (res) => {
  // ...
  console.log(`${res.statusCode} ${res.headers['content-type']}`);
  res.setEncoding('utf8');
  res.on('data', (chunk) => console.log(chunk));
});
req.end();
