"""The hot-path shortcuts, read from the tests that pin them (tests/test_shortcuts.py).

Every test there that pins a shortcut has a structured docstring::

    One line saying what the test checks.

    where: `http_parser.on_headers_complete` (requests)
    shortcut: the version is 1.1 without get_http_version()
    taken only when: llhttp says keep-alive, the parser is strict, no Connection header
    guard: nodehttp/http_parser.py HTTPParser.on_headers_complete
    remove: `if keepAlive and not rare and not self.insecure:` -> `if keepAlive and not self.insecure:`
    remove: ...
    not pinned: (optional) a guard term no test can tell apart, and why

``guard`` names the file and the function (``Class.method`` or ``function``)
holding the condition; each ``remove`` is one way of removing (a part of) the
guard: the first text, which must occur exactly once in that function, is
replaced by the second.  Each removal must make the test fail.

    .venv/bin/python tools/shortcuts.py table        # the table of docs/architecture.md
    .venv/bin/python tools/shortcuts.py check [NAME ...]   # remove each guard, run its test

``check`` edits the source file in place for the duration of one pytest run
and always restores it; run it in a clean worktree.
"""
from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "test_shortcuts.py"
_FIELD = re.compile(r"^\s*(where|shortcut|taken only when|guard|remove|not pinned):\s*(.*)$")
_REMOVE = re.compile(r"^`(.*)` -> `(.*)`$")


@dataclass
class Shortcut:
    test: str
    where: str = ""
    shortcut: str = ""
    when: str = ""
    file: str = ""
    function: str = ""
    removals: list[tuple[str, str]] = field(default_factory=list)
    unpinned: str = ""


_ATTRS = {"where": "where", "shortcut": "shortcut", "taken only when": "when",
          "not pinned": "unpinned"}


def _unescape(s: str) -> str:
    return s.replace("\\n", "\n")


def shortcuts(path: Path = TESTS) -> list[Shortcut]:
    """The shortcuts pinned in ``path``, in file order."""
    out = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
            continue
        doc = ast.get_docstring(node) or ""
        if "\nguard:" not in doc:
            continue
        s = Shortcut(node.name)
        key = None
        for line in doc.splitlines():
            m = _FIELD.match(line)
            if m:
                key, value = m.group(1), m.group(2).strip()
                if key == "remove":
                    r = _REMOVE.match(value)
                    if r is None:
                        raise ValueError(f"{node.name}: bad remove line {line!r}")
                    s.removals.append((_unescape(r.group(1)), _unescape(r.group(2))))
                elif key == "guard":
                    s.file, s.function = value.split()
                else:
                    setattr(s, _ATTRS.get(key, key), value)
            elif key in _ATTRS and line.strip():
                attr = _ATTRS[key]
                setattr(s, attr, getattr(s, attr) + " " + line.strip())
            else:
                key = None
        if not (s.where and s.shortcut and s.when and s.file and s.removals):
            raise ValueError(f"{node.name}: where/shortcut/taken only when/guard/remove needed")
        out.append(s)
    return out


def table(items: list[Shortcut] | None = None) -> str:
    """The markdown table of docs/architecture.md."""
    items = shortcuts() if items is None else items
    rows = ["| where | shortcut | taken only when | pinned by |", "| --- | --- | --- | --- |"]
    for s in items:
        cells = [s.where, s.shortcut, s.when, f"`{s.test}`"]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    notes = [f"- `{s.test}`: {s.unpinned}" for s in items if s.unpinned]
    if notes:
        rows += ["", "Guard terms no test can tell apart (kept as defence; the reason):", ""]
        rows += notes
    return "\n".join(rows) + "\n"


def _function_span(tree: ast.Module, name: str) -> tuple[int, int]:
    parts = name.split(".")
    body = tree.body
    node = None
    for part in parts:
        node = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                     and n.name == part), None)
        if node is None:
            raise LookupError(name)
        body = node.body
    assert node is not None and node.end_lineno is not None
    return node.lineno, node.end_lineno


def mutate(text: str, function: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new`` inside ``function`` (exactly once)."""
    lines = text.splitlines(keepends=True)
    a, b = _function_span(ast.parse(text), function)
    body = "".join(lines[a - 1:b])
    n = body.count(old)
    if n != 1:
        raise LookupError(f"{function}: {old!r} occurs {n} times")
    return "".join(lines[:a - 1]) + body.replace(old, new) + "".join(lines[b:])


def check(names: list[str]) -> int:
    """Remove each guard in turn and run its test; count the removals no test
    notices (and those whose text no longer occurs in the guard's function)."""
    python = ROOT / ".venv" / "bin" / "python"
    survived = 0
    for s in shortcuts():
        if names and s.test not in names:
            continue
        path = ROOT / s.file
        original = path.read_text()
        for old, new in s.removals:
            try:
                mutated = mutate(original, s.function, old, new)
            except LookupError as exc:  # the guard's code changed: update the docstring
                survived += 1
                print(f"{'GUARD TEXT NOT FOUND':26s} {s.test}: {s.file} {exc}", flush=True)
                continue
            try:
                path.write_text(mutated)
                r = subprocess.run(
                    [str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                     f"{TESTS}::{s.test}"], cwd=ROOT, capture_output=True, text=True,
                    timeout=120)
                ok = r.returncode != 0
            except subprocess.TimeoutExpired:
                ok = True  # hung: a failure too (the test's own fallbacks should catch it)
            finally:
                path.write_text(original)
            survived += not ok
            print(f"{'fails (good)' if ok else 'PASSES (guard not pinned)':26s} {s.test}: "
                  f"{s.file} {s.function}: {old.strip()!r} -> {new.strip()!r}", flush=True)
    return survived


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["table", "check"])
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    if a.command == "table":
        sys.stdout.write(table())
    else:
        survived = check(a.names)
        print(f"{survived} removal(s) not caught")
        sys.exit(1 if survived else 0)


if __name__ == "__main__":
    main()
