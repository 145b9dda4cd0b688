// Node doc (http.md), "request.socket": against the stand-in (STANDIN_PORT)
// instead of www.google.com; the port is printed only as "a port" (ports are
// never part of a trace).
const http = require('http');
const options = {
  host: '127.0.0.1',
  port: process.env.STANDIN_PORT,
};
const req = http.get(options);
req.end();
req.once('response', (res) => {
  const ip = req.socket.localAddress;
  const port = req.socket.localPort;
  console.log(`Your IP address is ${ip} and your source port is ${port > 0 ? 'a port' : port}.`);
  // consume response object
  res.resume();
});
