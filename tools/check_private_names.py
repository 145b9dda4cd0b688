"""Private names that cross a module boundary inside nodehttp (issue 14, step 2).

The rule (docs/architecture.md, "Who owns a private name"):

* A *unit* is a top-level module of the package (``nodehttp/net.py``) or a
  sub-package as a whole (``nodehttp/stream/``: its files share their privates).
* A *private name* starts with one underscore and is not a dunder (``_x``, not
  ``__x__``; ``_`` alone is no name).  Node's documented hooks for stream
  implementers (``_read``, ``_write``, ``_writev``, ``_final``, ``_destroy``,
  ``_transform``) are public API: a subclass defines them.  (``_flush`` is not
  exempt: OutgoingMessage has a private method of that name.)  Python's
  namedtuple API (``_replace``, ``_asdict``, ...) is public too.
* A module-level private (function, class, constant) belongs to the unit that
  defines it at top level.  Using it elsewhere -- ``from .loop import
  _ticks``, ``_loop._tick_scheduled`` through a module alias -- is a crossing.
* A private attribute belongs to the unit whose class declares it: in the
  class body (a method, an assignment, an annotation, ``__slots__``) or by
  assigning ``self._x`` in one of its methods.  A class whose base class (in
  another unit) already declares the name does not own it again: a subclass
  module uses its base's privates only when the base declares them
  protected: ``_protected = ("_readableState",)`` in the base's class body
  lets methods of its subclasses (in other units) use ``self._readableState``
  -- on ``self`` only, as Node's net.Socket uses its stream state; calling a
  base's method on ``self`` by its class (``OutgoingMessage._finish(self)``,
  Node's ``OutgoingMessage.prototype._finish.call(this)``) counts as on ``self``.
* A class publishes its private *methods* that Node's own lib calls from
  other files (``res._dump()`` in ``_http_server.js`` and ``_http_client.js``)
  with ``_internal = {"_dump": "_http_server.js resOnFinish, ..."}`` in its
  body: name -> the Node file(s) that call it.  Calling such a method on any
  object, in any unit, is no crossing.  Only methods defined in that class's
  own body may be published (a data field never is: its owner gets an API),
  and every published name needs its Node caller: the check fails otherwise.  When
  unrelated classes in several units declare the same name, each of those
  units owns it (names are not typed: this check cannot tell them apart).
* A private attribute no nodehttp class declares (``socket._httpMessage``)
  belongs to nobody: every use is a crossing -- except the standard library's
  few in ``FOREIGN`` (each with why no public API does the job).
* A base class is followed through re-exports (``tls.Server`` is
  ``_tls_wrap.Server``: tls.py imports it).
* Uses: ``obj._x`` (read, write, delete), ``getattr``/``setattr``/``hasattr``/
  ``delattr`` with a literal ``"_x"``, and ``from .mod import _x``.  A use in
  a unit that owns the name is not a crossing.

    .venv/bin/python tools/check_private_names.py            # report, per module pair
    .venv/bin/python tools/check_private_names.py --write    # rewrite the allowlist

The allowlist (tools/private_names_allowlist.txt) holds every crossing of
today, one ``user-unit owner-unit name count`` line each; the check fails on a
crossing that is not listed (a new one, or more uses than listed) and on a
listed one that no longer occurs as often (shrink the list with it), so the
list can only get shorter.
"""
from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nodehttp"
ALLOWLIST = Path(__file__).resolve().parent / "private_names_allowlist.txt"
_ATTR_FUNCS = {"getattr", "setattr", "hasattr", "delattr"}
#: Node's documented hooks for stream implementers (a subclass defines them,
#: the stream machinery calls them): public API despite the underscore.
NODE_HOOKS = frozenset({"_read", "_write", "_writev", "_final", "_destroy", "_transform"})
#: Python's documented namedtuple API (underscored only to avoid field names).
NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_make", "_fields", "_field_defaults"})


#: Private names of Python's standard library that nodehttp uses knowingly
#: (no public API does the job); no nodehttp class may declare one of them.
#: They are reported, not counted as crossings: the rule is about our units.
FOREIGN = {
    "_ssl": "ssl._ssl, CPython's C module: its file is the libssl/libcrypto that "
            "ssl itself loaded (ctypes binds the same library: _tls_openssl)",
    "_test_decode_cert": "ssl._ssl._test_decode_cert: the only decoder of a certificate "
                         "into getpeercert()'s dict shape (getPeerCertificate of a "
                         "certificate the handshake did not verify)",
    "_sslobj": "ssl.SSLObject._sslobj: the _ssl._SSLSocket holding the SSL* pointer "
               "that ctypes needs (keylog, verify results)",
}


