"""Which Node nodehttp must match on a case, and whether it does.

The project's rule (conformance/deliberate.py, tests/security/DIFFERENCES.md):
Node 10 is the reference for API semantics and event order, Node 20 for
strictness on hostile input. Applied to one case's three observations:

1. Node 20's observation is first put in Node 10's API terms
   (:func:`as_node10_api`): the events Node 20 added on purpose since Node 10
   and that nodehttp, following Node 10, does not emit are removed, listed in
   ``NODE20_API_CHANGES``. Nothing else is normalised.
2. If Node 10 and (so normalised) Node 20 agree, that is the reference:
   kind ``agree``.
3. Otherwise, if they reject differently — the server's clientError codes or
   4xx/5xx statuses on the wire, the client's ``'error'`` codes — or parse the
   bytes differently (request/response heads, body bytes, trailers: llhttp
   versus Node 10's http_parser), the case is about strictness on hostile
   input: kind ``strictness``, reference Node 20 (normalised).
4. Otherwise they differ only in API events and their order: kind
   ``semantics``, reference Node 10.

A *mismatch* is nodehttp's observation differing from the reference in any
component (server: ``wire``, ``closed``, ``trace``; client: ``trace``,
``request``). Its *signature* (side, kind, components that differ) is what
minimisation keeps constant.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_STATUS = re.compile(r"(?:^|\n)HTTP/1\.[01] ([45]\d\d) ")

#: The API changes between Node 10 and Node 20 that :func:`as_node10_api` undoes
#: in Node 20's trace (each seen on this fuzzer's cases; nodehttp follows Node 10).
NODE20_API_CHANGES = (
    "server: req 'close' and res 'close' after a normal 'finish' (Node 10: only "
    "when the connection dies first)",
    "server: when the connection dies, res 'close' before req 'close' (Node 10: "
    "req 'close' first)",
    "server: no 'aborted' for a request whose body had ended but whose response had "
    "not finished when the connection died (Node 10's abortIncoming emits 'aborted' "
    "then 'close' for every queued request)",
    "client: the response's 'close' before the request's 'close' (Node 10: after)",
    "client: the response's 'error' (ECONNRESET 'aborted'; Node 10 has none)",
    "client: an aborted response is destroyed without 'end' (Node 10 pushes EOF: "
    "'end' with complete false, then 'close')",
)


class Verdict(NamedTuple):
    """The comparison of one case: the reference and what differs from it."""

    kind: str  # agree | strictness | semantics
    ref: str  # node10 | node20
    diff: tuple[str, ...]  # components of nodehttp's observation that differ
    detail: tuple = ()  # what differs first, per component (see first_difference)

    @property
    def mismatch(self) -> bool:
        return bool(self.diff)

    def signature(self, side: str) -> tuple:
        return (side, self.kind, self.diff, self.detail)


def first_difference(component: str, ref: object, ours: object) -> tuple:
    """A short description of how ``ours`` differs from ``ref`` in one component,
    stable under minimisation: the first differing trace event's name (with the
    error code for errors), the status codes on the wire, the close flag."""
    if component == "trace" and isinstance(ref, list) and isinstance(ours, list):
        i = 0
        while i < min(len(ref), len(ours)) and ref[i] == ours[i]:
            i += 1

        def name(trace: list) -> tuple:
            if i >= len(trace):
                return ("-",)
            ev = trace[i]
            return (ev[0], ev[1]) if ev[0] in ("error", "clientError", "res-error") else (ev[0],)
        return (component, name(ref), name(ours))
    if component == "wire":
        return (component, tuple(_STATUS.findall(str(ref))), tuple(_STATUS.findall(str(ours))))
    if component == "closed":
        return (component, ref, ours)
    return (component,)


def as_node10_api(obs: dict, side: str) -> dict:
    """Node 20's observation with NODE20_API_CHANGES undone."""
    trace = obs.get("trace")
    if not isinstance(trace, list):
        return obs
    out: list = []
    if side == "server":
        drop = {"res-close": 0, "req-close": 0}  # closes owed to normal finishes
        for ev in trace:
            name = ev[0]
            if name == "finish":
                drop["res-close"] += 1
                drop["req-close"] += 1
            elif name in drop and drop[name]:
                drop[name] -= 1
                continue
            if name == "req-close":
                # Node 10's abortIncoming: 'aborted' then 'close' for each request,
                # before the response's 'close'.
                tail = [out.pop()] if out and out[-1] == ["res-close"] else []
                if not out or out[-1] != ["aborted"]:
                    out.append(["aborted"])
                out += [ev, *tail]
                continue
            out.append(ev)
        return {**obs, "trace": out}
    names = [ev[0] for ev in trace]
    moved = "res-close" in names and "close" in names
    for ev in trace:
        if ev[0] == "res-error" or (moved and ev[0] == "res-close"):
            continue
        out.append(ev)
    if "aborted" in names and "end" not in names and "response" in names:
        out.append(["end", False, []])
    if moved:
        out.append(["res-close"])
    return {**obs, "trace": out}


#: Trace events whose content is what the parser made of the bytes.
PARSED = ("request", "response", "data", "information", "clientError", "error")


def parsed(obs: dict) -> tuple:
    """The parse-level content of an observation: heads, body bytes, trailers,
    rejection codes, and the status codes on the wire (not the event order)."""
    trace = obs.get("trace") if isinstance(obs.get("trace"), list) else []
    items = [tuple(map(str, ev)) for ev in trace if ev[0] in PARSED]
    items += [("trailers", str(ev[-1])) for ev in trace if ev[0] == "end"]
    return tuple(items), tuple(_STATUS.findall(obs.get("wire", "")))


def rejections(obs: dict, side: str) -> tuple:
    """What the observation rejected: clientError codes and error statuses
    (server), or ``'error'`` codes (client)."""
    trace = obs.get("trace") if isinstance(obs.get("trace"), list) else []
    if side == "server":
        return (tuple(ev[1] for ev in trace if ev[0] == "clientError"),
                tuple(_STATUS.findall(obs.get("wire", ""))))
    return tuple(ev[1] for ev in trace if ev[0] == "error")


def differing(a: dict, b: dict) -> tuple[str, ...]:
    """The components where two observations differ."""
    return tuple(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k))


def judge(side: str, node10: dict, node20: dict, ours: dict) -> Verdict:
    """Apply the module's rule to one case's three observations."""
    node20 = as_node10_api(node20, side)
    if not differing(node10, node20):
        kind, ref = "agree", node10
    elif rejections(node10, side) != rejections(node20, side) or parsed(node10) != parsed(node20):
        kind, ref = "strictness", node20
    else:
        kind, ref = "semantics", node10
    diff = differing(ref, ours)
    detail = tuple(first_difference(k, ref.get(k), ours.get(k)) for k in diff)
    return Verdict(kind, "node20" if ref is node20 else "node10", diff, detail)
