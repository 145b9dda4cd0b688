"""The private-name rule (issue 14, step 2): no nodehttp module uses another
module's private names beyond tools/private_names_allowlist.txt, which can
only shrink.  The rule itself is stated in tools/check_private_names.py and
docs/architecture.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any


def _load_tool() -> Any:
    path = Path(__file__).resolve().parents[1] / "tools" / "check_private_names.py"
    spec = importlib.util.spec_from_file_location("_nodehttp_tools_private_names", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


tool = _load_tool()


def test_no_new_private_name_crossings() -> None:
    """Every crossing is on the allowlist, and every allowlist entry still occurs."""
    _, crossings = tool.scan()
    new, stale = tool.compare(tool.counts(crossings), tool.read_allowlist())
    assert not new, "private names used outside their owner (add an API to the owner):\n" + \
        "\n".join(new)
    assert not stale, "the allowlist can shrink (tools/check_private_names.py --write):\n" + \
        "\n".join(stale)


def test_the_check_sees_each_kind_of_use() -> None:
    """Known crossings of each kind are found: a module attribute through an
    alias, an import, an attribute owned by another module's class, a
    getattr() literal, a name no class declares, a base class's storage."""
    found = tool.counts(tool.scan()[1])
    for key in [("net", "loop", "_tick_scheduled"),      # _loop._tick_scheduled
                ("net", "stream", "_write_in_flight"),   # from .stream import _write_in_flight
                ("net", "timers", "_idleStart"),         # t._idleStart (Timeout's)
                ("http_agent", "http_outgoing", "_httpMessage"),  # getattr(socket, "_httpMessage")
                ("http_agent", "?", "_agentKeepAliveMsecs"),  # a name no class declares
                ("http_incoming", "events", "_events")]:  # self._events = {} (EventEmitter's)
        assert found[key] >= 1, key
    # Privates used inside their own unit, and Node's implementer hooks, are not crossings.
    assert not any(user == owner for user, owner, _ in found)
    assert not any(name == "_write" for _, _, name in found)


def test_the_rule_on_a_small_package(tmp_path: Any, monkeypatch: Any) -> None:
    """The rule of tools/check_private_names.py, on a package made for it."""
    pkg = tmp_path / "nodehttp"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "_g = 1\n\n\ndef _helper():\n    return 1\n\n\n"
        "class Base:\n    _protected = ('_p',)\n\n    def __init__(self):\n"
        "        self._x = 1\n        self._p = 2\n")
    (pkg / "b.py").write_text(
        "from .a import Base\n\n\nclass Sub(Base):\n    def m(self, other):\n"
        "        self._own = self._p          # protected for subclasses: fine\n"
        "        other._p                     # not on self: a crossing\n"
        "        return self._x + self._own   # _x: a crossing; _own is b's\n")
    (pkg / "c.py").write_text(
        "from . import a as _a\nfrom .a import _helper\n\n\n"
        "def f(o):\n    getattr(o, '_zz', None)\n    return _a._g + _helper()\n")
    (pkg / "sub" / "__init__.py").write_text("from .one import _shared\n")
    (pkg / "sub" / "one.py").write_text("def _shared():\n    return 1\n")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "PACKAGE", pkg)
    found = tool.counts(tool.scan()[1])
    assert found == {("b", "a", "_p"): 1, ("b", "a", "_x"): 1, ("c", "a", "_g"): 1,
                     ("c", "a", "_helper"): 1, ("c", "?", "_zz"): 1}
