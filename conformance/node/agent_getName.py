# Agent: getName() for several option shapes; the defaults of a new Agent and of globalAgent.
import json

from nodehttp import http

def log(*a):
    print(' '.join(x if isinstance(x, str) else json.dumps(x, separators=(',', ':'), ensure_ascii=False) for x in a))


def q(s):
    return json.dumps(s, ensure_ascii=False)


import math  # noqa: E402

agent = http.Agent()
log(agent.getName({}), agent.getName({'host': 'a.example', 'port': 8080}))
log(agent.getName({'host': 'a', 'port': 80, 'localAddress': '127.0.0.2'}), agent.getName({'host': 'a', 'family': 6}))
log(agent.getName({'socketPath': '/tmp/s'}))
log(agent.maxSockets == math.inf, agent.maxFreeSockets, agent.keepAlive, agent.keepAliveMsecs, agent.defaultPort, agent.protocol)
log(isinstance(http.globalAgent, http.Agent), http.globalAgent.keepAlive, http.globalAgent.maxSockets == math.inf)
ka = http.Agent({'keepAlive': True, 'maxSockets': 3, 'maxFreeSockets': 2, 'keepAliveMsecs': 500})
log(ka.keepAlive, ka.maxSockets, ka.maxFreeSockets, ka.keepAliveMsecs, ka.sockets, ka.freeSockets, ka.requests)