def is_private(name: str) -> bool:
    return (name.startswith("_") and not name.startswith("__") and name != "_"
            and name not in NODE_HOOKS and name not in NAMEDTUPLE_API)


def unit_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@dataclass
class ClassInfo:
    unit: str
    name: str
    bases: list[tuple[str, str]] = field(default_factory=list)  # (unit, class name)
    declares: set[str] = field(default_factory=set)
    protected: set[str] = field(default_factory=set)  # its _protected
    internal: dict[str, str] = field(default_factory=dict)  # its _internal: name -> Node caller
    methods: set[str] = field(default_factory=set)  # defined in its body
    where: str = ""  # path:line of the class


@dataclass
class Use:
    unit: str
    name: str
    line: str  # path:lineno
    kind: str  # "attr", "module", "import"
    module: str | None = None  # for "module"/"import": the unit it comes from
    self_class: tuple[str, str] | None = None  # "attr" on self: (unit, class) of the method


def _resolve_module(unit_path: Path, node: ast.ImportFrom | None, name: str | None) -> str | None:
    """The unit a relative import names (None if not nodehttp)."""
    if node is None or node.level == 0:
        mod = (node.module if node is not None else name) or ""
        if mod == "nodehttp" or mod.startswith("nodehttp."):
            parts = mod.split(".")[1:]
            return parts[0] if parts else None
        return None
    base = unit_path.parent
    for _ in range(node.level - 1):
        base = base.parent
    parts = (node.module or "").split(".") if node.module else []
    target = base.joinpath(*parts) if parts else base
    try:
        rel = target.relative_to(PACKAGE)
    except ValueError:
        return None
    return rel.parts[0] if rel.parts else None


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.unit = unit_of(path)
        self.rel = str(path.relative_to(ROOT))
        self.classes: list[ClassInfo] = []
        self.toplevel: set[str] = set()
        self.uses: list[Use] = []
        self.module_aliases: dict[str, str] = {}  # local name -> unit
        self.imported: dict[str, tuple[str, str]] = {}  # local name -> (unit, name)
        self._class_stack: list[str] = []
        self._self: tuple[str, str] | None = None  # (self's name, class) in a method
        self._on_self: set[int] = set()  # ids of ``Base._x`` nodes called with self first

    # -- imports ----------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            unit = _resolve_module(self.path, None, a.name)
            if unit is not None and a.asname:
                self.module_aliases[a.asname] = unit

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module is None and node.level:
            # "from . import loop" / "from .. import loop": modules
            base = self.path.parent
            for _ in range(node.level - 1):
                base = base.parent
            for a in node.names:
                target = base / a.name
                if target.with_suffix(".py").exists() or target.is_dir():
                    rel = target.relative_to(PACKAGE)
                    self.module_aliases[a.asname or a.name] = rel.parts[0]
            return
        src = _resolve_module(self.path, node, None)
        if src is None:
            return
        for a in node.names:
            local = a.asname or a.name
            self.imported[local] = (src, a.name)
            if is_private(a.name) and src != self.unit:
                self.uses.append(Use(self.unit, a.name, f"{self.rel}:{node.lineno}", "import",
                                     src))

    # -- definitions ------------------------------------------------------------
    def scan_module(self, tree: ast.Module) -> None:
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.toplevel.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            self.toplevel.add(n.id)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                self.classes.append(self._class(node))
        self.visit(tree)

    def _class(self, node: ast.ClassDef) -> ClassInfo:
        info = ClassInfo(self.unit, node.name, where=f"{self.rel}:{node.lineno}")
        for b in node.bases:
            if isinstance(b, ast.Name):
                src = self.imported.get(b.id)
                info.bases.append(src if src is not None else (self.unit, b.id))
            elif isinstance(b, ast.Attribute) and isinstance(b.value, ast.Name):
                unit = self.module_aliases.get(b.value.id)
                if unit is not None:
                    info.bases.append((unit, b.attr))
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                info.declares.add(stmt.name)
                if not isinstance(stmt, ast.ClassDef):
                    info.methods.add(stmt.name)
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.args.args:
                    me = stmt.args.args[0].arg
                    for n in ast.walk(stmt):
                        if (isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
                                and isinstance(n.value, ast.Name) and n.value.id == me):
                            info.declares.add(n.attr)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    if isinstance(t, ast.Name):
                        info.declares.add(t.id)
                        if t.id == "_internal" and isinstance(stmt.value, ast.Dict):
                            for k, v in zip(stmt.value.keys, stmt.value.values, strict=True):
                                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                                    info.internal[k.value] = (
                                        v.value if isinstance(v, ast.Constant)
                                        and isinstance(v.value, str) else "")
                        if t.id in ("__slots__", "_protected") and stmt.value is not None:
                            for c in ast.walk(stmt.value):
                                if isinstance(c, ast.Constant) and isinstance(c.value, str):
                                    if t.id == "__slots__":
                                        info.declares.add(c.value)
                                    else:
                                        info.protected.add(c.value)
        info.declares = {n for n in info.declares if is_private(n)}
        return info

    # -- uses -------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self._self
        self._class_stack.append(node.name)
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.args.args:
                # a method: its first parameter is the instance
                self._self = (stmt.args.args[0].arg, node.name)
                self.generic_visit(stmt)
                self._self = outer
            else:
                self.visit(stmt)
        for b in node.bases + node.decorator_list:
            self.visit(b)
        self._class_stack.pop()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if is_private(node.attr) and id(node) in self._on_self:
            # Base._x(self, ...): a base class's method called on self
            self.uses.append(Use(self.unit, node.attr, f"{self.rel}:{node.lineno}", "attr",
                                 None, (self.unit, self._self[1])))  # type: ignore[index]
        elif is_private(node.attr):
            where = f"{self.rel}:{node.lineno}"
            if isinstance(node.value, ast.Name) and node.value.id in self.module_aliases:
                self.uses.append(Use(self.unit, node.attr, where, "module",
                                     self.module_aliases[node.value.id]))
            else:
                me = None
                if (self._self is not None and isinstance(node.value, ast.Name)
                        and node.value.id == self._self[0]):
                    me = (self.unit, self._self[1])
                self.uses.append(Use(self.unit, node.attr, where, "attr", None, me))
        self.generic_visit(node)

    def _is_class(self, node: ast.expr) -> bool:
        """``Name`` or ``module.Name`` of a class (by its capital), not a module."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return node.value.id in self.module_aliases and node.attr[:1].isupper()
        return (isinstance(node, ast.Name) and node.id not in self.module_aliases
                and node.id[:1].isupper())

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        if (self._self is not None and isinstance(f, ast.Attribute) and self._is_class(f.value)
                and node.args and isinstance(node.args[0], ast.Name)
                and node.args[0].id == self._self[0]):
            self._on_self.add(id(f))
        if (isinstance(node.func, ast.Name) and node.func.id in _ATTR_FUNCS
                and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str) and is_private(node.args[1].value)):
            self.uses.append(Use(self.unit, node.args[1].value, f"{self.rel}:{node.lineno}",
                                 "attr"))
        self.generic_visit(node)


def scan() -> tuple[dict[str, set[str]], list[tuple[str, str, str, str]]]:
    """``(owners, crossings)``: the units owning each private attribute, and
    every crossing as ``(user unit, owner unit or '?', name, path:line)``.
    A bad ``_internal`` declaration (a data field, no Node caller) is a
    crossing too, with user unit ``_internal``."""
    scanners = []
    for path in sorted(PACKAGE.rglob("*.py")):
        s = _Scanner(path)
        tree = ast.parse(path.read_text(), str(path))
        # imports first (class bases resolve through them), then the rest
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                s.visit_Import(node)
            elif isinstance(node, ast.ImportFrom):
                s.visit_ImportFrom(node)
        s.uses.clear()
        s.scan_module(tree)
        scanners.append(s)
    classes = {(c.unit, c.name): c for s in scanners for c in s.classes}
    # Re-exports: ``tls.Server`` is ``_tls_wrap.Server`` (tls.py imports it).
    reexports = {(s.unit, local): src for s in scanners for local, src in s.imported.items()}

    def resolve(b: tuple[str, str]) -> tuple[str, str]:
        for _ in range(4):  # a chain of re-exports, bounded
            if b in classes or b not in reexports:
                break
            b = reexports[b]
        return b

    def ancestors(c: ClassInfo, seen: set | None = None) -> list[ClassInfo]:
        seen = set() if seen is None else seen
        out = []
        for b in c.bases:
            b = resolve(b)
            bc = classes.get(b)
            if bc is not None and b not in seen:
                seen.add(b)
                out.append(bc)
                out += ancestors(bc, seen)
        return out

    owners: dict[str, set[str]] = defaultdict(set)
    for c in classes.values():
        base_decl = {n for a in ancestors(c) if a.unit != c.unit for n in a.declares}
        for n in c.declares - base_decl:
            owners[n].add(c.unit)
    toplevel = defaultdict(set)
    for s in scanners:
        for n in s.toplevel:
            if is_private(n):
                toplevel[s.unit].add(n)

    crossings = []
    internal: set[str] = set()
    for c in classes.values():
        for n, caller in c.internal.items():
            if n not in c.methods or not is_private(n):
                crossings.append(("_internal", c.unit, n, f"{c.where} (not a method of {c.name})"))
            elif not caller.strip():
                crossings.append(("_internal", c.unit, n, f"{c.where} (no Node caller named)"))
            else:
                internal.add(n)
    for s in scanners:
        for u in s.uses:
            if u.kind == "attr" and u.name in internal:
                continue  # a method its owner publishes (Node's cross-file call)
            if u.kind in ("import", "module"):
                if u.module != u.unit:
                    crossings.append((u.unit, u.module or "?", u.name, u.line))
                continue
            own = owners.get(u.name)
            if u.self_class is not None and u.unit not in (own or ()):
                c = classes.get(u.self_class)
                if c is not None and any(u.name in a.protected for a in ancestors(c)
                                         if a.unit != u.unit):
                    continue  # a base class in another unit declares it protected
            if own is None:
                if u.name in FOREIGN:
                    continue  # the standard library's, used knowingly (FOREIGN)
                crossings.append((u.unit, "?", u.name, u.line))
            elif u.unit not in own:
                crossings.append((u.unit, "+".join(sorted(own)), u.name, u.line))
    for n in FOREIGN:
        for unit in sorted(owners.get(n, ())):
            crossings.append(("FOREIGN", unit, n, "a nodehttp class declares a FOREIGN name"))
    return owners, crossings


def counts(crossings: list[tuple[str, str, str, str]]) -> Counter:
    return Counter((user, owner, name) for user, owner, name, _ in crossings)


def read_allowlist(path: Path = ALLOWLIST) -> Counter:
    out: Counter = Counter()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            user, owner, name, n = line.split()
            out[(user, owner, name)] = int(n)
    return out


def write_allowlist(c: Counter, path: Path = ALLOWLIST) -> None:
    lines = [
        "# Private names used outside the unit that owns them (tools/check_private_names.py).",
        "# user-unit owner-unit name uses   ('?': no nodehttp class declares the name)",
        "# Issue 14: shrink to nothing; the check fails on any crossing not listed here",
        "# and on a listed one that no longer occurs as often.",
    ]
    for (user, owner, name), n in sorted(c.items()):
        lines.append(f"{user} {owner} {name} {n}")
    path.write_text("\n".join(lines) + "\n")


def compare(found: Counter, allowed: Counter) -> tuple[list[str], list[str]]:
    """``(new, stale)``: crossings beyond the allowlist, and entries above what occurs."""
    new = [f"{k[0]} -> {k[1]}: {k[2]} ({n} use(s), {allowed.get(k, 0)} allowed)"
           for k, n in sorted(found.items()) if n > allowed.get(k, 0)]
    stale = [f"{k[0]} -> {k[1]}: {k[2]} (allowed {n}, {found.get(k, 0)} use(s) left: "
             "shrink the allowlist)" for k, n in sorted(allowed.items()) if found.get(k, 0) < n]
    return new, stale


def summary(crossings: list[tuple[str, str, str, str]]) -> str:
    pairs: Counter = Counter((u, o) for u, o, _, _ in crossings)
    names: dict[tuple[str, str], set] = defaultdict(set)
    for u, o, n, _ in crossings:
        names[(u, o)].add(n)
    lines = [f"{'user':16s} {'owner':24s} {'uses':>5s} {'names':>5s}"]
    for (u, o), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{u:16s} {o:24s} {n:5d} {len(names[(u, o)]):5d}")
    lines.append(f"{'total':16s} {'':24s} {len(crossings):5d} "
                 f"{len({n for _, _, n, _ in crossings}):5d}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite the allowlist from the code")
    ap.add_argument("--lines", action="store_true", help="list every crossing's line")
    a = ap.parse_args()
    _, crossings = scan()
    found = counts(crossings)
    print(summary(crossings))
    if a.lines:
        for u, o, n, where in sorted(crossings, key=lambda c: c[3]):
            print(f"{where}: {n} ({u} -> {o})")
    if a.write:
        write_allowlist(found)
        print(f"wrote {ALLOWLIST.relative_to(ROOT)}: {len(found)} entries")
        return
    new, stale = compare(found, read_allowlist())
    for line in new:
        print("NEW CROSSING:", line)
    for line in stale:
        print("STALE ALLOWLIST ENTRY:", line)
    sys.exit(1 if new or stale else 0)


if __name__ == "__main__":
    main()
