// Agent: getName() for several option shapes; the defaults of a new Agent and of globalAgent.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const agent = new http.Agent();
log(agent.getName({}), agent.getName({ host: 'a.example', port: 8080 }));
log(agent.getName({ host: 'a', port: 80, localAddress: '127.0.0.2' }), agent.getName({ host: 'a', family: 6 }));
log(agent.getName({ socketPath: '/tmp/s' }));
log(agent.maxSockets === Infinity, agent.maxFreeSockets, agent.keepAlive, agent.keepAliveMsecs, agent.defaultPort, agent.protocol);
log(http.globalAgent instanceof http.Agent, http.globalAgent.keepAlive, http.globalAgent.maxSockets === Infinity);
const ka = new http.Agent({ keepAlive: true, maxSockets: 3, maxFreeSockets: 2, keepAliveMsecs: 500 });
log(ka.keepAlive, ka.maxSockets, ka.maxFreeSockets, ka.keepAliveMsecs, ka.sockets, ka.freeSockets, ka.requests);
