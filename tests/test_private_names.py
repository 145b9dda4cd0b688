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


def test_the_package_scan_keeps_owners_apart() -> None:
    """On the real package: a unit never crosses into itself, and Node's
    implementer hooks (``_write``) are no crossing.  (Each kind of use -- a
    module attribute through an alias, an import, another unit's attribute,
    a getattr() literal, a name no class declares, a protected base name --
    is pinned on a package made for it below: the real crossings shrink.)"""
    found = tool.counts(tool.scan()[1])
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
        "from . import a as amod\nfrom .a import Base\n\n\nclass Sub(Base):\n"
        "    def m(self, other):\n"
        "        amod.Base._p(self)           # the same through the module: fine\n"
        "        self._own = self._p          # protected for subclasses: fine\n"
        "        other._p                     # not on self: a crossing\n"
        "        Base._p(self)                # a base's method on self: fine\n"
        "        Base._x(self)                # on self, but not protected: a crossing\n"
        "        return self._x + self._own   # _x: a crossing; _own is b's\n")
    (pkg / "c.py").write_text(
        "from . import a as _a\nfrom .a import _helper\n\n\n"
        "def f(o):\n    getattr(o, '_zz', None)\n    o._replace(x=1)  # namedtuple API\n"
        "    return _a._g + _helper()\n")
    (pkg / "sub" / "__init__.py").write_text("from .one import _shared\n")
    (pkg / "sub" / "one.py").write_text("def _shared():\n    return 1\n")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "PACKAGE", pkg)
    found = tool.counts(tool.scan()[1])
    assert found == {("b", "a", "_p"): 1, ("b", "a", "_x"): 2, ("c", "a", "_g"): 1,
                     ("c", "a", "_helper"): 1, ("c", "?", "_zz"): 1}


def test_published_methods(tmp_path: Any, monkeypatch: Any) -> None:
    """``_internal`` publishes a class's private methods that Node's lib calls
    across files: calls elsewhere are no crossing.  A data field, a name the
    class body does not define, or an entry without its Node caller is
    reported (as user unit ``_internal``), and unpublished names still cross."""
    pkg = tmp_path / "nodehttp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "class Msg:\n"
        "    _internal = {'_dump': '_http_server.js resOnFinish', '_flag': 'x.js',\n"
        "                 '_keep': '', '_gone': 'y.js'}\n"
        "    _flag = False\n\n"
        "    def _dump(self):\n        self._flag = True\n\n"
        "    def _keep(self):\n        pass\n\n"
        "    def _other(self):\n        pass\n")
    (pkg / "b.py").write_text(
        "def f(m):\n"
        "    m._dump()        # published: fine\n"
        "    m._flag = True   # data: a crossing (and the entry is reported)\n"
        "    m._keep()        # no Node caller named: a crossing\n"
        "    m._other()       # not published: a crossing\n")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "PACKAGE", pkg)
    found = tool.counts(tool.scan()[1])
    assert found == {("b", "a", "_flag"): 1, ("b", "a", "_keep"): 1, ("b", "a", "_other"): 1,
                     ("_internal", "a", "_flag"): 1, ("_internal", "a", "_keep"): 1,
                     ("_internal", "a", "_gone"): 1}


def test_reexported_bases_and_foreign_names(tmp_path: Any, monkeypatch: Any) -> None:
    """A base class reached through a re-export (``tls.Server`` is
    ``_tls_wrap.Server``) gives its ``_protected`` names to subclasses; the
    standard library's private names in ``FOREIGN`` are no crossing, unless a
    nodehttp class declares one (then the name would be ambiguous)."""
    pkg = tmp_path / "nodehttp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "_wrap.py").write_text(
        "class Server:\n"
        "    _protected = ('_setup',)\n\n"
        "    def _setup(self):\n        pass\n\n"
        "    def _hidden(self):\n        pass\n")
    (pkg / "front.py").write_text("from ._wrap import Server\n")
    (pkg / "user.py").write_text(
        "import ssl\n"
        "from . import front as _front\n\n"
        "class Sub(_front.Server):\n"
        "    def __init__(self):\n"
        "        self._setup()     # protected, through the re-export: fine\n"
        "        self._hidden()    # not protected: a crossing\n"
        "        ssl._ssl          # the standard library's, FOREIGN: fine\n")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "PACKAGE", pkg)
    assert tool.counts(tool.scan()[1]) == {("user", "_wrap", "_hidden"): 1}
    (pkg / "bad.py").write_text("class C:\n    def __init__(self):\n        self._ssl = 1\n")
    found = tool.counts(tool.scan()[1])
    assert found[("FOREIGN", "bad", "_ssl")] == 1
