"""The one switch between Node 10's http defaults (ours) and Node 20's.

nodehttp follows Node 10.24.1; users porting from today's Node expect four
defaults that changed since, so one switch turns them on together:

==========================  ===============================  ====================================
what                        Node 10 (default here)           Node 20 (``'node20'``)
==========================  ===============================  ====================================
``http.globalAgent``        ``Agent()``: no keep-alive,      ``Agent({keepAlive: true,
                            ``Connection: close``            scheduling: 'lifo', timeout: 5000})``
keep-alive responses        ``Connection: keep-alive``       plus ``Keep-Alive: timeout=5``
``requireHostHeader``       False                            True (HTTP/1.1 without Host: 400)
``server.close()``          waits for idle keep-alive        also ``closeIdleConnections()``
                            sockets (up to keepAliveTimeout)
==========================  ===============================  ====================================

Where: the environment variable ``NODEHTTP_DEFAULTS=node20`` (read once, at
import) or :func:`setDefaults` (``http.setDefaults('node20')``), the same
switch.  The environment variable is the primary form because a Node script
ported line by line has no place for a call, and a cluster's workers and a
container's processes inherit it; the function is for tests and programs
that choose at run time.

Invariant: servers and agents read the profile when they are *created*
(``http.createServer``, ``new Agent``); ``setDefaults`` replaces
``http.globalAgent`` at once, and leaves existing servers as they are.
"""

from __future__ import annotations

import os

__all__ = ["setDefaults", "getDefaults", "PROFILES"]

#: The profiles :func:`setDefaults` accepts.
PROFILES = ("node10", "node20")

_profile = "node10"


def node20() -> bool:
    """True when Node 20's defaults are on (read by servers and agents at creation)."""
    return _profile == "node20"


def getDefaults() -> str:
    """The current profile: ``'node10'`` (the default) or ``'node20'``."""
    return _profile


def setDefaults(profile: str) -> None:
    """Switch the http defaults to ``'node20'`` or back to ``'node10'``.

    Replaces ``http.globalAgent`` with the profile's global agent (Node 20:
    keep-alive, LIFO scheduling, 5 s socket timeout; Node 10: a plain
    ``Agent()``); servers created afterwards take the profile's
    ``requireHostHeader``, ``Keep-Alive`` header and ``close()`` behaviour.
    """
    global _profile
    if profile not in PROFILES:
        from .errors import codes

        raise codes.ERR_INVALID_ARG_VALUE("profile", profile, "must be one of: 'node10', 'node20'")
    _profile = profile
    import sys

    agent_module = sys.modules.get("nodehttp.http_agent")
    if agent_module is not None:
        agent_module.globalAgent = agent_module.Agent(globalAgentOptions())


def globalAgentOptions() -> dict:
    """The options of the profile's ``http.globalAgent``."""
    if _profile == "node20":
        return {"keepAlive": True, "scheduling": "lifo", "timeout": 5000}
    return {}


_env = os.environ.get("NODEHTTP_DEFAULTS")
if _env:
    if _env not in PROFILES:
        raise ValueError(f"NODEHTTP_DEFAULTS must be one of {PROFILES}, not {_env!r}")
    _profile = _env
