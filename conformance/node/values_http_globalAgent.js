// http: assigning http.globalAgent takes effect for every later request that names
// no agent (a keep-alive agent: both requests on one connection, Connection: keep-alive).
const http = require('http');

let connections = 0;
const server = http.createServer((req, res) => {
  console.log('request', req.url, req.headers.connection);
  res.end('ok');
});
server.on('connection', () => { connections += 1; });
server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true });
  http.globalAgent = agent;
  console.log('assigned', http.globalAgent === agent);
  const get = (path, then) => http.get({ host: '127.0.0.1', port: server.address().port, path }, (res) => {
    res.resume();
    res.on('end', () => process.nextTick(() => process.nextTick(then)));
  });
  get('/1', () => get('/2', () => {
    console.log('connections', connections);
    agent.destroy();
    server.close();
  }));
});
