"""The typed API (issue 18): checkers accept a user program and reject its slips.

tests/typing/good_program.py must pass ``mypy --strict`` and ``pyright``;
every line of tests/typing/bad_program.py marked ``# slip: <what>`` must be
reported by each checker, and no unmarked line may be.  The checkers run
once per session, side by side, as subprocesses from the repository root
(so they read this tree's nodehttp; errors inside nodehttp itself are not
the user's and are not counted, as for an installed package).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
TYPING = ROOT / "tests" / "typing"
GOOD = TYPING / "good_program.py"
BAD = TYPING / "bad_program.py"
BIN = Path(sys.executable).parent


def _slips() -> dict[int, str]:
    out = {}
    for n, line in enumerate(BAD.read_text().splitlines(), 1):
        m = re.search(r"\S  # slip: (.+)$", line)  # code, two spaces, the marker
        if m:
            out[n] = m.group(1)
    return out


SLIPS = _slips()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[int]]]:
    """{checker: {file name: lines with an error}} for both programs."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    files = [str(GOOD.relative_to(ROOT)), str(BAD.relative_to(ROOT))]
    mypy = subprocess.Popen(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
         "--cache-dir", str(cache), "--no-error-summary", "--show-column-numbers", *files],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pyright = subprocess.Popen(
        [str(BIN / "pyright"), "--pythonpath", sys.executable, "--outputjson", *files],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m_out, m_err = mypy.communicate(timeout=300)
    p_out, p_err = pyright.communicate(timeout=300)
    assert mypy.returncode in (0, 1), m_out + m_err
    assert pyright.returncode in (0, 1), p_out + p_err
    result: dict[str, dict[str, set[int]]] = {"mypy": {}, "pyright": {}}
    for line in m_out.splitlines():
        m = re.match(r"(.+?):(\d+):(?:\d+:)? error: ", line)
        if m:
            result["mypy"].setdefault(Path(m.group(1)).name, set()).add(int(m.group(2)))
    report: Any = json.loads(p_out)
    for diag in report["generalDiagnostics"]:
        if diag["severity"] == "error":
            name = Path(diag["file"]).name
            result["pyright"].setdefault(name, set()).add(diag["range"]["start"]["line"] + 1)
    result["raw"] = {"mypy": m_out, "pyright": p_out}  # type: ignore[dict-item]
    return result


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_good_program_passes(reports: dict[str, Any], checker: str) -> None:
    """A server, a client, an agent, events, streams and fs/path as users write them."""
    assert not reports[checker].get(GOOD.name), reports["raw"][checker]


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("line", sorted(SLIPS), ids=[f"{n}-{SLIPS[n]}" for n in sorted(SLIPS)])
def test_slip_is_rejected(reports: dict[str, Any], checker: str, line: int) -> None:
    """Each deliberate slip is an error where it is written."""
    assert line in reports[checker].get(BAD.name, set()), \
        f"{checker} missed line {line} ({SLIPS[line]}):\n{reports['raw'][checker]}"


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_no_error_without_a_slip(reports: dict[str, Any], checker: str) -> None:
    """The bad program is otherwise correct: only the marked lines fail."""
    unexpected = reports[checker].get(BAD.name, set()) - set(SLIPS)
    assert not unexpected, reports["raw"][checker]


def test_event_overloads_are_current() -> None:
    """nodehttp/event_overloads/ is what tools/gen_event_overloads.py writes."""
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_event_overloads.py"),
                        "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_typing_bases_leave_runtime_classes_alone() -> None:
    """The typed bases exist for checkers only: at run time the MRO is Node's classes."""
    from nodehttp import http, net

    assert http.Server.__mro__[1] is net.Server
    for cls in (http.Server, http.ServerResponse, http.ClientRequest, http.IncomingMessage,
                http.Agent, net.Socket, net.Server):
        assert not any(c.__module__.startswith("nodehttp.event_overloads") for c in cls.__mro__)
